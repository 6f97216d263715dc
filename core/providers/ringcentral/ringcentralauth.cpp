#include "ringcentralauth.h"

#include <core/net/httpclient.h>

#include <QUrlQuery>

namespace Sb::Providers::RingCentral {

OAuth::AuthorizationServer authorizationServer(const QUrl &platform)
{
    OAuth::AuthorizationServer server;
    server.provider = QStringLiteral("ringcentral");
    server.displayName = QStringLiteral("RingCentral");
    server.authorizeUrl = platform.resolved(QUrl(QStringLiteral("/restapi/oauth/authorize")));
    server.tokenUrl = platform.resolved(QUrl(QStringLiteral("/restapi/oauth/token")));
    server.clientAuthentication = OAuth::AuthorizationServer::ClientAuthentication::HttpBasic;
    return server;
}

void revoke(Net::HttpClient &http,
            qint64 tenantId,
            StaffId staff,
            const QUrl &platform,
            const OAuth::ClientApp &app,
            const Secret &token,
            std::function<void(Status)> done)
{
    Net::HttpRequest request;
    request.key = {tenantId, QStringLiteral("ringcentral"), QString::number(staff.value())};
    request.method = "POST";
    request.url = platform.resolved(QUrl(QStringLiteral("/restapi/oauth/revoke")));
    request.setHeader("Authorization", OAuth::basicAuthorization(app));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("token"), token.revealString());
    request.setForm(form);
    request.idempotent = true; // revoking twice is revoking once
    request.deliversClientErrors = true; // an unknown token: revoked already
    http.send(std::move(request), [done = std::move(done)](Net::HttpResult result) {
        if (!result)
            return done(result.error().toError());
        done(ok());
    });
}

} // namespace Sb::Providers::RingCentral
