#pragma once

#include "zohodatacentres.h"

#include <core/crm/crmplatform.h>

namespace Sb::Providers::Zoho {

// Zoho CRM as a CRM Switchboard connects to (../shared/providers.md §5). The admin names the
// data centre their account is in; a multi-DC sign-in may come back naming another one
// (`location`, `accounts-server`), and that one wins when it is one of Zoho's. Tokens are
// exchanged and refreshed at the grant's accounts server, records read at the api_domain of
// the latest token answer. Zoho asks for offline access (a refresh token) and consent every
// time (so a reconnect gets a new refresh token).
class ZohoPlatform final : public Crm::CrmPlatform
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Zoho::ZohoPlatform)

public:
    explicit ZohoPlatform(ZohoDataCentres centres = ZohoDataCentres::published());

    QString name() const override { return QStringLiteral("zoho"); }
    QStringList scopes() const override;
    QStringList dataCentres() const override { return m_centres.codes(); }
    Result<OAuth::AuthorizationServer> authorizationServer(const OAuth::OAuthApps::Registered &app) const override;
    OAuth::AuthorizationFlow::RedirectCheck redirectCheck(const OAuth::OAuthApps::Registered &app) const override;
    Status completeGrant(OAuth::TokenGrant &grant, const OAuth::OAuthApps::Registered &app) const override;
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
    Result<OAuth::AuthorizationServer> serverAt(const ZohoDataCentre &centre) const;
    // The data centre a grant lives in: its accounts server, else the app's choice.
    const ZohoDataCentre *centreOf(const QVariantMap &grantExtras, const QString &chosen) const;

    ZohoDataCentres m_centres;
};

} // namespace Sb::Providers::Zoho
