#pragma once

#include "tenantscope.h"

#include <core/common/result.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace Sb::Store {

class Database;

// Whose app: the installation's shared one (every tenant's default), a tenant's own (its CRMs,
// or an override of the shared one) or one staff member's own.
enum class AppLevel { Installation, Tenant, User };

struct AppOwner
{
    AppLevel level = AppLevel::Tenant;
    StaffId staff; // AppLevel::User

    static AppOwner installation() { return {AppLevel::Installation, {}}; }
    static AppOwner tenant() { return {AppLevel::Tenant, {}}; }
    static AppOwner user(StaffId staff) { return {AppLevel::User, staff}; }

    // What the vault binds the app's client secret to (with the tenant, 0 for the installation):
    // "oauth-app:ringcentral", "oauth-app:ringcentral:staff:7".
    QString record(const QString &provider) const;
    static QString sealPurpose() { return QStringLiteral("client-secret"); }
    bool operator==(const AppOwner &) const = default;
};

// One registered app as kept: the client secret in the envelope, sealed by the vault.
struct StoredApp
{
    QString provider;
    AppOwner owner;
    QString clientId;
    QString redirectUri;
    QString dataCentre; // Zoho's
    QString keyId;
    QByteArray envelope;
    QString updatedBy;
    qint64 updatedAt = 0;
};

// The oauth_apps table. A tenant's and its staff's apps are tenant-scoped; a staff login reads
// the installation's, its tenants' and its own (never a colleague's) and writes its own, and
// its tenant's only as that tenant's owner or admin (row-level security on PostgreSQL). The
// installation's is written by administrators only. Writes announce ChangeKind::Connections.
class OAuthAppStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::OAuthAppStore)

public:
    explicit OAuthAppStore(Database &database);

    // A tenant's or a staff member's app (owner level Tenant or User), replacing the one before.
    Status put(const TenantScope &tenant, const StoredApp &app);
    // The installation's shared app (administrators).
    Status putShared(const StoredApp &app);

    Result<std::optional<StoredApp>> find(const TenantScope &tenant, const QString &provider, const AppOwner &owner) const;
    Result<std::optional<StoredApp>> findShared(const QString &provider) const;
    // What may serve this staff member (or, with no staff member, the tenant) at a provider:
    // their own app, the tenant's, the installation's, most specific first.
    Result<QList<StoredApp>> candidates(const TenantScope &tenant, const QString &provider, StaffId staff) const;
    // Every app of the tenant and its staff the login may see (not the installation's).
    Result<QList<StoredApp>> list(const TenantScope &tenant) const;

    // True if there was one.
    Result<bool> remove(const TenantScope &tenant, const QString &provider, const AppOwner &owner);
    Result<bool> removeShared(const QString &provider);

private:
    Database &m_database;
};

} // namespace Sb::Store
