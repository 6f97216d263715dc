#include "zohoplatform.h"

#include "zohocontacts.h"

#include <core/net/httpclient.h>

#include <QJsonObject>
#include <QUrlQuery>

namespace Sb::Providers::Zoho {

namespace {
const QString kAccountsServer = QStringLiteral("accounts-server");
const QString kApiDomain = QStringLiteral("api_domain");
const QString kDefaultCentre = QStringLiteral("com");
} // namespace

ZohoPlatform::ZohoPlatform(ZohoDataCentres centres)
    : m_centres(std::move(centres))
{}

QStringList ZohoPlatform::scopes() const
{
    return {QStringLiteral("ZohoCRM.modules.contacts.ALL")};
}

Result<OAuth::AuthorizationServer> ZohoPlatform::serverAt(const ZohoDataCentre &centre) const
{
    OAuth::AuthorizationServer server;
    server.provider = name();
    server.displayName = displayName();
    server.authorizeUrl = centre.accounts.resolved(QUrl(QStringLiteral("/oauth/v2/auth")));
    server.tokenUrl = centre.accounts.resolved(QUrl(QStringLiteral("/oauth/v2/token")));
    server.scopes = scopes();
    server.scopeSeparator = QStringLiteral(",");
    // A refresh token, and consent asked again at a reconnect (so it comes with a new one).
    server.extraAuthorizeParameters = {{QStringLiteral("access_type"), QStringLiteral("offline")},
                                       {QStringLiteral("prompt"), QStringLiteral("consent")}};
    return server;
}

Result<OAuth::AuthorizationServer> ZohoPlatform::authorizationServer(const OAuth::OAuthApps::Registered &app) const
{
    const QString chosen = app.dataCentre.isEmpty() ? kDefaultCentre : app.dataCentre;
    const ZohoDataCentre *centre = m_centres.byCode(chosen);
    if (!centre)
        return Error{ErrorCode::InvalidArgument,
                     tr("\"%1\" is not one of Zoho's data centres (%2).").arg(chosen, m_centres.codes().join(QStringLiteral(", ")))};
    return serverAt(*centre);
}

OAuth::AuthorizationFlow::RedirectCheck ZohoPlatform::redirectCheck(const OAuth::OAuthApps::Registered &app) const
{
    return [this, app](const QVariantMap &redirect) -> Result<QUrl> {
        // A multi-DC sign-in names the account's data centre; its code is exchanged there.
        const QString named = redirect.value(kAccountsServer).toString();
        if (named.isEmpty()) {
            auto server = authorizationServer(app);
            if (!server)
                return server.error();
            return server->tokenUrl;
        }
        const ZohoDataCentre *centre = m_centres.byAccountsServer(QUrl(named));
        if (!centre) {
            return Error{ErrorCode::ProviderRefused,
                         tr("The sign-in came back naming an accounts server that is not one of Zoho's "
                            "(%1): nothing was connected, and the app's secret was not sent there.")
                             .arg(named)};
        }
        return centre->accounts.resolved(QUrl(QStringLiteral("/oauth/v2/token")));
    };
}

const ZohoDataCentre *ZohoPlatform::centreOf(const QVariantMap &grantExtras, const QString &chosen) const
{
    if (const QString named = grantExtras.value(kAccountsServer).toString(); !named.isEmpty())
        return m_centres.byAccountsServer(QUrl(named));
    return m_centres.byCode(chosen.isEmpty() ? kDefaultCentre : chosen);
}

Status ZohoPlatform::completeGrant(OAuth::TokenGrant &grant, const OAuth::OAuthApps::Registered &app) const
{
    const ZohoDataCentre *centre = centreOf(grant.extras, app.dataCentre);
    if (!centre)
        return Error{ErrorCode::ProviderRefused, tr("Zoho's answer named no data centre Switchboard knows.")};
    const QUrl api(grant.extras.value(kApiDomain).toString());
    if (!m_centres.byApiDomain(api)) {
        return Error{ErrorCode::ProviderRefused,
                     tr("Zoho granted access at an address that is not one of its own (api_domain \"%1\"): "
                        "nothing was connected.")
                         .arg(api.toString())};
    }
    // Refreshes and revocation go to the accounts server the grant came from.
    grant.extras.insert(kAccountsServer, centre->accounts.toString());
    grant.extras.insert(QStringLiteral("dataCentre"), centre->code);
    return ok();
}

Result<OAuth::RefreshTarget> ZohoPlatform::refreshTarget(Store::Database &database,
                                                         const Store::TenantScope &tenant,
                                                         const Store::StoredGrant &grant,
                                                         const Vault::Sealer &sealer) const
{
    auto registered = OAuth::OAuthApps(database, sealer).get(tenant, name());
    if (!registered)
        return registered.error();
    if (!*registered)
        return Error{ErrorCode::NotFound,
                     tr("Zoho CRM's app is no longer registered for this clinic: register it and connect again.")};
    const ZohoDataCentre *centre = centreOf(grant.extras, (*registered)->dataCentre);
    if (!centre)
        return Error{ErrorCode::ProviderRefused,
                     tr("The Zoho CRM connection names a data centre Switchboard does not know: connect again.")};
    auto server = serverAt(*centre);
    if (!server)
        return server.error();
    return OAuth::RefreshTarget{*server, (*registered)->app};
}

void ZohoPlatform::revoke(Net::HttpClient &http,
                          const Store::TenantScope &tenant,
                          const Store::StoredGrant &grant,
                          const Secret &refreshToken,
                          std::function<void(Status)> done) const
{
    const ZohoDataCentre *centre = centreOf(grant.extras, {});
    if (!centre)
        return done(Error{ErrorCode::ProviderRefused, tr("The connection names no data centre Switchboard knows.")});
    Net::HttpRequest request;
    request.key = {tenant.tenantId().value(), name(), {}};
    request.method = "POST";
    request.url = centre->accounts.resolved(QUrl(QStringLiteral("/oauth/v2/token/revoke")));
    // In the body rather than the address Zoho's examples use: kept out of proxies' logs.
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("token"), refreshToken.revealString());
    request.setForm(form);
    request.idempotent = true; // a token revoked twice is revoked
    http.send(std::move(request), [done = std::move(done)](Net::HttpResult result) {
        if (!result)
            return done(result.error().toError());
        // Zoho answers 200 with an "error" for a token it does not know: revoked already.
        const QString error = result->json().value(u"error").toString();
        if (error.isEmpty() || error == u"invalid_code" || error == u"invalid_token")
            return done(ok());
        done(Error{ErrorCode::ProviderRefused, tr("Zoho refused to revoke the token: %1.").arg(error)});
    });
}

std::unique_ptr<Crm::ContactSource> ZohoPlatform::contacts(Net::HttpClient &http,
                                                           OAuth::AccessTokens &tokens,
                                                           const Store::TenantScope &tenant,
                                                           const QString &region) const
{
    return std::make_unique<ZohoContacts>(http, tokens, tenant, m_centres, region);
}

QUrl ZohoPlatform::recordPage(const QVariantMap &grantExtras, const QString &recordId) const
{
    const ZohoDataCentre *centre = centreOf(grantExtras, {});
    if (!centre || recordId.isEmpty())
        return {};
    return centre->crm.resolved(QUrl(QStringLiteral("/crm/tab/Contacts/") + recordId));
}

} // namespace Sb::Providers::Zoho
