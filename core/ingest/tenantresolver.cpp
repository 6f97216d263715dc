#include "tenantresolver.h"

#include <core/store/routingstore.h>

#include <QMultiMap>
#include <QSet>

namespace Sb::Ingest {

TenantResolver::TenantResolver(Store::Database &database)
    : m_database(database)
{}

QString TenantResolver::bareNumber(const QString &address)
{
    const qsizetype colon = address.indexOf(u':');
    return colon < 0 ? address : address.mid(colon + 1);
}

Result<Route> TenantResolver::routeTwilio(const IngestEvent &event) const
{
    return pick(Store::RoutingStore(m_database)
                    .twilio(event.accountSid, bareNumber(event.to), bareNumber(event.from)),
                {QStringLiteral("account"),
                 QStringLiteral("called-number"),
                 QStringLiteral("calling-clinic-number")},
                tr("No tenant owns Twilio account %1 or the numbers %2 / %3")
                    .arg(event.accountSid, bareNumber(event.to), bareNumber(event.from)));
}

Result<Route> TenantResolver::routeVapi(const QString &vapiCallId,
                                        const QString &assistantNumber) const
{
    return pick(Store::RoutingStore(m_database).vapi(vapiCallId, assistantNumber),
                {QStringLiteral("call"), QStringLiteral("assistant-number")},
                tr("No tenant knows VAPI call %1 or the assistant number %2")
                    .arg(vapiCallId, assistantNumber));
}

Result<Route> TenantResolver::routeConnection(const QString &provider,
                                              const QString &accountId) const
{
    return pick(Store::RoutingStore(m_database).connection(provider, accountId),
                {QStringLiteral("connection"), QStringLiteral("staff-extension")},
                tr("No tenant has a %1 connection for account %2").arg(provider, accountId));
}

Result<Route> TenantResolver::pick(const Result<Store::RoutingStore::Matches> &found,
                                   const QStringList &order,
                                   const QString &none) const
{
    if (!found)
        return found.error();
    const Store::RoutingStore::Matches &matches = *found;
    for (const QString &key : order) {
        const QList<qint64> tenants = matches.values(key);
        const QSet<qint64> distinct(tenants.cbegin(), tenants.cend());
        if (distinct.size() > 1) {
            return Error{ErrorCode::UnknownTenant,
                         tr("Ambiguous routing: %1 matches several tenants").arg(key)};
        }
        if (distinct.size() == 1)
            return Route{issueScope(TenantId(*distinct.cbegin())), key};
    }
    return Error{ErrorCode::UnknownTenant, none};
}

} // namespace Sb::Ingest
