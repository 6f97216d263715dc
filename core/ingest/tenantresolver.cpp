#include "tenantresolver.h"

#include <core/store/database.h>
#include <core/store/sqlquery.h>

#include <QMultiMap>
#include <QSet>

namespace Sb::Ingest {

using Store::Backend;
using Store::SqlQuery;

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
    return route(
        QStringLiteral("SELECT tenant_id, matched_by FROM sb_route_twilio(:account,"
                       " :called, :calling)"),
        QStringLiteral("SELECT tenant_id, 'account' FROM connections WHERE provider = 'twilio'"
                       " AND external_account_id = :account"
                       " UNION SELECT tenant_id, 'account' FROM phone_numbers"
                       " WHERE provider = 'twilio' AND provider_account_id = :account"
                       " UNION SELECT tenant_id, 'called-number' FROM phone_numbers"
                       " WHERE provider = 'twilio' AND e164 = :called"
                       " UNION SELECT tenant_id, 'calling-clinic-number' FROM phone_numbers"
                       " WHERE provider = 'twilio' AND e164 = :calling AND purpose = 'clinic'"),
        {{QStringLiteral(":account"), event.accountSid},
         {QStringLiteral(":called"), bareNumber(event.to)},
         {QStringLiteral(":calling"), bareNumber(event.from)}},
        {QStringLiteral("account"),
         QStringLiteral("called-number"),
         QStringLiteral("calling-clinic-number")},
        tr("No tenant owns Twilio account %1 or the numbers %2 / %3")
            .arg(event.accountSid, bareNumber(event.to), bareNumber(event.from)));
}

Result<Route> TenantResolver::routeVapi(const QString &vapiCallId,
                                        const QString &assistantNumber) const
{
    return route(
        QStringLiteral("SELECT tenant_id, matched_by FROM sb_route_vapi(:call, :number)"),
        QStringLiteral("SELECT tenant_id, 'call' FROM calls WHERE vapi_call_id = :call"
                       " OR (provider = 'vapi' AND provider_call_id = :call)"
                       " UNION SELECT tenant_id, 'assistant-number' FROM phone_numbers"
                       " WHERE e164 = :number AND purpose = 'assistant'"),
        {{QStringLiteral(":call"), vapiCallId}, {QStringLiteral(":number"), assistantNumber}},
        {QStringLiteral("call"), QStringLiteral("assistant-number")},
        tr("No tenant knows VAPI call %1 or the assistant number %2")
            .arg(vapiCallId, assistantNumber));
}

Result<Route> TenantResolver::routeConnection(const QString &provider,
                                              const QString &accountId) const
{
    return route(QStringLiteral("SELECT tenant_id, matched_by FROM"
                                " sb_route_connection(:provider, :account)"),
                 QStringLiteral("SELECT tenant_id, 'connection' FROM connections"
                                " WHERE provider = :provider AND external_account_id = :account"),
                 {{QStringLiteral(":provider"), provider}, {QStringLiteral(":account"), accountId}},
                 {QStringLiteral("connection")},
                 tr("No tenant has a %1 connection for account %2").arg(provider, accountId));
}

Result<Route> TenantResolver::route(const QString &postgresSql,
                                    const QString &sqliteSql,
                                    const QVariantMap &binds,
                                    const QStringList &order,
                                    const QString &unknown) const
{
    // PostgreSQL routes through SECURITY DEFINER functions (the ingest login cannot read other
    // tenants' rows); SQLite has no row security, so plain queries do the same.
    QMultiMap<QString, qint64> matches; // matched_by -> tenant
    auto status = m_database.adminTransaction(Store::TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, m_database.backend() == Backend::Postgres ? postgresSql : sqliteSql);
        for (auto it = binds.cbegin(); it != binds.cend(); ++it)
            query.bind(it.key(), it.value());
        auto ran = query.exec();
        while (ran && query.next())
            matches.insert(query.value(1).toString(), query.value(0).toLongLong());
        return ran;
    });
    if (!status)
        return status.error();
    return pick(matches, order, unknown);
}

Result<Route> TenantResolver::pick(const QMultiMap<QString, qint64> &matches,
                                   const QStringList &order,
                                   const QString &none) const
{
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
