#include "grantvault.h"

#include <core/store/database.h>
#include <core/vault/sealer.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::OAuth {

namespace {
const QString kPurpose = Store::GrantKey::sealPurpose();

qint64 expiryOf(const TokenGrant &grant)
{
    return grant.expiresAt.isValid() ? grant.expiresAt.toMSecsSinceEpoch() : 0;
}
} // namespace

GrantVault::GrantVault(Store::Database &database, const Vault::Sealer &sealer)
    : m_database(database)
    , m_sealer(sealer)
{}

Result<QByteArray> GrantVault::seal(const Store::TenantScope &tenant,
                                    const Store::GrantKey &key,
                                    const GrantTokens &tokens) const
{
    const Secret payload(QJsonDocument(QJsonObject{
                                           {QStringLiteral("access"), tokens.accessToken.revealString()},
                                           {QStringLiteral("refresh"), tokens.refreshToken.revealString()},
                                       })
                             .toJson(QJsonDocument::Compact));
    return m_sealer.seal({tenant.tenantId(), key.record(), kPurpose}, payload);
}

Status GrantVault::connect(const Store::TenantScope &tenant,
                           const Store::GrantKey &key,
                           const TokenGrant &grant,
                           const QString &connectedBy)
{
    if (grant.refreshToken.isEmpty()) {
        return Error{ErrorCode::ProviderRefused,
                     tr("The sign-in gave no refresh token, so the connection would stop working "
                        "within the hour: connect again (the app must ask for offline access).")};
    }
    auto envelope = seal(tenant, key, {grant.accessToken, grant.refreshToken});
    if (!envelope)
        return envelope.error();
    auto keyId = Vault::Sealer::keyIdOf(*envelope);
    if (!keyId)
        return keyId.error();
    Store::StoredGrant stored;
    stored.key = key;
    stored.connectedBy = connectedBy;
    stored.keyId = *keyId;
    stored.envelope = *envelope;
    stored.expiresAt = expiryOf(grant);
    stored.scopes = grant.scopes;
    stored.extras = grant.extras;
    return Store::OAuthGrantStore(m_database).connect(tenant, stored);
}

Result<GrantTokens> GrantVault::open(const Store::TenantScope &tenant,
                                     const Store::StoredGrant &grant) const
{
    auto opened = m_sealer.open({tenant.tenantId(), grant.key.record(), kPurpose}, grant.envelope);
    if (!opened)
        return opened.error();
    const QJsonObject tokens = QJsonDocument::fromJson(opened->reveal()).object();
    return GrantTokens{Secret::fromString(tokens.value(QStringLiteral("access")).toString()),
                       Secret::fromString(tokens.value(QStringLiteral("refresh")).toString())};
}

Result<qint64> GrantVault::saveRefreshed(const Store::TenantScope &tenant,
                                         const Store::StoredGrant &leased,
                                         const GrantTokens &before,
                                         const TokenGrant &refreshed)
{
    // Persisted before anyone uses the new access token: a single-use refresh token spent and
    // not written down would force the admin to connect again.
    const GrantTokens after{refreshed.accessToken,
                            refreshed.refreshToken.isEmpty() ? before.refreshToken
                                                             : refreshed.refreshToken};
    auto envelope = seal(tenant, leased.key, after);
    if (!envelope)
        return envelope.error();
    auto keyId = Vault::Sealer::keyIdOf(*envelope);
    if (!keyId)
        return keyId.error();
    QVariantMap extras = leased.extras;
    for (auto it = refreshed.extras.cbegin(); it != refreshed.extras.cend(); ++it)
        extras.insert(it.key(), it.value()); // Zoho's api_domain of every answer wins
    return Store::OAuthGrantStore(m_database)
        .saveRefreshed(tenant, leased.key, leased.generation, *keyId, *envelope, expiryOf(refreshed), extras);
}

} // namespace Sb::OAuth
