#pragma once

#include "tenantscope.h"

#include <core/common/result.h>

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>
#include <optional>

namespace Sb::Store {

class Database;

// Which vault a store belongs to, and the data key new secrets are sealed under.
struct VaultRecord
{
    QString vaultId;
    QString activeKeyId;
};

// One sealed secret as kept: whose, for what, and its ciphertext. Three tables hold them:
// sealed_secrets (providers' secrets by record and purpose), oauth_grants (tokens) and
// oauth_apps (client secrets; the installation's has tenant 0).
struct SealedEnvelope
{
    enum class Table { Secrets, Grants, Apps };
    Table table = Table::Secrets;
    qint64 id = 0;
    TenantId tenant;
    QString record;
    QString purpose;
    QByteArray envelope;
};

// The sealed_secrets and vault_state tables: tenants' envelopes (ciphertext made by the vault's
// Sealer) by record and purpose with the data key each was sealed under, and the vault's
// identity. The store never sees a secret in the clear; sealing and opening are the vault's.
class EnvelopeStore final
{
public:
    explicit EnvelopeStore(Database &database);

    Result<std::optional<VaultRecord>> vault() const;
    Status createVault(const VaultRecord &vault);
    // How many envelopes each data key sealed, across tenants and tables (administrators).
    Result<QHash<QString, int>> countByKey() const;
    // Key rotation, in one transaction: every envelope of every table handed to reseal (the vault opens it with
    // the old key and seals it under newKeyId), written back, and newKeyId made the active key.
    // Nothing changes if reseal fails for any. Returns how many were resealed.
    using Reseal = std::function<Result<QByteArray>(const SealedEnvelope &)>;
    Result<int> resealAll(const QString &newKeyId, const Reseal &reseal);

    Status put(const TenantScope &tenant,
               const QString &record,
               const QString &purpose,
               const QString &keyId,
               const QByteArray &envelope);
    Result<std::optional<QByteArray>>
    get(const TenantScope &tenant, const QString &record, const QString &purpose) const;
    Status remove(const TenantScope &tenant, const QString &record, const QString &purpose);

private:
    Database &m_database;
};

} // namespace Sb::Store
