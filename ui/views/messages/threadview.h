#pragma once

#include <core/store/messagerecord.h>

#include <QWidget>

class QLabel;
class QTextBrowser;

namespace Sb::Ui {

// One conversation as bubbles, oldest first: theirs on the left, ours on the right with its
// delivery status under it (queued, sent, delivered, read; failed with the provider's code and
// what it means). Shows what it is given; MessagesView loads it.
class ThreadView final : public QWidget
{
    Q_OBJECT

public:
    explicit ThreadView(QWidget *parent = nullptr);

    void showThread(const QString &title, const QList<Store::MessageRecord> &messages);
    void showNothing(const QString &why);
    QTextBrowser *bubbles() const { return m_bubbles; }
    QString title() const;

    // How a message we sent stands, in words with its tick ("✓✓ delivered").
    static QString statusOf(const Store::MessageRecord &message);

private:
    QLabel *m_title;
    QTextBrowser *m_bubbles;
};

} // namespace Sb::Ui
