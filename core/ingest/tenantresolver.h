#pragma once

#include "ingestevent.h"

#include <core/common/result.h>
#include <core/store/routingstore.h>
#include <core/store/tenantscope.h>

namespace Sb::Store {
class Database;
}

namespace Sb::Ingest {

struct Route
{
    Store::TenantScope tenant;
    QString matchedBy; // "account", "called-number" or "calling-clinic-number"
};

// Webhook routing, the only place besides sign-in that makes a TenantScope: by the Twilio
// subaccount first, then the number called, then a clinic number forwarding the call. Never
// from a tenant field in the payload. UnknownTenant when nothing matches (the event goes to
// quarantine); an account claimed by two tenants is refused as ambiguous.
class TenantResolver final : private Store::ScopeIssuer
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ingest::TenantResolver)

public:
    explicit TenantResolver(Store::Database &database);
    Result<Route> routeTwilio(const IngestEvent &event) const;
    // VAPI: by the call we know (its VAPI id), else by the assistant number that was called.
    Result<Route> routeVapi(const QString &vapiCallId, const QString &assistantNumber) const;
    // Providers connected per account (RingCentral): the tenant whose connection has that account.
    Result<Route> routeConnection(const QString &provider, const QString &accountId) const;

    // "whatsapp:+1555…" -> "+1555…"
    static QString bareNumber(const QString &address);

private:
    // The match of the first kind in order; two tenants for one key is ambiguous.
    Result<Route> pick(const Result<Store::RoutingStore::Matches> &found,
                       const QStringList &order,
                       const QString &none) const;

    Store::Database &m_database;
};

} // namespace Sb::Ingest
