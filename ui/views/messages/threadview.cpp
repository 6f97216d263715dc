#include "threadview.h"

#include <ui/frame/when.h>

#include <core/common/continuation.h>
#include <core/providers/twilio/twilioclient.h>

#include <QDateTime>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Sb::Ui {

ThreadView::ThreadView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_bubbles(new QTextBrowser(this))
    , m_line(new QComboBox(this))
    , m_from(new QLabel(this))
    , m_composer(new QPlainTextEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
{
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_title->setAccessibleName(tr("Conversation"));
    m_bubbles->setAccessibleName(tr("Messages of the conversation"));
    m_bubbles->setOpenLinks(false);
    m_from->setAccessibleName(tr("Sent from"));
    m_from->setWordWrap(true);
    m_composer->setAccessibleName(tr("Message"));
    m_composer->setPlaceholderText(tr("Write a message… (Ctrl+Enter sends)"));
    m_composer->setTabChangesFocus(true);
    m_composer->setMaximumHeight(m_composer->fontMetrics().height() * 4);
    m_send->setAccessibleName(tr("Send the message"));
    m_send->setEnabled(false);
    auto *sendRow = new QHBoxLayout;
    m_line->setAccessibleName(tr("Send from"));
    m_line->setVisible(false);
    sendRow->addWidget(m_line);
    sendRow->addWidget(m_from, 1);
    sendRow->addWidget(m_send);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_bubbles, 1);
    layout->addWidget(m_composer);
    layout->addLayout(sendRow);
    connect(m_composer, &QPlainTextEdit::textChanged, this, [this] {
        m_send->setEnabled(m_canSend && !m_composer->toPlainText().trimmed().isEmpty());
    });
    connect(m_send, &QPushButton::clicked, this, &ThreadView::submit);
    connect(m_line, &QComboBox::currentIndexChanged, this, &ThreadView::lineChosen);
    // A file that came with a message opens in the program the desktop has for it.
    connect(m_bubbles, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        if (url.isLocalFile())
            QDesktopServices::openUrl(url);
    });
    auto *submitKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_composer);
    submitKey->setContext(Qt::WidgetShortcut);
    connect(submitKey, &QShortcut::activated, this, &ThreadView::submit);
}

void ThreadView::setSender(const QString &from, const QString &whyNot, const QString &note)
{
    m_canSend = !from.isEmpty();
    const QString sender =
        note.isEmpty() ? tr("From %1").arg(from) : tr("From %1 · %2").arg(from, note);
    m_from->setText(m_canSend ? sender : whyNot);
    m_composer->setEnabled(m_canSend);
    m_send->setEnabled(m_canSend && !m_composer->toPlainText().trimmed().isEmpty());
}

void ThreadView::setLineChoices(const QStringList &choices, int current)
{
    const QSignalBlocker quiet(m_line); // what the view sets is not the user's choice
    m_line->clear();
    m_line->addItems(choices);
    m_line->setCurrentIndex(current);
    m_line->setVisible(choices.size() > 1);
}

void ThreadView::submit()
{
    const QString body = m_composer->toPlainText().trimmed();
    if (!m_canSend || body.isEmpty() || !m_send->isEnabled())
        return;
    m_send->setEnabled(false); // until the provider answers
    emit sendRequested(body);
}

void ThreadView::sent()
{
    m_composer->clear();
}

void ThreadView::sendFailed()
{
    m_send->setEnabled(m_canSend && !m_composer->toPlainText().trimmed().isEmpty());
}

QString ThreadView::title() const
{
    return m_title->text();
}

void ThreadView::showNothing(const QString &why)
{
    m_messages.clear();
    m_media.clear();
    m_title->setText(why);
    m_bubbles->clear();
}

QString ThreadView::statusOf(const Store::MessageRecord &message)
{
    const QString &status = message.status;
    if (status == u"delivered")
        return tr("✓✓ delivered");
    if (status == u"read")
        return tr("✓✓ read");
    if (status == u"sent")
        return tr("✓ sent");
    if (status == u"failed" || status == u"undelivered") {
        const QString meaning = Providers::Twilio::TwilioClient::explain(message.errorCode);
        QString text = status == u"failed" ? tr("✗ not sent") : tr("✗ not delivered");
        if (!message.errorCode.isEmpty())
            text += QStringLiteral(" (%1)").arg(message.errorCode);
        if (!meaning.isEmpty())
            text += QStringLiteral(": ") + meaning;
        return text;
    }
    return tr("◷ on its way"); // queued, accepted, sending
}

void ThreadView::showThread(const QString &title, const QList<Store::MessageRecord> &messages)
{
    m_shownTitle = title;
    m_messages = messages;
    render();
    m_bubbles->verticalScrollBar()->setValue(m_bubbles->verticalScrollBar()->maximum());
}

void ThreadView::render()
{
    m_title->setText(m_shownTitle);
    const QPalette colours = palette();
    const QString theirs = colours.color(QPalette::AlternateBase).name();
    const QString ours = colours.color(QPalette::Highlight).lighter(170).name();
    QString html;
    for (const Store::MessageRecord &message : std::as_const(m_messages)) {
        const QString when = dayAndTime(message.sentAt);
        QString body = message.body.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
        for (const Store::MessageMedia &media : message.media)
            body += (body.isEmpty() ? QString() : QStringLiteral("<br>")) + mediaHtml(media);
        const QString under =
            message.isInbound ? when : when + QStringLiteral(" · ") + statusOf(message);
        // A table per bubble: QTextBrowser's HTML has no floats.
        html +=
            QStringLiteral(
                "<table width='100%' cellspacing='0' cellpadding='0'><tr><td align='%1'>"
                "<table cellpadding='8' style='background-color:%2'><tr><td>%3</td></tr></table>"
                "<div style='font-size:small;color:gray'>%4</div></td></tr></table><br>")
                .arg(message.isInbound ? QStringLiteral("left") : QStringLiteral("right"),
                     message.isInbound ? theirs : ours,
                     body,
                     under.toHtmlEscaped());
    }
    if (m_messages.isEmpty()) {
        html = QStringLiteral("<p align='center' style='color:gray'>%1</p>")
                   .arg(tr("No messages yet: the first one is written below.").toHtmlEscaped());
    }
    const int scrolled = m_bubbles->verticalScrollBar()->value();
    m_bubbles->setHtml(html);
    // setHtml clears the document's resources: the pictures go back in, then the layout.
    for (auto it = m_media.cbegin(); it != m_media.cend(); ++it) {
        if (!it->picture.isNull()) {
            m_bubbles->document()->addResource(
                QTextDocument::ImageResource, QUrl(QStringLiteral("sbmedia:") + it.key()), it->picture);
        }
    }
    m_bubbles->document()->markContentsDirty(0, m_bubbles->document()->characterCount());
    m_bubbles->verticalScrollBar()->setValue(scrolled);
}

QString ThreadView::mediaHtml(const Store::MessageMedia &media)
{
    const QString kind = media.isImage() ? tr("Picture") : tr("File (%1)").arg(media.contentType);
    auto state = m_media.constFind(media.url);
    if (state == m_media.cend()) {
        m_media.insert(media.url, {});
        emit mediaWanted(media);
        state = m_media.constFind(media.url);
    }
    switch (state->stage) {
    case MediaState::Stage::Fetching:
        return QStringLiteral("<span style='color:gray'>📎 %1</span>")
            .arg(tr("%1, fetching…").arg(kind).toHtmlEscaped());
    case MediaState::Stage::Failed:
        return QStringLiteral("<span style='color:gray'>📎 %1</span>")
            .arg(tr("%1 could not be fetched: %2").arg(kind, state->why).toHtmlEscaped());
    case MediaState::Stage::Ready:
        break;
    }
    const QString link = QUrl::fromLocalFile(state->file).toString(QUrl::FullyEncoded);
    if (!state->picture.isNull()) {
        return QStringLiteral("<a href='%1'><img src='sbmedia:%2' alt='%3'></a>")
            .arg(link, media.url.toHtmlEscaped(), tr("Picture (opens it)").toHtmlEscaped());
    }
    return QStringLiteral("<a href='%1'>📎 %2</a>")
        .arg(link, tr("%1: open").arg(kind).toHtmlEscaped());
}

void ThreadView::setMediaFile(const QString &url, const Result<QString> &file)
{
    auto state = m_media.find(url);
    if (state == m_media.end())
        return; // another conversation's, since
    if (!file) {
        state->stage = MediaState::Stage::Failed;
        state->why = file.error().message;
        render();
        return;
    }
    state->file = *file;
    bool isImage = false;
    for (const Store::MessageRecord &message : std::as_const(m_messages)) {
        for (const Store::MessageMedia &media : message.media)
            isImage = isImage || (media.url == url && media.isImage());
    }
    if (!isImage) {
        state->stage = MediaState::Stage::Ready;
        render();
        return;
    }
    // Decoded and scaled on a worker: a phone's photo is megabytes.
    const int side = fontMetrics().height() * 16;
    onFinished(this,
               QtConcurrent::run([path = *file, side] {
                   const QImage image(path);
                   return image.isNull() ? image
                                         : image.scaled(side, side, Qt::KeepAspectRatio,
                                                        Qt::SmoothTransformation);
               }),
               [this, url](QImage picture) {
                   auto state = m_media.find(url);
                   if (state == m_media.end())
                       return;
                   state->stage = MediaState::Stage::Ready;
                   state->picture = std::move(picture); // null: offered as a file instead
                   render();
               });
}

int ThreadView::picturesShown() const
{
    int shown = 0;
    for (const MediaState &state : m_media)
        shown += state.picture.isNull() ? 0 : 1;
    return shown;
}

} // namespace Sb::Ui
