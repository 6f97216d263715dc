#pragma once

#include <core/store/callnotestore.h>
#include <core/store/callrecord.h>
#include <core/store/transcript.h>

#include <QWidget>

class QLabel;
class QHBoxLayout;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace Sb::Ui {

class RecordingPlayer;

// One call: who, when, how long, the outcome; its recording; the assistant's summary and why
// the call ended; the transcript as speaker turns with their times, the turn being spoken
// highlighted as the recording plays (a click on a turn plays from there). Shows what it is
// given; CallsView loads it and fetches the recording.
class CallDetailView final : public QWidget
{
    Q_OBJECT

public:
    explicit CallDetailView(QWidget *parent = nullptr);

    void showCall(const Store::CallRecord &call, const QString &region);
    void showNothing(const QString &why);
    // Owners and admins see "Delete call…" on a call shown.
    void setMayDelete(bool mayDelete);
    QToolButton *deleteButton() const { return m_delete; }
    // The call whose details are shown (once loaded); invalid when none is.
    CallId shownCall() const { return m_shownCall; }
    // The call's notes; `me` may edit their own (double-click, or select and Edit).
    void showNotes(const QList<Store::CallNote> &notes, StaffId me);
    // After a note was stored: the editor empties and is ready for the next one.
    void noteSaved();
    QListWidget *transcript() const { return m_transcript; }
    RecordingPlayer *player() const { return m_player; }
    // The transcript row spoken at this point of the recording (-1: none yet).
    int turnAt(qint64 milliseconds) const;
    QListWidget *notes() const { return m_notes; }
    QPlainTextEdit *noteEditor() const { return m_noteEditor; }
    QPushButton *saveNoteButton() const { return m_saveNote; }
    QString summaryText() const;
    // A page's own action about the call (calling the person back), under the facts.
    void addAction(QWidget *action);

signals:
    void noteSubmitted(const QString &body); // a new note
    void noteEdited(qint64 noteId, const QString &body);
    void deleteRequested(CallId call);

private:
    void submitNote();
    void startEditing(qint64 noteId, const QString &body);
    void stopEditing();
    void followRecording(qint64 milliseconds);

    QLabel *m_heading;
    QToolButton *m_delete;
    QLabel *m_facts;
    QHBoxLayout *m_actions = nullptr;
    RecordingPlayer *m_player;
    QLabel *m_summary;
    QLabel *m_transcriptHeading;
    QListWidget *m_transcript;
    QLabel *m_notesHeading;
    QListWidget *m_notes;
    QPlainTextEdit *m_noteEditor;
    QPushButton *m_saveNote;
    QPushButton *m_cancelEdit;
    qint64 m_editingNote = 0; // 0: the editor writes a new note
    CallId m_shownCall;
    StaffId m_me;
    bool m_mayDelete = false;
};

} // namespace Sb::Ui
