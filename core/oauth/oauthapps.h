#pragma once

#include "authorizationserver.h"

#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QCoreApplication>

#include <optional>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::OAuth {

// What an admin registered for a tenant at a provider: their own app (client id, redirect URI,
// Zoho's data centre) in the tenant's connection row (kind "crm"), the client secret sealed by
// the vault. Synchronous: for a store thread or switchboardctl.
class OAuthApps final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::OAuth::OAuthApps)

public:
    struct Registered
    {
        ClientApp app;
        QString dataCentre; // Zoho: com, eu, in, com.au, jp, ca, sa, com.cn (empty elsewhere)
    };

    OAuthApps(Store::Database &database, const Vault::Sealer &sealer);

    // Checks the redirect URI is one Switchboard can listen for; the secret may be empty only
    // to keep the one stored.
    Status set(const Store::TenantScope &tenant, const QString &provider, const Registered &app);
    // The account turned out to be in another data centre (Zoho's sign-in said so): the next
    // sign-in starts there. The rest of the app is kept.
    Status moveToDataCentre(const Store::TenantScope &tenant, const QString &provider, const QString &dataCentre);
    // None when the admin has not registered an app there yet.
    Result<std::optional<Registered>> get(const Store::TenantScope &tenant, const QString &provider) const;

private:
    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
};

} // namespace Sb::OAuth
