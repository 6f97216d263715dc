#pragma once

#include "vapiclient.h"

#include <core/store/tenantscope.h>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Providers::Vapi {

// The tenant's VAPI organisation as we keep it: a connection row and the organisation's private
// key sealed in the vault; and its assistant numbers in the tenant's number list, which is what
// routes VAPI's messages and places outbound calls.
class VapiAccounts final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Vapi::VapiAccounts)

public:
    VapiAccounts(Store::Database &database, const Vault::Sealer &sealer);

    // Seals the key first: a connection is never recorded without it.
    Status record(const Store::TenantScope &tenant, const Secret &privateKey) const;
    Result<Secret> privateKey(const Store::TenantScope &tenant) const;
    // Adds the organisation's numbers the tenant does not have yet as assistant numbers
    // (VAPI's phone number id and assistant kept with them). Returns the E.164s added.
    Result<QStringList> storeNumbers(const Store::TenantScope &tenant,
                                     const QList<VapiNumber> &numbers) const;

private:
    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
};

} // namespace Sb::Providers::Vapi
