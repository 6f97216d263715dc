#pragma once

#include <core/common/result.h>

#include <QMultiMap>
#include <QString>

namespace Sb::Store {

class Database;

// The cross-tenant lookups webhook routing needs, and nothing else: which tenants match a
// provider's routing keys, by what (matched_by -> tenant id). On PostgreSQL they run through
// SECURITY DEFINER functions that return tenant ids only (the ingest login cannot read other
// tenants' rows); SQLite has no row security, so plain queries do the same. Deciding among the
// matches, and making a scope of one, is routing's (Ingest::TenantResolver).
class RoutingStore final
{
public:
    using Matches = QMultiMap<QString, qint64>;

    explicit RoutingStore(Database &database);

    // "account" (a connection's or a number's account), "called-number",
    // "calling-clinic-number".
    Result<Matches>
    twilio(const QString &accountSid, const QString &calledE164, const QString &callingE164) const;
    // "call" (a call we know by its VAPI id), "assistant-number".
    Result<Matches> vapi(const QString &vapiCallId, const QString &assistantE164) const;
    // "connection": a tenant's connection to that provider account (RingCentral);
    // "staff-extension": a staff member's own RingCentral extension.
    Result<Matches> connection(const QString &provider, const QString &accountId) const;

private:
    Result<Matches>
    run(const QString &postgresSql, const QString &sqliteSql, const QVariantMap &binds) const;

    Database &m_database;
};

} // namespace Sb::Store
