#include "contactlistmodel.h"

#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/oauth/authorizationserver.h>
#include <core/store/asyncstore.h>

namespace Sb::Ui {

ContactListModel::ContactListModel(const ConsoleContext &context, QObject *parent)
    : PagedRowsModel(parent)
    , m_context(context)
    , m_region(Numbering::PhoneNumberParser::configuredRegion())
{}

void ContactListModel::showTenant(const Store::TenantScope &tenant)
{
    m_tenant = tenant;
    replaceRows({});
    load(false, kPageSize);
}

void ContactListModel::setSearch(const Store::ContactSearch &search)
{
    m_search = search;
    load(false, kPageSize);
}

void ContactListModel::refresh()
{
    // As many rows as are shown, so a scrolled list keeps its place.
    load(false, std::max<int>(kPageSize, int(rows().size())));
}

void ContactListModel::load(bool append, int limit)
{
    if (!m_tenant)
        return;
    const quint64 generation = ++m_generation;
    m_isLoading = true;
    std::optional<Store::Contact> after;
    if (append && !rows().isEmpty())
        after = rows().constLast();
    auto page = Store::AsyncStore<Store::ContactStore>(m_context.database)
                    .call(&Store::ContactStore::search, *m_tenant, m_search, limit + 1, after);
    onFinished(this, std::move(page), [this, generation, append, limit](Result<QList<Store::Contact>> contacts) {
        if (generation != m_generation)
            return; // an older search's, or another tenant's
        m_isLoading = false;
        if (!contacts) {
            emit loadFailed(contacts.error().message);
            return;
        }
        m_hasMore = contacts->size() > limit;
        if (m_hasMore)
            contacts->removeLast();
        if (append)
            appendRows(*contacts);
        else
            replaceRows(std::move(*contacts));
        emit loaded();
    });
}

int ContactListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ContactListModel::sourcesText(const Store::Contact &contact)
{
    QStringList names;
    for (const Store::ContactLink &link : contact.links) {
        const QString name = OAuth::providerDisplayName(link.platform);
        if (!names.contains(name))
            names.append(name);
    }
    return names.join(QStringLiteral(" · "));
}

QVariant ContactListModel::data(const QModelIndex &index, int role) const
{
    const Store::Contact *contact = contactAt(index.row());
    if (!contact || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    switch (index.column()) {
    case NameColumn:
        return contact->name.isEmpty() ? tr("(no name)") : contact->name;
    case PhoneColumn:
        return Numbering::PhoneNumberParser::formatForRegion(contact->phoneE164, m_region);
    case EmailColumn:
        return contact->email;
    case SourcesColumn:
        return sourcesText(*contact);
    default:
        return {};
    }
}

QVariant ContactListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case PhoneColumn:
        return tr("Phone");
    case EmailColumn:
        return tr("Email");
    case SourcesColumn:
        return tr("In");
    default:
        return {};
    }
}

bool ContactListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_isLoading;
}

void ContactListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        load(true, kPageSize);
}

} // namespace Sb::Ui
