#pragma once

#include "twilioclient.h"

#include <core/store/tenantscope.h>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Providers::Twilio {

// The tenant's Twilio subaccount as we recorded it, and what it takes to act as it.
struct TenantAccount
{
    Credentials credentials;
    QString publicUrl; // where the ingest server is reached: status callbacks go there
};

// Keeps the record of each tenant's Twilio subaccount: a connection row (its SID and the
// ingest server's public URL) and the subaccount's auth token sealed in the vault. A connection
// is never recorded without its token, and the token never leaves the vault but to sign in.
class TwilioAccounts final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Twilio::TwilioAccounts)

public:
    TwilioAccounts(Store::Database &database, const Vault::Sealer &sealer);

    static QString tokenRecord(const QString &accountSid);

    // The recorded subaccount's SID; empty when the tenant has none yet.
    Result<QString> recordedSid(const Store::TenantScope &tenant) const;
    // Seals the token, then records (or updates) the connection.
    Status record(const Store::TenantScope &tenant,
                  const Subaccount &subaccount,
                  const QString &publicUrl) const;
    // accountSid empty: the tenant's recorded subaccount. Any other SID must be one the tenant
    // has a connection for.
    Result<TenantAccount> account(const Store::TenantScope &tenant,
                                  const QString &accountSid = {}) const;

private:
    // The connection row alone (SID and public URL), without opening the token.
    Result<TenantAccount> connection(const Store::TenantScope &tenant,
                                     const QString &accountSid) const;

    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
};

} // namespace Sb::Providers::Twilio
