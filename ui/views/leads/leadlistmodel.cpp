#include "leadlistmodel.h"

#include <ui/frame/when.h>

#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/numbering/typedsearch.h>
#include <core/store/asyncstore.h>

namespace Sb::Ui {

LeadListModel::LeadListModel(const ConsoleContext &context, QObject *parent)
    : PagedRowsModel(parent)
    , m_context(context)
    , m_region(Numbering::PhoneNumberParser::configuredRegion())
{}

Store::LeadSearch LeadListModel::searchOf(const QString &text, const QString &region)
{
    const auto typed = Numbering::TypedSearch::parse(text, region);
    Store::LeadSearch search;
    search.text = typed.text;
    search.e164 = typed.e164;
    search.digits = typed.digits;
    return search;
}

QString LeadListModel::statusName(const QString &status)
{
    if (status == u"new")
        return tr("New");
    if (status == u"contacted")
        return tr("Contacted");
    if (status == u"booked")
        return tr("Booked");
    if (status == u"lost")
        return tr("Lost");
    return status;
}

void LeadListModel::showTenant(const Store::TenantScope &tenant)
{
    m_tenant = tenant;
    replaceRows({});
    m_isAtEnd = false;
    load(std::nullopt, kPageSize, true);
}

void LeadListModel::setSearch(const Store::LeadSearch &search)
{
    m_search = search;
    if (m_tenant)
        showTenant(*m_tenant);
}

void LeadListModel::refresh()
{
    if (!m_tenant)
        return;
    // As many as are shown (a page at least): rows stay where they were.
    load(std::nullopt, qBound(int(kPageSize), int(rows().size()), int(kMaxRows)), true);
}

void LeadListModel::load(const std::optional<Store::Lead> &after, int limit, bool replace)
{
    if (!m_tenant)
        return;
    const quint64 generation = ++m_generation;
    m_isLoading = true;
    auto leads = Store::AsyncStore<Store::LeadStore>(m_context.database)
                     .call(&Store::LeadStore::search, *m_tenant, m_search, limit, after);
    onFinished(this,
               std::move(leads),
               [this, generation, limit, replace](Result<QList<Store::Lead>> leads) {
                   if (generation != m_generation)
                       return; // another tenant, search or reload since
                   m_isLoading = false;
                   if (!leads) {
                       emit loadFailed(leads.error().message);
                       return;
                   }
                   m_isAtEnd = leads->size() < limit;
                   if (replace)
                       replaceRows(std::move(*leads)); // LeadsView chooses its lead again, by id
                   else
                       appendRows(*leads);
                   emit loaded();
               });
}

int LeadListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LeadListModel::data(const QModelIndex &index, int role) const
{
    const Store::Lead *lead = leadAt(index.row());
    if (!lead)
        return {};
    if (role == LeadIdRole)
        return lead->id.value();
    if (role == Qt::ToolTipRole && index.column() == AddedColumn)
        return dayAndTime(lead->createdAt);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return lead->name.isEmpty() ? tr("(no name)") : lead->name;
    case PhoneColumn:
        return Numbering::PhoneNumberParser::formatForRegion(lead->phoneE164, m_region);
    case EmailColumn:
        return lead->email;
    case StatusColumn:
        return statusName(lead->status);
    case SourceColumn:
        return lead->source;
    case AddedColumn:
        return shortWhen(lead->createdAt);
    default:
        return {};
    }
}

QVariant LeadListModel::headerData(int section, Qt::Orientation orientation, int role) const
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
    case StatusColumn:
        return tr("Status");
    case SourceColumn:
        return tr("Source");
    case AddedColumn:
        return tr("Added");
    default:
        return {};
    }
}

bool LeadListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_tenant && !m_isAtEnd && !m_isLoading && rows().size() < kMaxRows;
}

void LeadListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || rows().isEmpty())
        return;
    load(rows().last(), kPageSize, false);
}

} // namespace Sb::Ui
