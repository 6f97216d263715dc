#include "hubspotplatform.h"

#include "hubspotcontacts.h"

namespace Sb::Providers::HubSpot {

HubSpotPlatform::HubSpotPlatform(HubSpotBases bases)
    : m_bases(std::move(bases))
{}

QStringList HubSpotPlatform::scopes() const
{
    return HubSpot::authorizationServer(m_bases).scopes;
}

Result<OAuth::AuthorizationServer> HubSpotPlatform::authorizationServer(const OAuth::OAuthApps::Registered &) const
{
    return HubSpot::authorizationServer(m_bases);
}

Result<OAuth::RefreshTarget> HubSpotPlatform::refreshTarget(Store::Database &database,
                                                            const Store::TenantScope &tenant,
                                                            const Store::StoredGrant &grant,
                                                            const Vault::Sealer &sealer) const
{
    auto registered = OAuth::OAuthApps(database, sealer).get(tenant, name());
    if (!registered)
        return registered.error();
    if (!*registered)
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("Sb::Providers::HubSpot",
                                                 "HubSpot's app is no longer registered for this "
                                                 "clinic: register it and connect again.")};
    Q_UNUSED(grant)
    return OAuth::RefreshTarget{HubSpot::authorizationServer(m_bases), (*registered)->app};
}

void HubSpotPlatform::revoke(Net::HttpClient &http,
                             const Store::TenantScope &tenant,
                             const Store::StoredGrant &,
                             const Secret &refreshToken,
                             std::function<void(Status)> done) const
{
    HubSpot::revoke(http, tenant.tenantId().value(), m_bases, refreshToken, std::move(done));
}

std::unique_ptr<Crm::ContactSource> HubSpotPlatform::contacts(Net::HttpClient &http,
                                                              OAuth::AccessTokens &tokens,
                                                              const Store::TenantScope &tenant,
                                                              const QString &region) const
{
    return std::make_unique<HubSpotContacts>(http, tokens, tenant, m_bases, region);
}

QUrl HubSpotPlatform::recordPage(const QVariantMap &grantExtras, const QString &recordId) const
{
    const QString portal = grantExtras.value(QStringLiteral("hub_id")).toString();
    if (portal.isEmpty() || recordId.isEmpty())
        return {};
    // 0-1 is HubSpot's object type id for contacts.
    return m_bases.app.resolved(QUrl(QStringLiteral("/contacts/%1/record/0-1/%2").arg(portal, recordId)));
}

} // namespace Sb::Providers::HubSpot
