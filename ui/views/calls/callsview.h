#pragma once

#include <ui/frame/page.h>

#include <core/common/id.h>
#include <core/store/callrecord.h>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace Sb::Store {
class ChangeSubscription;
}

namespace Sb::Ui {

class CallDeletion;
class CallDetailView;
class CallFilterBar;
class CallListModel;

// The Calls page: the tenant's calls, newest first, beside the one chosen (summary, transcript).
// Live: calls stored by anyone (this console, `serve`, another machine) appear or update in place
// without a refresh, keeping the selection. J/K or Up/Down move between calls.
class CallsView final : public Page
{
    Q_OBJECT

public:
    CallsView(const ConsoleContext &context, QWidget *parent = nullptr);
    ~CallsView() override; // keeps the splitter and the columns as the user left them

    QString title() const override;
    QIcon icon() const override;
    void showTenant(const CurrentTenant &tenant) override;
    void retry() override;
    bool opens(Destination::Kind kind) const override;
    // A call: the calls with its person's number, that one chosen.
    bool open(const Destination &destination) override;

    CallListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    CallDetailView *detail() const { return m_detail; }
    CallFilterBar *filters() const { return m_filters; }
    QLineEdit *searchBox() const;
    QComboBox *whenFilter() const;
    QComboBox *directionFilter() const;
    QComboBox *outcomeFilter() const;
    CallId selectedCall() const;

signals:
    void callShown(CallId id); // the detail shows this call, loaded whole
    void notesShown(CallId id); // and its notes

protected:
    void leaveTenant() override { forgetRecording(); } // the clinic left is heard no more

private:
    void showSelected();
    void loadDetail(CallId id);
    // The call's recording, fetched (or taken from the cache) into the detail's player.
    void showRecording(const Store::CallRecord &call);
    void forgetRecording();
    void loadNotes(CallId id);
    // Owners and admins: asks, then deletes; the row and the cached recording go when the
    // store announces it (forgetCall), as for a call deleted elsewhere.
    void confirmDeletion(CallId id);
    void forgetCall(const Store::CallRecord &call);
    void addNote(const QString &body);
    void editNote(qint64 noteId, const QString &body);
    void updateEmptyState();
    void selectRow(int row);
    // The search box and the filters, as one search of the store.
    void applySearch();

    CallListModel *m_model;
    CallFilterBar *m_filters;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QSplitter *m_splitter;
    QTableView *m_table;
    CallDetailView *m_detail;
    class DeskPhoneCall *m_callBack; // the caller, from the staff member's desk phone
    Store::ChangeSubscription *m_subscription = nullptr;
    QString m_region;
    quint64 m_detailGeneration = 0;
    CallId m_recordingCall; // whose recording the player has, or is fetching
    QString m_recordingUrl;
    quint64 m_recordingGeneration = 0;
    CallDeletion *m_deletion;
    CallId m_wantedCall; // chosen once the list has it (opened from another page)
    bool m_isJumpingToOldest = false; // Ctrl+End: the oldest call is chosen once it is there
    bool m_isSized = false; // columns fitted to the first rows shown
    bool m_hasSavedColumns = false; // the user's widths from a previous run
};

} // namespace Sb::Ui
