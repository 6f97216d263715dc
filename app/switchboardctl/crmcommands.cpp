#include "cli.h"

#include <core/crm/contactsync.h>
#include <core/crm/leadpush.h>
#include <core/net/httpclient.h>
#include <core/numbering/phonenumberparser.h>
#include <core/oauth/authorizationflow.h>
#include <core/oauth/grantvault.h>
#include <core/oauth/oauthapps.h>
#include <core/providers/crmplatforms.h>
#include <core/store/contactstore.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

namespace Sb::Ctl {

namespace {
using Platform = std::shared_ptr<const Crm::CrmPlatform>;

// The CRMs, the one named by --platform at --api-base when given (a fake: HubSpot's one
// address, Zoho's data centres as "eu=URL,com=URL").
Result<Providers::CrmPlatforms, int> platformsOf(Cli &cli)
{
    Providers::CrmPlatforms platforms;
    if (cli.isSet(QStringLiteral("api-base"))) {
        if (auto set = platforms.setBase(cli.option(QStringLiteral("platform")).toLower(), cli.option(QStringLiteral("api-base")));
            !set)
            return cli.usage(QStringLiteral("--api-base: ") + set.error().message);
    }
    return platforms;
}

// --platform, checked.
Result<Platform, int> platformOf(Cli &cli, const Providers::CrmPlatforms &platforms)
{
    const QString name = cli.option(QStringLiteral("platform")).toLower();
    if (auto platform = platforms.find(name))
        return platform;
    return cli.usage(QStringLiteral("--platform must be one of: ") + platforms.names().join(QStringLiteral(", ")));
}

// crm app set --tenant T --platform P --client-id ID --redirect-uri URI: the admin's own app;
// its client secret from stdin (an empty line keeps the one stored).
int setApp(Cli &cli, const TenantContext &context, const Vault::Sealer &sealer, const Crm::CrmPlatform &platform)
{
    const QString clientId = cli.option(QStringLiteral("client-id"));
    const QUrl redirect(cli.option(QStringLiteral("redirect-uri")));
    if (clientId.isEmpty() || redirect.isEmpty())
        return cli.usage(QStringLiteral("crm app set needs --client-id and --redirect-uri"));
    OAuth::OAuthApps::Registered app;
    app.app.clientId = clientId;
    app.app.redirectUri = redirect;
    const QStringList centres = platform.dataCentres();
    if (!centres.isEmpty()) {
        app.dataCentre = cli.isSet(QStringLiteral("data-centre")) ? cli.option(QStringLiteral("data-centre")).toLower()
                                                                  : centres.first();
        if (!centres.contains(app.dataCentre))
            return cli.usage(QStringLiteral("--data-centre must be one of: ") + centres.join(QStringLiteral(", ")));
    } else if (cli.isSet(QStringLiteral("data-centre"))) {
        return cli.usage(QStringLiteral("%1 has no data centres to choose").arg(platform.displayName()));
    }
    app.app.clientSecret = cli.readSecretLine(QStringLiteral("Client secret (empty: keep the stored one): "));
    if (auto saved = OAuth::OAuthApps(*context.database, sealer).set(context.scope, platform.name(), app); !saved)
        return cli.fail(saved.error());
    cli.out() << "kept " << platform.displayName() << "'s app for " << context.tenant.name
              << " (client id " << clientId << ", secret ********";
    if (!app.dataCentre.isEmpty())
        cli.out() << ", data centre " << app.dataCentre;
    cli.out() << ")\n"
              << "register this redirect URI in the app: " << redirect.toString() << "\n"
              << "scopes to request: " << platform.scopes().join(u' ') << Qt::endl;
    return ExitOk;
}

// crm connect: the admin signs in through the system browser (or the printed address with
// --no-browser); the grant is sealed into the store.
int connect(Cli &cli, const TenantContext &context, const Vault::Sealer &sealer, const Crm::CrmPlatform &platform)
{
    auto registered = OAuth::OAuthApps(*context.database, sealer).get(context.scope, platform.name());
    if (!registered)
        return cli.fail(registered.error());
    if (!*registered) {
        return cli.fail(QStringLiteral("%1 has no %2 app yet: crm app set --tenant %1 --platform %3 first")
                            .arg(context.tenant.name, platform.displayName(), platform.name()));
    }
    auto server = platform.authorizationServer(**registered);
    if (!server)
        return cli.fail(server.error());
    const bool noBrowser = cli.isSet(QStringLiteral("no-browser"));
    OAuth::AuthorizationFlow flow(
        *server,
        (*registered)->app,
        [&](const QUrl &url) {
            if (noBrowser) {
                cli.out() << "open this address in a browser to connect:\n"
                          << url.toString(QUrl::FullyEncoded) << Qt::endl;
                return true;
            }
            cli.note(QStringLiteral("opening the browser to connect %1…").arg(platform.displayName()));
            return openInBrowser(url);
        });
    flow.setRedirectCheck(platform.redirectCheck(**registered));
    if (cli.isSet(QStringLiteral("timeout")))
        flow.setTimeout(std::chrono::seconds(cli.option(QStringLiteral("timeout")).toInt()));
    auto grant = waitFor<Result<OAuth::TokenGrant>>([&](auto done) { flow.start(done); });
    if (!grant)
        return cli.fail(grant.error());
    if (auto complete = platform.completeGrant(*grant, **registered); !complete)
        return cli.fail(complete.error());
    if (auto kept = OAuth::GrantVault(*context.database, sealer)
                        .connect(context.scope, {platform.name(), StaffId()}, *grant, QStringLiteral("switchboardctl"));
        !kept)
        return cli.fail(kept.error());
    // The account's own data centre, where Zoho's sign-in found it: the next one starts there.
    if (const QString centre = grant->extras.value(QStringLiteral("dataCentre")).toString(); !centre.isEmpty()) {
        if (auto moved = OAuth::OAuthApps(*context.database, sealer).moveToDataCentre(context.scope, platform.name(), centre);
            !moved)
            return cli.fail(moved.error());
    }
    cli.out() << "connected " << context.tenant.name << " to " << platform.displayName();
    if (const QString hub = grant->extras.value(QStringLiteral("hub_id")).toString(); !hub.isEmpty())
        cli.out() << " (portal " << hub << ")";
    if (const QString centre = grant->extras.value(QStringLiteral("dataCentre")).toString(); !centre.isEmpty())
        cli.out() << " (data centre " << centre << ")";
    cli.out() << Qt::endl;
    return ExitOk;
}

// crm status: per CRM, the app registered and the connection's state.
int status(Cli &cli, const TenantContext &context, const Vault::Sealer &sealer, const Providers::CrmPlatforms &platforms)
{
    auto grants = Store::OAuthGrantStore(*context.database).list(context.scope);
    if (!grants)
        return cli.fail(grants.error());
    QJsonArray rows;
    for (const QString &platform : platforms.names()) {
        auto app = OAuth::OAuthApps(*context.database, sealer).get(context.scope, platform);
        if (!app)
            return cli.fail(app.error());
        const auto grant = std::find_if(grants->cbegin(), grants->cend(), [&](const Store::StoredGrant &g) {
            return g.key.provider == platform && !g.key.owner.isValid();
        });
        QString state = QStringLiteral("not connected");
        if (grant != grants->cend())
            state = grant->needsReconnect ? QStringLiteral("needs reconnect") : QStringLiteral("connected");
        QJsonObject row{{QStringLiteral("platform"), platform},
                        {QStringLiteral("app"), bool(*app)},
                        {QStringLiteral("state"), state}};
        if (*app) {
            row.insert(QStringLiteral("clientId"), (*app)->app.clientId);
            row.insert(QStringLiteral("redirectUri"), (*app)->app.redirectUri.toString());
            if (!(*app)->dataCentre.isEmpty())
                row.insert(QStringLiteral("dataCentre"), (*app)->dataCentre);
        }
        auto sync = Store::ContactStore(*context.database).syncState(context.scope, platform);
        if (!sync)
            return cli.fail(sync.error());
        if (*sync) {
            auto linked = Store::ContactStore(*context.database).count(context.scope, platform);
            if (!linked)
                return cli.fail(linked.error());
            row.insert(QStringLiteral("contacts"), *linked);
            QJsonObject synced{{QStringLiteral("running"), (*sync)->isRunning()},
                               {QStringLiteral("fetched"), (*sync)->fetched},
                               {QStringLiteral("estimatedTotal"), (*sync)->estimatedTotal}};
            if ((*sync)->finishedAt > 0)
                synced.insert(QStringLiteral("lastFinishedAt"),
                              QDateTime::fromMSecsSinceEpoch((*sync)->finishedAt).toUTC().toString(Qt::ISODate));
            row.insert(QStringLiteral("sync"), synced);
        }
        if (grant != grants->cend()) {
            row.insert(QStringLiteral("connectedBy"), grant->connectedBy);
            row.insert(QStringLiteral("connectedAt"), QDateTime::fromMSecsSinceEpoch(grant->connectedAt).toUTC().toString(Qt::ISODate));
            row.insert(QStringLiteral("tokenExpiresAt"), QDateTime::fromMSecsSinceEpoch(grant->expiresAt).toUTC().toString(Qt::ISODate));
            row.insert(QStringLiteral("scopes"), QJsonArray::fromStringList(grant->scopes));
            if (grant->needsReconnect)
                row.insert(QStringLiteral("problem"), grant->problem);
        }
        rows.append(row);
    }
    auto contacts = Store::ContactStore(*context.database).count(context.scope);
    if (!contacts)
        return cli.fail(contacts.error());
    if (cli.wantsJson()) {
        cli.out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    cli.out() << context.tenant.name << ": " << *contacts << " contact(s)" << Qt::endl;
    for (const QJsonValue &value : std::as_const(rows)) {
        const QJsonObject row = value.toObject();
        cli.out() << OAuth::providerDisplayName(row.value(u"platform").toString()) << ": "
                  << row.value(u"state").toString();
        if (!row.value(u"app").toBool())
            cli.out() << " (no app registered)";
        else
            cli.out() << " (app " << row.value(u"clientId").toString() << ", redirect "
                      << row.value(u"redirectUri").toString()
                      << (row.contains(u"dataCentre") ? QStringLiteral(", data centre ") + row.value(u"dataCentre").toString() : QString())
                      << ")";
        if (row.contains(u"problem"))
            cli.out() << ": " << row.value(u"problem").toString();
        const QJsonObject synced = row.value(u"sync").toObject();
        if (synced.value(u"running").toBool())
            cli.out() << "; a sync stopped at " << synced.value(u"fetched").toInt() << " of about "
                      << synced.value(u"estimatedTotal").toInt() << " (crm sync goes on from there)";
        else if (synced.contains(u"lastFinishedAt"))
            cli.out() << "; last synced " << synced.value(u"lastFinishedAt").toString();
        cli.out() << Qt::endl;
    }
    return ExitOk;
}

// crm disconnect: revoked at the provider, then removed here. When the provider cannot be
// reached the grant is removed anyway and the admin is told to remove the app there.
int disconnect(Cli &cli, const TenantContext &context, const Vault::Sealer &sealer, const Crm::CrmPlatform &platform)
{
    const Store::GrantKey key{platform.name(), StaffId()};
    auto grant = Store::OAuthGrantStore(*context.database).find(context.scope, key);
    if (!grant)
        return cli.fail(grant.error());
    if (!*grant)
        return cli.fail(QStringLiteral("%1 is not connected to %2").arg(context.tenant.name, platform.displayName()));
    auto tokens = OAuth::GrantVault(*context.database, sealer).open(context.scope, **grant);
    if (tokens) {
        Net::HttpClient http;
        auto revoked = waitFor<Status>([&](auto done) {
            platform.revoke(http, context.scope, **grant, tokens->refreshToken, done);
        });
        if (!revoked) {
            cli.note(QStringLiteral("could not revoke at %1 (%2): remove the app in %1's settings too")
                         .arg(platform.displayName(), revoked.error().message));
        }
    }
    if (auto removed = Store::OAuthGrantStore(*context.database).remove(context.scope, key); !removed)
        return cli.fail(removed.error());
    cli.out() << "disconnected " << context.tenant.name << " from " << platform.displayName() << Qt::endl;
    return ExitOk;
}
// crm sync: the CRM's contacts into the unified contacts, with a progress line at most once
// a second on stderr; a run stopped midway goes on from there the next time.
int sync(Cli &cli,
         const TenantContext &context,
         const Vault::Sealer &sealer,
         const Providers::CrmPlatforms &platforms,
         const Crm::CrmPlatform &crm)
{
    const QString platform = crm.name();
    auto grant = Store::OAuthGrantStore(*context.database).find(context.scope, {platform, StaffId()});
    if (!grant)
        return cli.fail(grant.error());
    if (!*grant)
        return cli.fail(QStringLiteral("%1 is not connected to %2: crm connect first")
                            .arg(context.tenant.name, crm.displayName()));
    auto shared = std::make_shared<Vault::Sealer>(sealer);
    Net::HttpClient http;
    OAuth::AccessTokens tokens(context.database, shared, http, platforms.refreshTargets(shared));
    const auto source = crm.contacts(http, tokens, context.scope, Numbering::PhoneNumberParser::configuredRegion());
    Crm::ContactSync sync(context.database, context.scope, *source);
    QElapsedTimer lastLine;
    Crm::SyncProgress last;
    QObject::connect(&sync, &Crm::ContactSync::progressed, [&](const Crm::SyncProgress &progress) {
        last = progress;
        if (lastLine.isValid() && lastLine.elapsed() < 1000)
            return;
        lastLine.start();
        QString line = progress.isIncremental
            ? QStringLiteral("%1: %2 changed record(s) read").arg(OAuth::providerDisplayName(platform)).arg(progress.fetched)
            : progress.estimatedTotal > 0
            ? QStringLiteral("%1: %2 of about %3 contacts (%4%)")
                  .arg(OAuth::providerDisplayName(platform))
                  .arg(progress.fetched)
                  .arg(progress.estimatedTotal)
                  .arg(100 * progress.fetched / progress.estimatedTotal)
            : QStringLiteral("%1: %2 contacts").arg(OAuth::providerDisplayName(platform)).arg(progress.fetched);
        if (const qint64 left = progress.remainingMs(); left >= 0)
            line += QStringLiteral(", about %1 s left").arg((left + 999) / 1000);
        cli.note(line);
    });
    auto outcome = waitFor<Status>([&](auto done) {
        QObject::connect(&sync, &Crm::ContactSync::finished, [done](const Status &status) { done(status); });
        sync.start();
    });
    if (!outcome)
        return cli.fail(QStringLiteral("%1 (the next crm sync goes on from where this one stopped)").arg(outcome.error().message));
    auto count = Store::ContactStore(*context.database).count(context.scope);
    cli.out() << OAuth::providerDisplayName(platform) << ": " << (last.isIncremental ? "changes synced, " : "synced, ")
              << last.fetchedThisRun << " record(s) read in " << (last.elapsedMs + 500) / 1000 << " s; "
              << (count ? *count : 0) << " contact(s) in " << context.tenant.name << Qt::endl;
    return ExitOk;
}
// crm push LEAD_ID: the lead becomes a contact in the CRM, once.
int push(Cli &cli,
         const TenantContext &context,
         const Vault::Sealer &sealer,
         const Providers::CrmPlatforms &platforms,
         const Crm::CrmPlatform &crm)
{
    bool isNumber = false;
    const LeadId lead(cli.arguments().value(0).toLongLong(&isNumber));
    if (!isNumber || !lead.isValid())
        return cli.usage(QStringLiteral("crm push takes the lead's id"));
    auto shared = std::make_shared<Vault::Sealer>(sealer);
    Net::HttpClient http;
    OAuth::AccessTokens tokens(context.database, shared, http, platforms.refreshTargets(shared));
    const auto source = crm.contacts(http, tokens, context.scope, Numbering::PhoneNumberParser::configuredRegion());
    QObject pushContext; // the push's answers come while it lives
    auto pushed = waitFor<Result<Crm::PushedLead>>([&](auto done) {
        Crm::LeadPush::push(context.database, context.scope, lead, *source, &pushContext, done);
    });
    if (!pushed)
        return cli.fail(pushed.error());
    cli.out() << (pushed->wasThere ? "already in " : "pushed to ") << crm.displayName()
              << " as record " << pushed->recordId << Qt::endl;
    return ExitOk;
}
} // namespace

int runCrm(Cli &cli, const QString &action)
{
    const bool isAppSet = action == u"app";
    if (!isAppSet && !QStringList{QStringLiteral("connect"), QStringLiteral("sync"), QStringLiteral("status"),
                                  QStringLiteral("disconnect"), QStringLiteral("push")}.contains(action))
        return cli.usage(QStringLiteral("crm takes app set, connect, sync, push, status or disconnect"));
    if (isAppSet && cli.arguments().value(0) != u"set")
        return cli.usage(QStringLiteral("crm app set --tenant T --platform P --client-id ID --redirect-uri URI"));
    auto context = cli.openTenant(true);
    if (!context)
        return context.error();
    const Vault::Sealer &sealer = *context->sealer;
    Providers::CrmPlatforms platforms;
    if (action == u"status")
        return status(cli, *context, sealer, platforms);
    if (auto given = platformsOf(cli); given)
        platforms = *given;
    else
        return given.error();
    auto found = platformOf(cli, platforms);
    if (!found)
        return found.error();
    const Crm::CrmPlatform &platform = **found;
    if (isAppSet)
        return setApp(cli, *context, sealer, platform);
    if (action == u"connect")
        return connect(cli, *context, sealer, platform);
    if (action == u"disconnect")
        return disconnect(cli, *context, sealer, platform);
    if (action == u"sync")
        return sync(cli, *context, sealer, platforms, platform);
    if (action == u"push")
        return push(cli, *context, sealer, platforms, platform);
    return cli.usage(QStringLiteral("crm takes app set, connect, sync, status or disconnect"));
}

} // namespace Sb::Ctl
