#include "calldetailview.h"

#include "calllistmodel.h"
#include "recordingplayer.h"

#include <ui/frame/when.h>
#include <ui/frame/icons.h>

#include <core/numbering/phonenumberparser.h>

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QToolButton>
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
    , m_delete(new QToolButton(this))
    , m_facts(wrapping(this))
    , m_player(new RecordingPlayer(this))
    , m_summary(wrapping(this))
    , m_transcriptHeading(new QLabel(tr("Transcript"), this))
    , m_transcript(new QListWidget(this))
    , m_notesHeading(new QLabel(tr("Notes"), this))
    , m_notes(new QListWidget(this))
    , m_noteEditor(new QPlainTextEdit(this))
    , m_saveNote(new QPushButton(tr("Add note"), this))
    , m_cancelEdit(new QPushButton(tr("Cancel"), this))
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
    m_notesHeading->setFont(bold);
    m_notes->setAccessibleName(tr("Notes on this call"));
    m_notes->setWordWrap(true);
    m_notes->setToolTip(tr("Double-click one of your notes (or press Enter on it) to change it"));
    m_noteEditor->setAccessibleName(tr("Note"));
    m_noteEditor->setPlaceholderText(tr("Add a note… (Ctrl+Enter)"));
    m_noteEditor->setTabChangesFocus(true);
    m_noteEditor->setMaximumHeight(m_noteEditor->fontMetrics().height() * 4);
    m_saveNote->setAccessibleName(tr("Save the note"));
    m_saveNote->setEnabled(false);
    m_cancelEdit->hide();
    auto *noteButtons = new QHBoxLayout;
    noteButtons->addStretch(1);
    noteButtons->addWidget(m_cancelEdit);
    noteButtons->addWidget(m_saveNote);
    m_delete->setText(tr("Delete call…"));
    m_delete->setIcon(consoleIcon(QStringLiteral("delete")));
    m_delete->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_delete->setAutoRaise(true);
    m_delete->setAccessibleName(tr("Delete this call"));
    m_delete->setToolTip(tr("Delete this call with its recording, transcript and notes (Delete)"));
    m_delete->hide();
    connect(m_delete, &QToolButton::clicked, this, [this] {
        if (m_shownCall.isValid())
            emit deleteRequested(m_shownCall);
    });
    auto *headingRow = new QHBoxLayout;
    headingRow->addWidget(m_heading, 1);
    headingRow->addWidget(m_delete, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(headingRow);
    layout->addWidget(m_facts);
    layout->addLayout(m_actions = new QHBoxLayout);
    layout->addWidget(m_player);
    layout->addWidget(m_summary);
    layout->addWidget(m_transcriptHeading);
    layout->addWidget(m_transcript, 3);
    layout->addWidget(m_notesHeading);
    layout->addWidget(m_notes, 1);
    layout->addWidget(m_noteEditor);
    layout->addLayout(noteButtons);
    connect(m_noteEditor, &QPlainTextEdit::textChanged, this, [this] {
        m_saveNote->setEnabled(!m_noteEditor->toPlainText().trimmed().isEmpty());
    });
    connect(m_saveNote, &QPushButton::clicked, this, &CallDetailView::submitNote);
    connect(m_cancelEdit, &QPushButton::clicked, this, &CallDetailView::stopEditing);
    auto *submit = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_noteEditor);
    submit->setContext(Qt::WidgetShortcut);
    connect(submit, &QShortcut::activated, this, &CallDetailView::submitNote);
    // Double-click or Enter on one of your notes.
    connect(m_notes, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (StaffId(item->data(Qt::UserRole + 1).toLongLong()) == m_me)
            startEditing(item->data(Qt::UserRole).toLongLong(),
                         item->data(Qt::UserRole + 2).toString());
    });
    // The transcript follows the recording; a click on a turn plays from there.
    connect(m_player, &RecordingPlayer::positionChanged, this, &CallDetailView::followRecording);
    connect(m_transcript, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (!m_player->hasMedia() || !item->data(Qt::UserRole).isValid())
            return;
        m_player->seekTo(qint64(item->data(Qt::UserRole).toDouble() * 1000));
        m_player->play();
    });
    showNothing(tr("Choose a call to see what was said."));
}

int CallDetailView::turnAt(qint64 milliseconds) const
{
    int spoken = -1;
    for (int row = 0; row < m_transcript->count(); ++row) {
        const QVariant start = m_transcript->item(row)->data(Qt::UserRole);
        if (!start.isValid() || qint64(start.toDouble() * 1000) > milliseconds)
            break;
        spoken = row;
    }
    return spoken;
}

void CallDetailView::followRecording(qint64 milliseconds)
{
    if (!m_player->hasMedia())
        return;
    const int row = turnAt(milliseconds);
    if (row < 0 || row == m_transcript->currentRow())
        return;
    m_transcript->setCurrentRow(row);
    m_transcript->scrollToItem(m_transcript->item(row), QAbstractItemView::EnsureVisible);
}

void CallDetailView::showNotes(const QList<Store::CallNote> &notes, StaffId me)
{
    m_me = me;
    m_notes->clear();
    for (const Store::CallNote &note : notes) {
        QString when = dayAndTime(note.createdAt);
        if (note.updatedAt > 0)
            when += tr(" (edited)");
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 · %2\n%3").arg(note.authorName, when, note.body), m_notes);
        item->setData(Qt::UserRole, note.id);
        item->setData(Qt::UserRole + 1, note.authorId.value());
        item->setData(Qt::UserRole + 2, note.body);
        item->setData(Qt::AccessibleTextRole,
                      tr("Note by %1, %2: %3").arg(note.authorName, when, note.body));
    }
    m_notesHeading->setText(notes.isEmpty() ? tr("Notes") : tr("Notes (%1)").arg(notes.size()));
}

void CallDetailView::submitNote()
{
    const QString body = m_noteEditor->toPlainText().trimmed();
    if (body.isEmpty())
        return;
    m_saveNote->setEnabled(false); // until the store answers
    if (m_editingNote != 0)
        emit noteEdited(m_editingNote, body);
    else
        emit noteSubmitted(body);
}

void CallDetailView::noteSaved()
{
    stopEditing();
}

void CallDetailView::startEditing(qint64 noteId, const QString &body)
{
    m_editingNote = noteId;
    m_noteEditor->setPlainText(body);
    m_saveNote->setText(tr("Save changes"));
    m_cancelEdit->show();
    m_noteEditor->setFocus();
}

void CallDetailView::stopEditing()
{
    m_editingNote = 0;
    m_noteEditor->clear();
    m_saveNote->setText(tr("Add note"));
    m_cancelEdit->hide();
}

void CallDetailView::showNothing(const QString &why)
{
    m_heading->setText(why);
    m_facts->clear();
    m_summary->hide();
    m_transcriptHeading->hide();
    m_transcript->clear();
    m_transcript->hide();
    m_notes->clear();
    m_player->clear();
    m_shownCall = CallId();
    m_delete->hide();
    stopEditing();
}

void CallDetailView::setMayDelete(bool mayDelete)
{
    m_mayDelete = mayDelete;
    m_delete->setVisible(mayDelete && m_shownCall.isValid());
}

void CallDetailView::showCall(const Store::CallRecord &call, const QString &region)
{
    if (call.id != m_shownCall) {
        // Another call: what was typed for the last one does not follow.
        m_shownCall = call.id;
        stopEditing();
        m_notes->clear();
    }
    m_delete->setVisible(m_mayDelete);
    const QString number =
        Numbering::PhoneNumberParser::formatForRegion(call.counterpartE164, region);
    m_heading->setText(call.counterpartName.isEmpty()
                           ? number
                           : QStringLiteral("%1 · %2").arg(call.counterpartName, number));
    QStringList facts;
    facts.append(dayAndTime(call.startedAt));
    facts.append(
        call.isInbound
            ? tr("incoming on %1")
                  .arg(Numbering::PhoneNumberParser::formatForRegion(call.toE164, region))
            : tr("outgoing from %1")
                  .arg(Numbering::PhoneNumberParser::formatForRegion(call.fromE164, region)));
    if (call.durationSeconds)
        facts.append(clock(*call.durationSeconds));
    facts.append(CallListModel::outcomeOf(call));
    // Where the call came from: a staff member's own line says so (the clinic's lines need not).
    if (call.ownerStaff.isValid() && call.provider == u"ringcentral")
        facts.append(tr("a staff member's RingCentral line"));
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

void CallDetailView::addAction(QWidget *action)
{
    action->setParent(this);
    m_actions->addWidget(action);
}

QString CallDetailView::summaryText() const
{
    return m_summary->isVisible() ? m_summary->text() : QString();
}

} // namespace Sb::Ui
