#include "ringcentralsignin.h"

#include "ringcentralsubscription.h"

#include <core/common/continuation.h>
#include <core/net/httpclient.h>
#include <core/oauth/grantvault.h>
#include <core/oauth/oauthapps.h>
#include <core/store/database.h>

namespace Sb::Providers::RingCentral {

RingCentralSignIn::RingCentralSignIn(std::shared_ptr<Store::Database> database,
                                     std::shared_ptr<const Vault::Sealer> sealer,
                                     Net::HttpClient &http,
                                     Store::TenantScope tenant,
                                     Store::StaffMember staff,
                                     OAuth::AuthorizationFlow::OpenBrowser openBrowser,
                                     QUrl platform,
                                     QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_sealer(std::move(sealer))
    , m_http(http)
    , m_tenant(std::move(tenant))
    , m_staff(std::move(staff))
    , m_openBrowser(std::move(openBrowser))
    , m_platform(std::move(platform))
    , m_connectedBy(m_staff.name)
{}

void RingCentralSignIn::start(std::function<void(Result<SignedIn>)> done)
{
    m_done = std::move(done);
    auto app = m_database->run([database = m_database, sealer = m_sealer, tenant = m_tenant, staff = m_staff.id] {
        return OAuth::OAuthApps(*database, *sealer).resolve(tenant, QStringLiteral("ringcentral"), staff);
    });
    onFinished(this, std::move(app), [this](Result<std::optional<OAuth::OAuthApps::Registered>> app) {
        if (!app)
            return finish(app.error());
        if (!*app) {
            return finish(Error{ErrorCode::NotFound,
                                tr("No RingCentral app is set up: an administrator registers the installation's "
                                   "(switchboardctl ringcentral app set --shared) or the clinic's.")});
        }
        signIn(**app);
    });
}

void RingCentralSignIn::cancel()
{
    if (m_flow)
        m_flow->cancel();
}

void RingCentralSignIn::signIn(const OAuth::OAuthApps::Registered &app)
{
    m_flow = new OAuth::AuthorizationFlow(authorizationServer(m_platform), app.app, m_openBrowser, this);
    m_flow->setTimeout(m_timeout);
    m_flow->start([this, app](Result<OAuth::TokenGrant> grant) {
        m_flow->deleteLater();
        if (!grant)
            return finish(grant.error());
        readExtension(app, *grant);
    });
}

// Who signed in: the token's owner is an extension; its number, name and account come from
// the extension itself (the user may have signed in as someone other than they meant to).
void RingCentralSignIn::readExtension(const OAuth::OAuthApps::Registered &app, OAuth::TokenGrant grant)
{
    Net::HttpRequest request;
    request.key = {m_tenant.tenantId().value(), QStringLiteral("ringcentral"), QString::number(m_staff.id.value())};
    request.url = m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/account/~/extension/~")));
    request.setHeader("Authorization", "Bearer " + grant.accessToken.reveal());
    m_http.send(std::move(request), this, [this, app, grant](Net::HttpResult answer) {
        if (!answer) {
            const Error failed = answer.error().toError();
            return revoke(m_http, m_tenant.tenantId().value(), m_staff.id, m_platform, app.app, grant.refreshToken,
                          whileAlive<Status>(this, [this, failed](Status) { finish(failed); }));
        }
        const QJsonObject extension = answer->json();
        Store::RingCentralUser user;
        user.staff = m_staff.id;
        user.staffName = m_staff.displayName.isEmpty() ? m_staff.name : m_staff.displayName;
        user.extensionId = extension.value(u"id").toVariant().toString();
        user.extensionName = extension.value(u"name").toString();
        user.extensionNumber = extension.value(u"extensionNumber").toString();
        user.accountId = extension.value(u"account").toObject().value(u"id").toVariant().toString();
        user.appClientId = app.app.clientId;
        const QString owner = grant.extras.value(QStringLiteral("owner_id")).toString();
        if (user.extensionId.isEmpty() || (!owner.isEmpty() && owner != user.extensionId)) {
            const Error unclear{ErrorCode::ProviderRefused,
                                tr("RingCentral did not say which extension signed in: nothing was kept.")};
            return revoke(m_http, m_tenant.tenantId().value(), m_staff.id, m_platform, app.app, grant.refreshToken,
                          whileAlive<Status>(this, [this, unclear](Status) { finish(unclear); }));
        }
        keep(app, grant, user);
    });
}

void RingCentralSignIn::keep(const OAuth::OAuthApps::Registered &app, OAuth::TokenGrant grant, Store::RingCentralUser user)
{
    // The app that issued the grant refreshes it, whatever is registered later.
    grant.extras.insert(QStringLiteral("clientId"), app.app.clientId);
    grant.extras.insert(QStringLiteral("extensionId"), user.extensionId);
    auto kept = m_database->run([database = m_database, sealer = m_sealer, tenant = m_tenant, grant, user,
                                 by = m_connectedBy]() -> Status {
        // The row first: an extension someone else connected is refused before any token is kept.
        if (auto row = Store::RingCentralUserStore(*database).connect(tenant, user); !row)
            return row;
        if (auto connected = OAuth::GrantVault(*database, *sealer).connect(tenant, grantOf(user.staff), grant, by); !connected)
            return connected;
        // What serve will check the member's notifications by, made now: serve cannot make it.
        if (auto token = RingCentralSubscriptionKeeper::verificationToken(*database, *sealer, tenant); !token)
            return token.error();
        return ok();
    });
    onFinished(this, std::move(kept), [this, user, app, grant, level = app.owner.level](Status status) {
        if (status)
            return finish(SignedIn{user, level});
        // Nothing was kept: the tokens this sign-in got go back to RingCentral at once (best
        // effort), rather than living on unseen until they expire.
        const Error kept = status.error();
        revoke(m_http, m_tenant.tenantId().value(), m_staff.id, m_platform, app.app, grant.refreshToken,
               whileAlive<Status>(this, [this, kept](Status) { finish(kept); }));
    });
}

void RingCentralSignIn::finish(Result<SignedIn> result)
{
    if (auto done = std::exchange(m_done, nullptr))
        done(std::move(result));
}

} // namespace Sb::Providers::RingCentral
