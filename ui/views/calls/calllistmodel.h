#pragma once

#include <ui/frame/page.h>

#include <core/store/callrecord.h>

#include <QAbstractTableModel>

namespace Sb::Ui {

// A tenant's calls, newest first, as the Calls list shows them. It holds a bounded window of
// rows loaded page by page through the store's keyset pages (never all of them, never OFFSET),
// loads the next page when the view scrolls near the end, and merges in new and changed calls
// when the store says calls changed, keeping rows (and so the selection) in place. Every load
// runs on a store thread; data() reads only what is loaded.
class CallListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        DirectionColumn,
        CounterpartColumn,
        NameColumn,
        OurNumberColumn,
        DurationColumn,
        OutcomeColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Role { CallIdRole = Qt::UserRole + 1 };
    static constexpr int kPageSize = 200;
    static constexpr int kMaxRows = 20'000; // the window: what scrolling may load at most

    CallListModel(const ConsoleContext &context, QObject *parent = nullptr);

    // From the first page again; rows of the previous tenant are gone at once.
    void showTenant(const Store::TenantScope &tenant);
    // The end of the list at once (Ctrl+End): the oldest page, the oldest call last; scrolling
    // up from there loads newer pages (fetchNewer). showNewest goes back to the top (Ctrl+Home).
    void showOldest();
    void showNewest();
    // Newer calls than the first row exist and are not loaded (after showOldest).
    bool canFetchNewer() const;
    void fetchNewer();
    // Only the calls that match from now on (an empty search: all of them), from the first page.
    void setSearch(const Store::CallSearch &search);
    const Store::CallSearch &search() const { return m_search; }
    // What someone typed in the search box: a number in any format ("(617) 555-0143" finds
    // +16175550143) or words of the summary and transcript.
    static Store::CallSearch searchOf(const QString &text, const QString &region);
    // The newest page read again and merged (a change event, a retry).
    void refresh();
    // A call the store says changed, if shown: read again in place, or taken out (callRemoved)
    // when it is gone, wherever it is in the window (refresh sees only the newest page).
    void recheck(CallId id);
    const Store::CallRecord *callAt(int row) const;
    int rowOf(CallId id) const;
    bool isLoading() const { return m_isLoading; }

    // What people call the outcome of a call: a short word ("Booked" is the summary's business).
    static QString outcomeOf(const Store::CallRecord &call);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadingChanged(bool isLoading);
    void loadFailed(const QString &message);
    void loaded(); // a page arrived (or the store had none)
    // Newer rows went in above the first one (fetchNewer): a view keeps what it showed in place.
    void newerInserted(int count);
    // A call shown was deleted (here or by another process): its row is gone.
    void callRemoved(const Sb::Store::CallRecord &call);

private:
    void setLoading(bool isLoading);
    void merge(const QList<Store::CallRecord> &newest);
    void reset();
    // A page from the store, then `apply` with it unless the tenant or search changed meanwhile.
    void loadPage(const Store::CallCursor &after,
                  Store::CallOrder order,
                  std::function<void(QList<Store::CallRecord>)> apply);

    ConsoleContext m_context;
    std::optional<Store::TenantScope> m_tenant;
    Store::CallSearch m_search;
    QList<Store::CallRecord> m_calls;
    QString m_region;
    quint64 m_generation = 0; // a page for a tenant no longer shown is dropped
    bool m_isLoading = false;
    bool m_isAtEnd = false; // no older calls than the last row
    bool m_hasNewer = false; // newer calls than the first row, not loaded (after showOldest)
};

} // namespace Sb::Ui
