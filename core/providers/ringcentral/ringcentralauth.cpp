#include "ringcentralauth.h"

#include <core/common/continuation.h>
#include <core/net/httpclient.h>
#include <core/oauth/grantvault.h>
#include <core/oauth/oauthapps.h>
#include <core/store/database.h>
#include <core/store/ringcentraluserstore.h>

#include <QCoreApplication>
#include <QPointer>

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

OAuth::RefreshTargetLookup refreshTargets(std::shared_ptr<const Vault::Sealer> sealer, QUrl platform)
{
    return [sealer = std::move(sealer), platform = std::move(platform)](
               Store::Database &database, const Store::TenantScope &tenant,
               const Store::StoredGrant &grant) -> Result<OAuth::RefreshTarget> {
        const QString clientId = grant.extras.value(QStringLiteral("clientId")).toString();
        OAuth::OAuthApps apps(database, *sealer);
        auto app = clientId.isEmpty() ? apps.resolve(tenant, QStringLiteral("ringcentral"), grant.key.owner)
                                      : apps.withClientId(tenant, QStringLiteral("ringcentral"), grant.key.owner, clientId);
        if (!app)
            return app.error();
        if (!*app) {
            return Error{ErrorCode::AuthenticationFailed,
                         QCoreApplication::translate("Sb::Providers::RingCentral",
                                                     "The RingCentral app this account was connected with is gone: "
                                                     "connect RingCentral again.")};
        }
        return OAuth::RefreshTarget{authorizationServer(platform), (*app)->app};
    };
}

void reset(std::shared_ptr<Store::Database> database,
           std::shared_ptr<const Vault::Sealer> sealer,
           Net::HttpClient &http,
           const Store::TenantScope &tenant,
           StaffId staff,
           const QUrl &platform,
           QObject *context,
           std::function<void(Result<ResetOutcome>)> done)
{
    struct Held
    {
        std::optional<OAuth::ClientApp> app;
        Secret refreshToken;
    };
    // What to give back: the refresh token (revoking it ends its access token too) and the app
    // that holds it.
    auto held = database->run([database, sealer, tenant, staff]() -> Result<Held> {
        auto grant = Store::OAuthGrantStore(*database).find(tenant, grantOf(staff));
        if (!grant)
            return grant.error();
        if (!*grant)
            return Held{};
        auto tokens = OAuth::GrantVault(*database, *sealer).open(tenant, **grant);
        auto app = OAuth::OAuthApps(*database, *sealer)
                       .withClientId(tenant, QStringLiteral("ringcentral"), staff,
                                     (*grant)->extras.value(QStringLiteral("clientId")).toString());
        if (!tokens || !app || !*app)
            return Held{}; // nothing that can be given back: removed all the same
        return Held{(*app)->app, tokens->refreshToken};
    });
    // The reset goes through even if the page that asked closes meanwhile (RingCentral's answer
    // can come later); only the answer is dropped then.
    const auto remove = [database, tenant, staff, guard = QPointer<QObject>(context), done](std::optional<Error> revokeProblem) {
        auto removed = database->run([database, tenant, staff] {
            return Store::RingCentralUserStore(*database).reset(tenant, staff);
        });
        if (!guard)
            return;
        onFinished(guard.data(), std::move(removed), [done, revokeProblem](Result<bool> removed) {
            if (!removed)
                return done(removed.error());
            done(ResetOutcome{*removed, revokeProblem});
        });
    };
    onFinished(context, std::move(held), [&http, tenant, staff, platform, remove, done](Result<Held> held) {
        if (!held)
            return done(held.error());
        if (!held->app || held->refreshToken.isEmpty())
            return remove(std::nullopt);
        revoke(http, tenant.tenantId().value(), staff, platform, *held->app, held->refreshToken,
               [remove](Status revoked) { remove(revoked ? std::nullopt : std::optional<Error>(revoked.error())); });
    });
}

} // namespace Sb::Providers::RingCentral
