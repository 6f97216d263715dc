#pragma once

#include <core/store/messagerecord.h>

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace Sb::Ui {

// One conversation as bubbles, oldest first: theirs on the left, ours on the right with its
// delivery status under it (queued, sent, delivered, read; failed with the provider's code and
// what it means), and a composer that says which number it sends from. Shows what it is given;
// MessagesView loads it and sends.
class ThreadView final : public QWidget
{
    Q_OBJECT

public:
    explicit ThreadView(QWidget *parent = nullptr);

    void showThread(const QString &title, const QList<Store::MessageRecord> &messages);
    void showNothing(const QString &why);
    QTextBrowser *bubbles() const { return m_bubbles; }
    QPlainTextEdit *composer() const { return m_composer; }
    QPushButton *sendButton() const { return m_send; }
    // Sending from this number (as the region writes it), or why not (empty `from`).
    void setSender(const QString &from, const QString &whyNot = {}, const QString &note = {});
    // The text went to the provider: the composer empties for the next one.
    void sent();
    void sendFailed(); // the text stays for another try
    QString title() const;

    // How a message we sent stands, in words with its tick ("✓✓ delivered").
    static QString statusOf(const Store::MessageRecord &message);

signals:
    void sendRequested(const QString &body);

private:
    void submit();

    QLabel *m_title;
    QTextBrowser *m_bubbles;
    QLabel *m_from;
    QPlainTextEdit *m_composer;
    QPushButton *m_send;
    bool m_canSend = false;
};

} // namespace Sb::Ui
