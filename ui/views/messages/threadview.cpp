#include "threadview.h"

#include <ui/frame/when.h>

#include <core/providers/twilio/twilioclient.h>

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Sb::Ui {

ThreadView::ThreadView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_bubbles(new QTextBrowser(this))
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
    m_title->setText(title);
    const QPalette colours = palette();
    const QString theirs = colours.color(QPalette::AlternateBase).name();
    const QString ours = colours.color(QPalette::Highlight).lighter(170).name();
    QString html;
    for (const Store::MessageRecord &message : messages) {
        const QString when = dayAndTime(message.sentAt);
        const QString body = message.body.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
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
    if (messages.isEmpty()) {
        html = QStringLiteral("<p align='center' style='color:gray'>%1</p>")
                   .arg(tr("No messages yet: the first one is written below.").toHtmlEscaped());
    }
    m_bubbles->setHtml(html);
    m_bubbles->verticalScrollBar()->setValue(m_bubbles->verticalScrollBar()->maximum());
}

} // namespace Sb::Ui
