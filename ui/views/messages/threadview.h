#pragma once

#include <core/common/result.h>
#include <core/store/messagerecord.h>

#include <QHash>
#include <QImage>

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace Sb::Ui {

// One conversation as bubbles, oldest first: theirs on the left, ours on the right with its
// delivery status under it (queued, sent, delivered, read; failed with the provider's code and
// what it means), what came with a message (pictures inline, other files as links that open
// them), and a composer that says which number it sends from. Shows what it is given;
// MessagesView loads it, fetches the media it asks for (mediaWanted) and sends.
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
    // Which line a new conversation goes from, when there is a choice (fewer than two: none shown).
    void setLineChoices(const QStringList &choices, int current);
    QComboBox *lineChoice() const { return m_line; }
    // The text went to the provider: the composer empties for the next one.
    void sent();
    void sendFailed(); // the text stays for another try
    QString title() const;

    // How a message we sent stands, in words with its tick ("✓✓ delivered").
    static QString statusOf(const Store::MessageRecord &message);
    // A medium asked for by mediaWanted: its file on this computer, or why not.
    void setMediaFile(const QString &url, const Result<QString> &file);
    // How many of the shown media are pictures on screen (tests).
    int picturesShown() const;

signals:
    void sendRequested(const QString &body);
    void lineChosen(int choice);
    // Fetch this medium (once per address) and answer with setMediaFile.
    void mediaWanted(const Sb::Store::MessageMedia &media);

private:
    void submit();
    void render();
    QString mediaHtml(const Store::MessageMedia &media);

    // Each medium shown: being fetched, on disk (a picture also as its scaled image), or why not.
    struct MediaState
    {
        enum class Stage { Fetching, Ready, Failed };
        Stage stage = Stage::Fetching;
        QString file;
        QString why;
        QImage picture;
    };
    QHash<QString, MediaState> m_media; // by the medium's address
    QString m_shownTitle;
    QList<Store::MessageRecord> m_messages;

    QLabel *m_title;
    QTextBrowser *m_bubbles;
    QComboBox *m_line;
    QLabel *m_from;
    QPlainTextEdit *m_composer;
    QPushButton *m_send;
    bool m_canSend = false;
};

} // namespace Sb::Ui
