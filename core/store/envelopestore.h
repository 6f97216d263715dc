#pragma once

#include "tenantscope.h"

#include <core/common/result.h>

#include <QByteArray>
#include <QString>

#include <optional>

namespace Sb::Store {

class Database;

// The sealed_secrets table: a tenant's envelopes (ciphertext made by the vault's Sealer), by
// record and purpose, and the data key each was sealed under. The store never sees a secret
// in the clear; sealing and opening are the vault's.
class EnvelopeStore final
{
public:
    explicit EnvelopeStore(Database &database);

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
