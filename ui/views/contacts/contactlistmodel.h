#pragma once

#include <ui/frame/page.h>
#include <ui/frame/pagedrowsmodel.h>

#include <core/store/contactstore.h>

#include <QAbstractTableModel>

namespace Sb::Ui {

// The tenant's unified contacts, alphabetical, read a page at a time as the list scrolls
// (100,000 contacts cost what is on screen), for a search typed in the box. Reads go through
// the store thread; an answer for an older search or tenant is dropped.
class ContactListModel final : public PagedRowsModel<Store::Contact, ContactId>
{
    Q_OBJECT

public:
    enum Column { NameColumn, PhoneColumn, EmailColumn, SourcesColumn, ColumnCount };
    static constexpr int kPageSize = 200;

    ContactListModel(const ConsoleContext &context, QObject *parent = nullptr);

    void showTenant(const Store::TenantScope &tenant);
    void setSearch(const Store::ContactSearch &search);
    void refresh(); // the rows shown, read again (a sync stored more)
    const Store::Contact *contactAt(int row) const { return rowAt(row); }
    bool isLoading() const { return m_isLoading; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static QString sourcesText(const Store::Contact &contact);

signals:
    void loaded();
    void loadFailed(const QString &message);

private:
    void load(bool append, int limit);

    ConsoleContext m_context;
    std::optional<Store::TenantScope> m_tenant;
    Store::ContactSearch m_search;
    QString m_region;
    quint64 m_generation = 0;
    bool m_isLoading = false;
    bool m_hasMore = false;
};

} // namespace Sb::Ui
