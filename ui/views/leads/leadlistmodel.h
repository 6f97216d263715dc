#pragma once

#include <ui/frame/page.h>
#include <ui/frame/pagedrowsmodel.h>

#include <core/store/leadstore.h>

#include <QAbstractTableModel>

namespace Sb::Ui {

// A tenant's leads, the newest first, narrowed by a search (LeadStore::search on a store
// thread), page by page as the list scrolls. A change reloads what is shown and keeps the rows
// found by id, so the chosen lead stays chosen.
class LeadListModel final : public PagedRowsModel<Store::Lead, LeadId>
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        PhoneColumn,
        EmailColumn,
        StatusColumn,
        SourceColumn,
        AddedColumn,
        ColumnCount
    };
    enum Role { LeadIdRole = Qt::UserRole + 1 };
    static constexpr int kPageSize = 200;
    static constexpr int kMaxRows = 5000;

    LeadListModel(const ConsoleContext &context, QObject *parent = nullptr);

    void showTenant(const Store::TenantScope &tenant);
    void setSearch(const Store::LeadSearch &search);
    const Store::LeadSearch &search() const { return m_search; }
    // What someone typed: a number in any format, or part of a name or email.
    static Store::LeadSearch searchOf(const QString &text, const QString &region);
    // The rows shown, read again (a change, a retry).
    void refresh();
    const Store::Lead *leadAt(int row) const { return rowAt(row); }
    bool isLoading() const { return m_isLoading; }
    // A lead's status as people say it ("new" → "New").
    static QString statusName(const QString &status);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loaded();
    void loadFailed(const QString &message);

private:
    // Up to `limit` leads after `after`; `replace`: they are the whole list (a reload).
    void load(const std::optional<Store::Lead> &after, int limit, bool replace);

    ConsoleContext m_context;
    std::optional<Store::TenantScope> m_tenant;
    Store::LeadSearch m_search;
    QString m_region;
    quint64 m_generation = 0;
    bool m_isLoading = false;
    bool m_isAtEnd = false;
};

} // namespace Sb::Ui
