#pragma once

#include "tenantscope.h"

#include <core/common/result.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace Sb::Store {

class Database;

// Whose grant: a provider's, for the clinic (an invalid owner: a CRM an admin connected) or
// for one staff member (their own RingCentral).
struct GrantKey
{
    QString provider; // "hubspot", "zoho", "ringcentral"
    StaffId owner;

    QString record() const; // "oauth:hubspot:0": what the vault binds the envelope to
    static QString sealPurpose() { return QStringLiteral("oauth-tokens"); }
    bool operator==(const GrantKey &) const = default;
};

// One stored grant. The tokens are in the envelope, sealed by the vault (the store never sees
// them in the clear); the rest may be known. `generation` grows with every refresh: a token
// handed out carries it, so a 401 can ask for a newer one than the one it was given.
struct StoredGrant
{
    GrantKey key;
    QString connectedBy; // who connected it (a staff login, or "switchboardctl")
    QString keyId; // the vault data key that sealed the envelope
    QByteArray envelope;
    qint64 expiresAt = 0; // the access token's, epoch ms (0: unknown)
    QStringList scopes;
    QVariantMap extras; // api_domain, hub_id, accounts-server: never a token
    qint64 generation = 0;
    qint64 refreshingUntil = 0; // a process refreshing holds this lease until then
    bool needsReconnect = false;
    QString problem; // why it needs reconnecting
    qint64 connectedAt = 0;
    qint64 updatedAt = 0;
};

// The oauth_grants table. Tenant-scoped like every store; a staff login sees the clinic's
// grants and its own, never a colleague's (row-level security on PostgreSQL). Writes announce
// ChangeKind::Connections.
//
// A refresh token may be single-use (RingCentral), so refreshing is a lease: the process whose
// takeRefreshLease succeeds refreshes and writes the result with saveRefreshed (which expects
// the generation it leased); the others wait and read again. A lease that is not given back
// (a crash) lapses at its time.
class OAuthGrantStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::OAuthGrantStore)

public:
    explicit OAuthGrantStore(Database &database);

    // A new grant (a connect), replacing any before it: connected, a new generation.
    Status connect(const TenantScope &tenant, const StoredGrant &grant);
    Result<std::optional<StoredGrant>> find(const TenantScope &tenant, const GrantKey &key) const;
    Result<QList<StoredGrant>> list(const TenantScope &tenant) const;

    // True if this caller now holds the lease on that generation until `until`; false when
    // another holds it, the grant has moved on, or it needs reconnecting.
    Result<bool> takeRefreshLease(const TenantScope &tenant,
                                  const GrantKey &key,
                                  qint64 generation,
                                  qint64 now,
                                  qint64 until);
    // The refreshed tokens, written over the leased generation (which must still be there);
    // the next generation, the lease given back.
    Result<qint64> saveRefreshed(const TenantScope &tenant,
                                 const GrantKey &key,
                                 qint64 leasedGeneration,
                                 const QString &keyId,
                                 const QByteArray &envelope,
                                 qint64 expiresAt,
                                 const QVariantMap &extras);
    // The lease given back without a refresh (the provider was unreachable).
    Status releaseLease(const TenantScope &tenant, const GrantKey &key, qint64 generation);
    // The provider refused that generation for good: the admin must connect again.
    Status markNeedsReconnect(const TenantScope &tenant,
                              const GrantKey &key,
                              qint64 generation,
                              const QString &problem);
    // Disconnect: false when there was none.
    Result<bool> remove(const TenantScope &tenant, const GrantKey &key);

private:
    Database &m_database;
};

} // namespace Sb::Store
