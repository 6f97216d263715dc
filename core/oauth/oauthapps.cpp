#include "oauthapps.h"

#include "loopbackreplyhandler.h"

#include <core/store/database.h>
#include <core/vault/sealer.h>

namespace Sb::OAuth {

OAuthApps::OAuthApps(Store::Database &database, const Vault::Sealer &sealer)
    : m_database(database)
    , m_sealer(sealer)
{}

Result<Store::StoredApp> OAuthApps::sealed(TenantId tenant,
                                           const QString &provider,
                                           const Registered &registered,
                                           const std::optional<Store::StoredApp> &before) const
{
    if (registered.app.clientId.trimmed().isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("The app's client id is missing.")};
    if (auto checked = LoopbackReplyHandler::checkRedirectUri(registered.app.redirectUri); !checked)
        return checked.error();
    Store::StoredApp stored;
    stored.provider = provider;
    stored.owner = registered.owner;
    stored.clientId = registered.app.clientId.trimmed();
    stored.redirectUri = registered.app.redirectUri.toString();
    stored.dataCentre = registered.dataCentre;
    stored.updatedBy = registered.updatedBy;
    if (registered.app.clientSecret.isEmpty()) {
        if (!before)
            return Error{ErrorCode::InvalidArgument, tr("The app's client secret is missing.")};
        stored.keyId = before->keyId; // the secret kept, still sealed as it was
        stored.envelope = before->envelope;
        return stored;
    }
    auto envelope = m_sealer.seal({tenant, registered.owner.record(provider), AppOwner::sealPurpose()},
                                  registered.app.clientSecret);
    if (!envelope)
        return envelope.error();
    auto keyId = Vault::Sealer::keyIdOf(*envelope);
    if (!keyId)
        return keyId.error();
    stored.keyId = *keyId;
    stored.envelope = *envelope;
    return stored;
}

Result<OAuthApps::Registered> OAuthApps::opened(TenantId tenant, const Store::StoredApp &stored) const
{
    auto secret = m_sealer.open({tenant, stored.owner.record(stored.provider), AppOwner::sealPurpose()},
                                stored.envelope);
    if (!secret)
        return secret.error();
    Registered registered;
    registered.app.clientId = stored.clientId;
    registered.app.clientSecret = *secret;
    registered.app.redirectUri = QUrl(stored.redirectUri);
    registered.dataCentre = stored.dataCentre;
    registered.owner = stored.owner;
    registered.updatedBy = stored.updatedBy;
    return registered;
}

Status OAuthApps::set(const Store::TenantScope &tenant, const QString &provider, const Registered &registered)
{
    if (registered.owner.level == AppLevel::Installation)
        return setShared(provider, registered);
    Store::OAuthAppStore store(m_database);
    auto before = store.find(tenant, provider, registered.owner);
    if (!before)
        return before.error();
    auto stored = sealed(tenant.tenantId(), provider, registered, *before);
    if (!stored)
        return stored.error();
    return store.put(tenant, *stored);
}

Status OAuthApps::setShared(const QString &provider, const Registered &registered)
{
    Store::OAuthAppStore store(m_database);
    auto before = store.findShared(provider);
    if (!before)
        return before.error();
    Registered shared = registered;
    shared.owner = AppOwner::installation();
    auto stored = sealed(TenantId(0), provider, shared, *before);
    if (!stored)
        return stored.error();
    return store.putShared(*stored);
}

Status OAuthApps::moveToDataCentre(const Store::TenantScope &tenant, const QString &provider, const QString &dataCentre)
{
    auto registered = get(tenant, provider);
    if (!registered)
        return registered.error();
    if (!*registered || (*registered)->dataCentre == dataCentre || dataCentre.isEmpty())
        return ok();
    Registered moved = **registered;
    moved.dataCentre = dataCentre;
    moved.app.clientSecret = {}; // the sealed one stays
    return set(tenant, provider, moved);
}

Result<std::optional<OAuthApps::Registered>> OAuthApps::get(const Store::TenantScope &tenant,
                                                            const QString &provider) const
{
    return get(tenant, provider, AppOwner::tenant());
}

Result<std::optional<OAuthApps::Registered>>
OAuthApps::get(const Store::TenantScope &tenant, const QString &provider, const AppOwner &owner) const
{
    if (owner.level == AppLevel::Installation)
        return getShared(provider);
    auto stored = Store::OAuthAppStore(m_database).find(tenant, provider, owner);
    if (!stored)
        return stored.error();
    if (!*stored)
        return std::optional<Registered>();
    auto registered = opened(tenant.tenantId(), **stored);
    if (!registered)
        return registered.error();
    return std::optional<Registered>(*registered);
}

Result<std::optional<OAuthApps::Registered>> OAuthApps::getShared(const QString &provider) const
{
    auto stored = Store::OAuthAppStore(m_database).findShared(provider);
    if (!stored)
        return stored.error();
    if (!*stored)
        return std::optional<Registered>();
    auto registered = opened(TenantId(0), **stored);
    if (!registered)
        return registered.error();
    return std::optional<Registered>(*registered);
}

Result<std::optional<OAuthApps::Registered>>
OAuthApps::resolve(const Store::TenantScope &tenant, const QString &provider, StaffId staff) const
{
    auto candidates = Store::OAuthAppStore(m_database).candidates(tenant, provider, staff);
    if (!candidates)
        return candidates.error();
    if (candidates->isEmpty())
        return std::optional<Registered>();
    const Store::StoredApp &first = candidates->constFirst();
    auto registered = opened(first.owner.level == AppLevel::Installation ? TenantId(0) : tenant.tenantId(), first);
    if (!registered)
        return registered.error();
    return std::optional<Registered>(*registered);
}

Result<std::optional<OAuthApps::Registered>> OAuthApps::withClientId(const Store::TenantScope &tenant,
                                                                     const QString &provider,
                                                                     StaffId staff,
                                                                     const QString &clientId) const
{
    auto candidates = Store::OAuthAppStore(m_database).candidates(tenant, provider, staff);
    if (!candidates)
        return candidates.error();
    for (const Store::StoredApp &candidate : std::as_const(*candidates)) {
        if (candidate.clientId != clientId)
            continue;
        auto registered =
            opened(candidate.owner.level == AppLevel::Installation ? TenantId(0) : tenant.tenantId(), candidate);
        if (!registered)
            return registered.error();
        return std::optional<Registered>(*registered);
    }
    return std::optional<Registered>();
}

Result<bool> OAuthApps::remove(const Store::TenantScope &tenant, const QString &provider, const AppOwner &owner)
{
    if (owner.level == AppLevel::Installation)
        return removeShared(provider);
    return Store::OAuthAppStore(m_database).remove(tenant, provider, owner);
}

Result<bool> OAuthApps::removeShared(const QString &provider)
{
    return Store::OAuthAppStore(m_database).removeShared(provider);
}

QString appLevelDescription(AppLevel level)
{
    switch (level) {
    case AppLevel::Installation:
        return OAuthApps::tr("the installation's shared app");
    case AppLevel::Tenant:
        return OAuthApps::tr("the clinic's own app");
    case AppLevel::User:
        return OAuthApps::tr("their own app");
    }
    return {};
}

} // namespace Sb::OAuth
