#include "hubspotauth.h"

#include <core/net/httpclient.h>

#include <QCoreApplication>
#include <core/oauth/oauthapps.h>

namespace Sb::Providers::HubSpot {

OAuth::AuthorizationServer authorizationServer(const HubSpotBases &bases)
{
    OAuth::AuthorizationServer server;
    server.provider = QStringLiteral("hubspot");
    server.displayName = QStringLiteral("HubSpot");
    server.authorizeUrl = bases.app.resolved(QUrl(QStringLiteral("/oauth/authorize")));
    server.tokenUrl = bases.api.resolved(QUrl(QStringLiteral("/oauth/v1/token")));
    server.scopes = {QStringLiteral("crm.objects.contacts.read"),
                     QStringLiteral("crm.objects.contacts.write")};
    return server;
}

OAuth::RefreshTargetLookup refreshTargets(std::shared_ptr<const Vault::Sealer> sealer, const HubSpotBases &bases)
{
    return [sealer = std::move(sealer), bases](Store::Database &database,
                                               const Store::TenantScope &tenant,
                                               const Store::StoredGrant &) -> Result<OAuth::RefreshTarget> {
        auto registered = OAuth::OAuthApps(database, *sealer).get(tenant, QStringLiteral("hubspot"));
        if (!registered)
            return registered.error();
        if (!*registered)
            return Error{ErrorCode::NotFound,
                         QCoreApplication::translate("Sb::Providers::HubSpot",
                                                     "HubSpot's app is no longer registered for this "
                                                     "clinic: register it and connect again.")};
        return OAuth::RefreshTarget{authorizationServer(bases), (*registered)->app};
    };
}

void revoke(Net::HttpClient &http,
            qint64 tenantId,
            const HubSpotBases &bases,
            const Secret &refreshToken,
            std::function<void(Status)> done)
{
    Net::HttpRequest request;
    request.key = {tenantId, QStringLiteral("hubspot"), {}};
    request.method = "DELETE";
    request.url = bases.api.resolved(QUrl(QStringLiteral("/oauth/v1/refresh-tokens/")
                                          + QString::fromLatin1(QUrl::toPercentEncoding(refreshToken.revealString()))));
    http.send(std::move(request), [done = std::move(done)](Net::HttpResult result) {
        if (result || result.error().httpStatus == 404)
            return done(ok());
        done(result.error().toError());
    });
}

} // namespace Sb::Providers::HubSpot
