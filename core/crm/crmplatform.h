#pragma once

#include "contactsource.h"

#include <core/common/result.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/authorizationflow.h>
#include <core/oauth/oauthapps.h>
#include <core/store/oauthgrantstore.h>
#include <core/store/tenantscope.h>

#include <QStringList>
#include <QUrl>
#include <QVariantMap>

#include <functional>
#include <memory>

namespace Sb::Net {
class HttpClient;
}

namespace Sb::Crm {

// One CRM as Switchboard connects to it: the sign-in with the admin's own app, the refresh,
// the revocation, the contacts and the record's page in the CRM. core/providers/<crm>
// implements it and core/providers/crmplatforms names them all, so that the CLI and the
// console hold no CRM's details.
class CrmPlatform
{
public:
    virtual ~CrmPlatform() = default;

    virtual QString name() const = 0; // "hubspot", "zoho": grants, apps and links go by it
    QString displayName() const { return OAuth::providerDisplayName(name()); }
    virtual QStringList scopes() const = 0;
    // Where an admin's account may be (Zoho's data centres: "com", "eu", …); empty when the
    // CRM has one place.
    virtual QStringList dataCentres() const { return {}; }

    // The sign-in for the admin's registered app (Zoho: at the data centre they chose).
    virtual Result<OAuth::AuthorizationServer> authorizationServer(const OAuth::OAuthApps::Registered &app) const = 0;
    // Checks the redirect before the code is exchanged; may move the token endpoint (Zoho's
    // accounts-server). None by default.
    virtual OAuth::AuthorizationFlow::RedirectCheck redirectCheck(const OAuth::OAuthApps::Registered &) const
    {
        return {};
    }
    // Checks what was granted before it is kept, and adds what later requests need (Zoho: the
    // api_domain must be Zoho's own, since every request carries the token there; the
    // accounts server the grant lives in).
    virtual Status completeGrant(OAuth::TokenGrant &, const OAuth::OAuthApps::Registered &) const { return ok(); }
    // Where and as whom a stored grant is refreshed (runs on a store thread).
    virtual Result<OAuth::RefreshTarget> refreshTarget(Store::Database &database,
                                                       const Store::TenantScope &tenant,
                                                       const Store::StoredGrant &grant,
                                                       const Vault::Sealer &sealer) const = 0;
    // Disconnecting: the refresh token given back at the CRM; one it no longer knows counts
    // as revoked.
    virtual void revoke(Net::HttpClient &http,
                        const Store::TenantScope &tenant,
                        const Store::StoredGrant &grant,
                        const Secret &refreshToken,
                        std::function<void(Status)> done) const
        = 0;
    // The clinic's contacts there, with its grant's tokens; numbers read in `region`.
    virtual std::unique_ptr<ContactSource> contacts(Net::HttpClient &http,
                                                    OAuth::AccessTokens &tokens,
                                                    const Store::TenantScope &tenant,
                                                    const QString &region) const
        = 0;
    // A record's page in the CRM's own web app (empty when it cannot be said); the clinic's
    // grant extras name the portal or the data centre.
    virtual QUrl recordPage(const QVariantMap &grantExtras, const QString &recordId) const = 0;
};

} // namespace Sb::Crm
