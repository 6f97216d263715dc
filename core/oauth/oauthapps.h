#pragma once

#include "authorizationserver.h"

#include <core/common/result.h>
#include <core/store/oauthappstore.h>
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

using Store::AppLevel;
using Store::AppOwner;

// The OAuth apps registered with providers, at three levels: the installation's shared app
// (a default for every tenant), a tenant's own (a CRM's app, or an override of the shared one)
// and a staff member's own. The client id and redirect URI are kept as they are, the client
// secret sealed by the vault (bound to the tenant, 0 for the installation, and the level).
// Synchronous: for a store thread or switchboardctl.
class OAuthApps final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::OAuth::OAuthApps)

public:
    struct Registered
    {
        ClientApp app;
        QString dataCentre; // Zoho: com, eu, in, com.au, jp, ca, sa, com.cn (empty elsewhere)
        AppOwner owner; // whose it is (what resolve() found)
        QString updatedBy;
    };

    OAuthApps(Store::Database &database, const Vault::Sealer &sealer);

    // A tenant's app (owner level Tenant) or a staff member's (User). Checks the redirect URI
    // is one Switchboard can listen for; the secret may be empty only to keep the one stored.
    Status set(const Store::TenantScope &tenant, const QString &provider, const Registered &app);
    // The installation's shared app (administrators).
    Status setShared(const QString &provider, const Registered &app);
    // The account turned out to be in another data centre (Zoho's sign-in said so): the next
    // sign-in starts there. The rest of the app is kept.
    Status moveToDataCentre(const Store::TenantScope &tenant, const QString &provider, const QString &dataCentre);

    // The tenant's own app (a CRM's); none when the admin has not registered one yet.
    Result<std::optional<Registered>> get(const Store::TenantScope &tenant, const QString &provider) const;
    Result<std::optional<Registered>> get(const Store::TenantScope &tenant, const QString &provider, const AppOwner &owner) const;
    Result<std::optional<Registered>> getShared(const QString &provider) const;
    // The app that serves this staff member: their own, else the tenant's, else the
    // installation's (owner says which). None when there is none at any level.
    Result<std::optional<Registered>> resolve(const Store::TenantScope &tenant, const QString &provider, StaffId staff) const;
    // The app with that client id among those that may serve this staff member: a grant is
    // refreshed by the app that issued it, even after a more specific one was registered.
    Result<std::optional<Registered>>
    withClientId(const Store::TenantScope &tenant, const QString &provider, StaffId staff, const QString &clientId) const;

    Result<bool> remove(const Store::TenantScope &tenant, const QString &provider, const AppOwner &owner);
    Result<bool> removeShared(const QString &provider);

private:
    Result<Store::StoredApp> sealed(TenantId tenant, const QString &provider, const Registered &app,
                                    const std::optional<Store::StoredApp> &before) const;
    Result<Registered> opened(TenantId tenant, const Store::StoredApp &stored) const;

    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
};

// "the installation's shared app", "the clinic's own app", "their own app": what the console
// and switchboardctl say of the app in use.
QString appLevelDescription(AppLevel level);

} // namespace Sb::OAuth
