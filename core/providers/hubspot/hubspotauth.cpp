#include "hubspotauth.h"

#include <core/net/httpclient.h>


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
