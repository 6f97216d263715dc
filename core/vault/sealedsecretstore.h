#pragma once

#include "sealer.h"

#include <core/store/tenantscope.h>

namespace Sb::Store {
class Database;
}

namespace Sb::Vault {

// Secrets that must live in the shared store (a Twilio subaccount's auth token, so an ingest
// server elsewhere can verify signatures), sealed per row and bound to tenant, record, purpose.
class SealedSecretStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Vault::SealedSecretStore)

public:
    SealedSecretStore(Store::Database &database, const Sealer &sealer);

    Status put(const Store::TenantScope &tenant,
               const QString &record,
               const QString &purpose,
               const Secret &secret);
    Result<Secret>
    get(const Store::TenantScope &tenant, const QString &record, const QString &purpose) const;
    Status
    remove(const Store::TenantScope &tenant, const QString &record, const QString &purpose);

private:
    Store::Database &m_database;
    const Sealer &m_sealer;
};

} // namespace Sb::Vault
