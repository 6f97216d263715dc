#include "calldetailview.h"

#include "calllistmodel.h"

#include <core/numbering/phonenumberparser.h>

#include <QDateTime>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QVBoxLayout>

namespace Sb::Ui {

namespace {
QString clock(double seconds)
{
    const int whole = int(seconds);
    return QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

QLabel *wrapping(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

CallDetailView::CallDetailView(QWidget *parent)
    : QWidget(parent)
    , m_heading(wrapping(this))
    , m_facts(wrapping(this))
    , m_summary(wrapping(this))
    , m_transcriptHeading(new QLabel(tr("Transcript"), this))
    , m_transcript(new QListWidget(this))
{
    QFont heading = m_heading->font();
    heading.setBold(true);
    heading.setPointSizeF(heading.pointSizeF() * 1.25);
    m_heading->setFont(heading);
    m_heading->setAccessibleName(tr("Call"));
    m_facts->setAccessibleName(tr("When, how long and how it ended"));
    m_summary->setAccessibleName(tr("The assistant's summary"));
    QFont bold = m_transcriptHeading->font();
    bold.setBold(true);
    m_transcriptHeading->setFont(bold);
    m_transcript->setAccessibleName(tr("Transcript"));
    m_transcript->setWordWrap(true);
    m_transcript->setAlternatingRowColors(true);
    m_transcript->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_facts);
    layout->addWidget(m_summary);
    layout->addWidget(m_transcriptHeading);
    layout->addWidget(m_transcript, 1);
    showNothing(tr("Choose a call to see what was said."));
}

void CallDetailView::showNothing(const QString &why)
{
    m_heading->setText(why);
    m_facts->clear();
    m_summary->hide();
    m_transcriptHeading->hide();
    m_transcript->clear();
    m_transcript->hide();
}

void CallDetailView::showCall(const Store::CallRecord &call, const QString &region)
{
    m_heading->setText(Numbering::PhoneNumberParser::formatForRegion(call.counterpartE164, region));
    QStringList facts;
    facts.append(
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(call.startedAt), QLocale::ShortFormat));
    facts.append(
        call.isInbound
            ? tr("incoming on %1")
                  .arg(Numbering::PhoneNumberParser::formatForRegion(call.toE164, region))
            : tr("outgoing from %1")
                  .arg(Numbering::PhoneNumberParser::formatForRegion(call.fromE164, region)));
    if (call.durationSeconds)
        facts.append(clock(*call.durationSeconds));
    facts.append(CallListModel::outcomeOf(call));
    if (!call.endedReason.isEmpty())
        facts.append(tr("ended: %1").arg(QString(call.endedReason).replace(u'-', u' ')));
    m_facts->setText(facts.join(QStringLiteral(" · ")));
    m_summary->setVisible(!call.summary.isEmpty());
    m_summary->setText(tr("<b>Summary:</b> %1").arg(call.summary.toHtmlEscaped()));

    m_transcript->clear();
    const QList<Store::TranscriptTurn> turns = Store::transcriptTurns(call.transcriptJson);
    for (const Store::TranscriptTurn &turn : turns) {
        // The speaker is a word, not only a colour.
        const QString speaker = turn.speaker == Store::TranscriptTurn::Speaker::Assistant
            ? tr("Assistant")
            : tr("Caller");
        auto *item = new QListWidgetItem(
            QStringLiteral("%1  %2:  %3").arg(clock(turn.startSeconds), speaker, turn.text),
            m_transcript);
        item->setData(Qt::UserRole, turn.startSeconds);
        item->setData(Qt::AccessibleTextRole,
                      tr("%1 at %2: %3").arg(speaker, clock(turn.startSeconds), turn.text));
        if (turn.speaker == Store::TranscriptTurn::Speaker::Assistant)
            item->setForeground(palette().color(QPalette::Link));
    }
    if (turns.isEmpty() && !call.transcript.isEmpty())
        new QListWidgetItem(call.transcript, m_transcript); // an older report: the flat text
    const bool hasTranscript = m_transcript->count() > 0;
    m_transcriptHeading->setVisible(hasTranscript);
    m_transcript->setVisible(hasTranscript);
}

QString CallDetailView::summaryText() const
{
    return m_summary->isVisible() ? m_summary->text() : QString();
}

} // namespace Sb::Ui
