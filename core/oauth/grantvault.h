#pragma once

#include "authorizationserver.h"

#include <core/common/result.h>
#include <core/store/oauthgrantstore.h>

#include <QCoreApplication>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::OAuth {

// A grant's two tokens, opened.
struct GrantTokens
{
    Secret accessToken;
    Secret refreshToken;
};

// Keeps grants sealed: the tokens go into the store only as a vault envelope bound to the
// tenant and the grant (tenant, provider, owner), so a row copied elsewhere does not open, and
// no token is ever on disk in the clear. Synchronous: for a store thread or switchboardctl.
class GrantVault final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::OAuth::GrantVault)

public:
    GrantVault(Store::Database &database, const Vault::Sealer &sealer);

    // A new grant from a sign-in, replacing the one before.
    Status connect(const Store::TenantScope &tenant,
                   const Store::GrantKey &key,
                   const TokenGrant &grant,
                   const QString &connectedBy);
    Result<GrantTokens> open(const Store::TenantScope &tenant, const Store::StoredGrant &grant) const;
    // A refresh's answer over the leased generation; a refresh that sent no new refresh token
    // keeps the one it used. Returns the new generation.
    Result<qint64> saveRefreshed(const Store::TenantScope &tenant,
                                 const Store::StoredGrant &leased,
                                 const GrantTokens &before,
                                 const TokenGrant &refreshed);

private:
    Result<QByteArray> seal(const Store::TenantScope &tenant,
                            const Store::GrantKey &key,
                            const GrantTokens &tokens) const;

    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
};

} // namespace Sb::OAuth
