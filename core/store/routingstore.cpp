#include "routingstore.h"

#include "database.h"
#include "sqlquery.h"

namespace Sb::Store {

RoutingStore::RoutingStore(Database &database)
    : m_database(database)
{}

Result<RoutingStore::Matches> RoutingStore::twilio(const QString &accountSid,
                                                   const QString &calledE164,
                                                   const QString &callingE164) const
{
    return run(QStringLiteral("SELECT tenant_id, matched_by FROM sb_route_twilio(:account,"
                              " :called, :calling)"),
               QStringLiteral("SELECT tenant_id, 'account' FROM connections"
                              " WHERE provider = 'twilio' AND external_account_id = :account"
                              " UNION SELECT tenant_id, 'account' FROM phone_numbers"
                              " WHERE provider = 'twilio' AND provider_account_id = :account"
                              " UNION SELECT tenant_id, 'called-number' FROM phone_numbers"
                              " WHERE provider = 'twilio' AND e164 = :called"
                              " UNION SELECT tenant_id, 'calling-clinic-number' FROM phone_numbers"
                              " WHERE provider = 'twilio' AND e164 = :calling"
                              " AND purpose = 'clinic'"),
               {{QStringLiteral(":account"), accountSid},
                {QStringLiteral(":called"), calledE164},
                {QStringLiteral(":calling"), callingE164}});
}

Result<RoutingStore::Matches> RoutingStore::vapi(const QString &vapiCallId,
                                                 const QString &assistantE164) const
{
    return run(QStringLiteral("SELECT tenant_id, matched_by FROM sb_route_vapi(:call, :number)"),
               QStringLiteral("SELECT tenant_id, 'call' FROM calls WHERE vapi_call_id = :call"
                              " OR (provider = 'vapi' AND provider_call_id = :call)"
                              " UNION SELECT tenant_id, 'assistant-number' FROM phone_numbers"
                              " WHERE e164 = :number AND purpose = 'assistant'"),
               {{QStringLiteral(":call"), vapiCallId}, {QStringLiteral(":number"), assistantE164}});
}

Result<RoutingStore::Matches> RoutingStore::connection(const QString &provider,
                                                       const QString &accountId) const
{
    return run(QStringLiteral("SELECT tenant_id, matched_by FROM"
                              " sb_route_connection(:provider, :account)"),
               QStringLiteral("SELECT tenant_id, 'connection' FROM connections"
                              " WHERE provider = :provider AND external_account_id = :account"
                              " UNION SELECT tenant_id, 'staff-extension' FROM ringcentral_users"
                              " WHERE :provider = 'ringcentral' AND extension_id = :account"),
               {{QStringLiteral(":provider"), provider}, {QStringLiteral(":account"), accountId}});
}

Result<RoutingStore::Matches> RoutingStore::run(const QString &postgresSql,
                                                const QString &sqliteSql,
                                                const QVariantMap &binds) const
{
    Matches matches;
    auto status = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
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
    return matches;
}

} // namespace Sb::Store
