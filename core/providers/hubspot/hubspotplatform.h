#pragma once

#include "hubspotauth.h"

#include <core/crm/crmplatform.h>

namespace Sb::Providers::HubSpot {

// HubSpot as a CRM Switchboard connects to (../shared/providers.md §4): one place for every
// account (EU portals included: the consent page sends them on), the portal's id (hub_id) in
// the grant for record links.
class HubSpotPlatform final : public Crm::CrmPlatform
{
public:
    explicit HubSpotPlatform(HubSpotBases bases = {});

    QString name() const override { return QStringLiteral("hubspot"); }
    QStringList scopes() const override;
    Result<OAuth::AuthorizationServer> authorizationServer(const OAuth::OAuthApps::Registered &app) const override;
    Result<OAuth::RefreshTarget> refreshTarget(Store::Database &database,
                                               const Store::TenantScope &tenant,
                                               const Store::StoredGrant &grant,
                                               const Vault::Sealer &sealer) const override;
    void revoke(Net::HttpClient &http,
                const Store::TenantScope &tenant,
                const Store::StoredGrant &grant,
                const Secret &refreshToken,
                std::function<void(Status)> done) const override;
    std::unique_ptr<Crm::ContactSource> contacts(Net::HttpClient &http,
                                                 OAuth::AccessTokens &tokens,
                                                 const Store::TenantScope &tenant,
                                                 const QString &region) const override;
    QUrl recordPage(const QVariantMap &grantExtras, const QString &recordId) const override;

private:
    HubSpotBases m_bases;
};

} // namespace Sb::Providers::HubSpot
