#include "cli.h"

#include <core/net/httpclient.h>
#include <core/numbering/phonenumberparser.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/oauthapps.h>
#include <core/providers/ringcentral/ringcentralaccount.h>
#include <core/providers/ringcentral/ringcentralauth.h>
#include <core/providers/ringcentral/ringcentralcalllog.h>
#include <core/providers/ringcentral/ringcentralsignin.h>
#include <core/providers/ringcentral/ringcentralsubscription.h>
#include <core/store/oauthgrantstore.h>
#include <core/store/ringcentraluserstore.h>
#include <core/store/staffstore.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Sb::Ctl {

namespace {
const QString kProvider = QStringLiteral("ringcentral");

QUrl platformOf(const Cli &cli)
{
    return cli.apiBase(Providers::RingCentral::platformUrl());
}

const QString kWhyUser = QStringLiteral("--user names the staff member (their RingCentral account is theirs alone)");


// A staff member's own RingCentral account as a command uses it: their grant's tokens
// (refreshed with the app that issued it) on one HTTP core.
class UserLine final
{
public:
    UserLine(Cli &cli, const TenantContext &context, StaffId staff)
        : m_sealer(std::make_shared<Vault::Sealer>(*context.sealer))
        , m_tokens(context.database, m_sealer, m_http, Providers::RingCentral::refreshTargets(m_sealer, platformOf(cli)))
        , m_account(m_http, m_tokens, context.scope, staff, platformOf(cli))
    {}
    Providers::RingCentral::RingCentralAccount &account() { return m_account; }
    std::shared_ptr<const Vault::Sealer> sealer() const { return m_sealer; }

private:
    std::shared_ptr<Vault::Sealer> m_sealer;
    Net::HttpClient m_http;
    OAuth::AccessTokens m_tokens;
    Providers::RingCentral::RingCentralAccount m_account;
};

QString stateOf(const std::optional<Store::StoredGrant> &grant, const std::optional<Store::RingCentralUser> &user)
{
    if (!grant || !user)
        return QStringLiteral("not connected");
    return grant->needsReconnect ? QStringLiteral("needs reconnect") : QStringLiteral("connected");
}

// ringcentral app set --shared | --tenant T [--user U] --client-id ID --redirect-uri URI: the
// installation's shared app, a clinic's override or a staff member's own; the client secret
// from stdin (an empty line keeps the one stored).
int setApp(Cli &cli)
{
    const QString clientId = cli.option(QStringLiteral("client-id"));
    const QUrl redirect(cli.option(QStringLiteral("redirect-uri")));
    if (clientId.isEmpty() || redirect.isEmpty())
        return cli.usage(QStringLiteral("ringcentral app set needs --client-id and --redirect-uri"));
    const bool shared = cli.isSet(QStringLiteral("shared"));
    if (shared == cli.isSet(QStringLiteral("tenant")))
        return cli.usage(QStringLiteral("ringcentral app set takes --shared (the installation's app) or --tenant T [--user U]"));
    OAuth::OAuthApps::Registered app;
    app.app.clientId = clientId;
    app.app.redirectUri = redirect;
    app.updatedBy = QStringLiteral("switchboardctl");
    QString whose = QStringLiteral("the installation");
    Status saved = ok();
    if (shared) {
        auto database = cli.openDatabase();
        if (!database)
            return cli.fail(database.error());
        auto sealer = cli.sealer(**database);
        if (!sealer)
            return cli.fail(sealer.error());
        app.owner = OAuth::AppOwner::installation();
        app.app.clientSecret = cli.readSecretLine(QStringLiteral("Client secret (empty: keep the stored one): "));
        saved = OAuth::OAuthApps(**database, *sealer).setShared(kProvider, app);
    } else {
        auto context = cli.openTenant(true);
        if (!context)
            return context.error();
        whose = context->tenant.name;
        app.owner = OAuth::AppOwner::tenant();
        if (cli.isSet(QStringLiteral("user"))) {
            auto user = staffMemberNamed(cli, *context, kWhyUser);
            if (!user)
                return user.error();
            app.owner = OAuth::AppOwner::user(user->id);
            whose = QStringLiteral("%1 of %2").arg(user->name, context->tenant.name);
        }
        app.app.clientSecret = cli.readSecretLine(QStringLiteral("Client secret (empty: keep the stored one): "));
        saved = OAuth::OAuthApps(*context->database, *context->sealer).set(context->scope, kProvider, app);
    }
    if (!saved)
        return cli.fail(saved.error());
    cli.out() << "kept RingCentral's app for " << whose << " (client id " << clientId << ", secret ********)\n"
              << "register this redirect URI in the app: " << redirect.toString() << "\n"
              << "permissions it needs: ReadAccounts, ReadCallLog, ReadCallRecording, SMS, RingOut, "
                 "Webhook Subscriptions"
              << Qt::endl;
    return ExitOk;
}

// ringcentral app remove --shared | --tenant T [--user U]: the next sign-in falls back a level.
int removeApp(Cli &cli)
{
    const bool shared = cli.isSet(QStringLiteral("shared"));
    if (shared == cli.isSet(QStringLiteral("tenant")))
        return cli.usage(QStringLiteral("ringcentral app remove takes --shared or --tenant T [--user U]"));
    Result<bool> removed = false;
    if (shared) {
        auto database = cli.openDatabase();
        if (!database)
            return cli.fail(database.error());
        removed = Store::OAuthAppStore(**database).removeShared(kProvider);
    } else {
        auto context = cli.openTenant();
        if (!context)
            return context.error();
        OAuth::AppOwner owner = OAuth::AppOwner::tenant();
        if (cli.isSet(QStringLiteral("user"))) {
            auto user = staffMemberNamed(cli, *context, kWhyUser);
            if (!user)
                return user.error();
            owner = OAuth::AppOwner::user(user->id);
        }
        removed = Store::OAuthAppStore(*context->database).remove(context->scope, kProvider, owner);
    }
    if (!removed)
        return cli.fail(removed.error());
    cli.out() << (*removed ? "removed the app" : "there was no app there") << Qt::endl;
    return ExitOk;
}

// ringcentral connect --tenant T --user U: the staff member signs in to their own RingCentral
// account in the system browser (or the printed address with --no-browser).
int connect(Cli &cli, const TenantContext &context)
{
    auto user = staffMemberNamed(cli, context, kWhyUser);
    if (!user)
        return user.error();
    const bool noBrowser = cli.isSet(QStringLiteral("no-browser"));
    Net::HttpClient http;
    Providers::RingCentral::RingCentralSignIn signIn(
        context.database,
        std::make_shared<Vault::Sealer>(*context.sealer),
        http,
        context.scope,
        *user,
        [&](const QUrl &url) {
            if (noBrowser) {
                cli.out() << "open this address in a browser and sign in as " << user->name << "'s RingCentral user:\n"
                          << url.toString(QUrl::FullyEncoded) << Qt::endl;
                return true;
            }
            cli.note(QStringLiteral("opening the browser: sign in as %1's RingCentral user…").arg(user->name));
            return openInBrowser(url);
        },
        platformOf(cli));
    signIn.setConnectedBy(QStringLiteral("switchboardctl"));
    if (cli.isSet(QStringLiteral("timeout")))
        signIn.setTimeout(std::chrono::seconds(cli.option(QStringLiteral("timeout")).toInt()));
    auto signedIn = waitFor<Result<Providers::RingCentral::SignedIn>>([&](auto done) { signIn.start(done); });
    if (!signedIn)
        return cli.fail(signedIn.error());
    const Store::RingCentralUser &connected = signedIn->user;
    cli.out() << "connected " << user->name << " to RingCentral as " << connected.extensionName << " (extension "
              << connected.extensionNumber << ", account " << connected.accountId << ") with "
              << OAuth::appLevelDescription(signedIn->appLevel) << "\n"
              << "next: ringcentral numbers --tenant " << context.tenant.name << " --user " << user->name
              << " --sms-from NUMBER --caller-id NUMBER" << Qt::endl;
    return ExitOk;
}

// ringcentral numbers --tenant T --user U [--sms-from N] [--caller-id N] [--json]: the user's
// own numbers with what each can do; with --sms-from/--caller-id, the ones they use (a number
// that cannot text, or cannot be shown as caller id, is refused).
int numbers(Cli &cli, const TenantContext &context)
{
    auto user = staffMemberNamed(cli, context, kWhyUser);
    if (!user)
        return user.error();
    UserLine line(cli, context, user->id);
    auto found =
        waitFor<Result<QList<Providers::RingCentral::UserNumber>>>([&](auto done) { line.account().numbers(done); });
    if (!found)
        return cli.fail(found.error());
    Store::RingCentralUserStore users(*context.database);
    auto kept = users.find(context.scope, user->id);
    if (!kept)
        return cli.fail(kept.error());
    if (!*kept)
        return cli.fail(QStringLiteral("%1 has not connected RingCentral: ringcentral connect first").arg(user->name));
    const bool choosing = cli.isSet(QStringLiteral("sms-from")) || cli.isSet(QStringLiteral("caller-id"));
    if (choosing) {
        const Numbering::PhoneNumberParser parser(Numbering::PhoneNumberParser::configuredRegion());
        const auto pick = [&](const QString &option, bool (Providers::RingCentral::UserNumber::*can)() const,
                              const QString &what, QString &chosen) -> std::optional<int> {
            if (!cli.isSet(option))
                return std::nullopt;
            auto e164 = parser.toE164(cli.option(option));
            if (!e164)
                return cli.usage(QStringLiteral("--%1: %2").arg(option, e164.error().message));
            const auto number = std::find_if(found->cbegin(), found->cend(),
                                             [&](const auto &n) { return n.e164 == *e164; });
            if (number == found->cend())
                return cli.fail(QStringLiteral("%1 is not one of %2's RingCentral numbers").arg(*e164, user->name));
            if (!((*number).*can)())
                return cli.fail(QStringLiteral("%1 cannot %2 (RingCentral gives it: %3)")
                                    .arg(*e164, what, number->features.join(QStringLiteral(", "))));
            chosen = *e164;
            return std::nullopt;
        };
        QString smsFrom = (*kept)->smsFrom;
        QString callerId = (*kept)->callerId;
        if (auto failed = pick(QStringLiteral("sms-from"), &Providers::RingCentral::UserNumber::canText,
                               QStringLiteral("send texts"), smsFrom))
            return *failed;
        if (auto failed = pick(QStringLiteral("caller-id"), &Providers::RingCentral::UserNumber::canBeCallerId,
                               QStringLiteral("be shown as caller id"), callerId))
            return *failed;
        if (auto chosen = users.chooseNumbers(context.scope, user->id, smsFrom, callerId); !chosen)
            return cli.fail(chosen.error());
        (*kept)->smsFrom = smsFrom;
        (*kept)->callerId = callerId;
    }
    if (cli.wantsJson()) {
        QJsonArray rows;
        for (const auto &number : std::as_const(*found)) {
            rows.append(QJsonObject{{QStringLiteral("number"), number.e164},
                                    {QStringLiteral("usage"), number.usageType},
                                    {QStringLiteral("features"), QJsonArray::fromStringList(number.features)},
                                    {QStringLiteral("smsFrom"), number.e164 == (*kept)->smsFrom},
                                    {QStringLiteral("callerId"), number.e164 == (*kept)->callerId}});
        }
        cli.out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    for (const auto &number : std::as_const(*found)) {
        QStringList uses;
        if (number.e164 == (*kept)->smsFrom)
            uses << QStringLiteral("texts from it");
        if (number.e164 == (*kept)->callerId)
            uses << QStringLiteral("calls show it");
        cli.out() << Numbering::PhoneNumberParser::formatInternational(number.e164) << "  " << number.usageType << "  "
                  << (number.canText() ? "can text" : "no texts") << ", "
                  << (number.canBeCallerId() ? "caller id" : "no caller id")
                  << (uses.isEmpty() ? QString() : QStringLiteral("  [") + uses.join(QStringLiteral(", ")) + u']')
                  << Qt::endl;
    }
    if (found->isEmpty())
        cli.out() << user->name << "'s RingCentral extension has no numbers of its own" << Qt::endl;
    else if ((*kept)->smsFrom.isEmpty() || (*kept)->callerId.isEmpty())
        cli.note(QStringLiteral("choose with --sms-from NUMBER and --caller-id NUMBER"));
    return ExitOk;
}

// ringcentral sync --tenant T --user U: the user's call log into the clinic's calls (the first
// time 30 days, then what is new); a sync stopped midway goes on from there the next time.
int sync(Cli &cli, const TenantContext &context)
{
    auto user = staffMemberNamed(cli, context, kWhyUser);
    if (!user)
        return user.error();
    UserLine line(cli, context, user->id);
    Providers::RingCentral::RingCentralCallLogSync sync(context.database, line.account(), context.scope, user->id);
    QObject::connect(&sync, &Providers::RingCentral::RingCentralCallLogSync::progressed, [&](int read, int added) {
        cli.note(QStringLiteral("%1's call log: %2 read, %3 new").arg(user->name).arg(read).arg(added));
    });
    auto outcome = waitFor<Result<Providers::RingCentral::CallLogOutcome>>([&](auto done) { sync.run(done); });
    if (!outcome) {
        cli.fail(outcome.error());
        cli.note(QStringLiteral("what was read is kept; ringcentral sync goes on from there"));
        return ExitFailure;
    }
    cli.out() << user->name << "'s RingCentral call log: " << outcome->read << " call(s) read, " << outcome->added
              << " new" << (outcome->resumed ? " (went on from where the last sync stopped)" : "") << Qt::endl;
    return ExitOk;
}

// ringcentral subscribe --tenant T --user U --public-url URL: the user's texts and calls notify
// serve there (made, renewed when near its end, or made again when RingCentral dropped it).
int subscribe(Cli &cli, const TenantContext &context)
{
    auto user = staffMemberNamed(cli, context, kWhyUser);
    if (!user)
        return user.error();
    if (!cli.isSet(QStringLiteral("public-url")))
        return cli.usage(QStringLiteral("ringcentral subscribe needs --public-url (serve's, https)"));
    UserLine line(cli, context, user->id);
    Providers::RingCentral::RingCentralSubscriptionKeeper keeper(context.database, line.sealer(), line.account(),
                                                                 context.scope, user->id);
    auto step = waitFor<Result<Providers::RingCentral::SubscriptionStep>>(
        [&](auto done) { keeper.keep(QUrl(cli.option(QStringLiteral("public-url"))), done); });
    if (!step)
        return cli.fail(step.error());
    using Step = Providers::RingCentral::SubscriptionStep;
    const char *what = *step == Step::Created ? "subscribed" : *step == Step::Renewed ? "renewed the subscription of"
        : *step == Step::Recreated ? "subscribed again (RingCentral had dropped it)" : "kept the subscription of";
    cli.out() << what << " " << user->name << ": their texts and calls notify "
              << cli.option(QStringLiteral("public-url")) << "/ringcentral" << Qt::endl;
    return ExitOk;
}

// ringcentral status --tenant T [--user U] [--json]: each staff member's connection (or one's):
// the app in use and whose it is, the extension, the numbers chosen, the state.
int status(Cli &cli, const TenantContext &context)
{
    QList<Store::StaffMember> members;
    if (cli.isSet(QStringLiteral("user"))) {
        auto user = staffMemberNamed(cli, context, kWhyUser);
        if (!user)
            return user.error();
        members.append(*user);
    }
    auto users = Store::RingCentralUserStore(*context.database).list(context.scope);
    if (!users)
        return cli.fail(users.error());
    auto grants = Store::OAuthGrantStore(*context.database).list(context.scope);
    if (!grants)
        return cli.fail(grants.error());
    OAuth::OAuthApps apps(*context.database, *context.sealer);
    QJsonArray rows;
    const auto rowOf = [&](StaffId staff, const QString &name) -> Result<QJsonObject> {
        std::optional<Store::RingCentralUser> user;
        for (const auto &u : std::as_const(*users))
            if (u.staff == staff)
                user = u;
        std::optional<Store::StoredGrant> grant;
        for (const auto &g : std::as_const(*grants))
            if (g.key == Providers::RingCentral::grantOf(staff))
                grant = g;
        auto app = apps.resolve(context.scope, kProvider, staff);
        if (!app)
            return app.error();
        QJsonObject row{{QStringLiteral("user"), name}, {QStringLiteral("state"), stateOf(grant, user)}};
        if (*app) {
            row.insert(QStringLiteral("app"), QJsonObject{{QStringLiteral("clientId"), (*app)->app.clientId},
                                                          {QStringLiteral("level"), OAuth::appLevelDescription((*app)->owner.level)}});
        }
        if (user) {
            row.insert(QStringLiteral("extension"), user->extensionNumber);
            row.insert(QStringLiteral("extensionName"), user->extensionName);
            row.insert(QStringLiteral("extensionId"), user->extensionId);
            row.insert(QStringLiteral("accountId"), user->accountId);
            row.insert(QStringLiteral("smsFrom"), user->smsFrom);
            row.insert(QStringLiteral("callerId"), user->callerId);
            row.insert(QStringLiteral("connectedAt"), QDateTime::fromMSecsSinceEpoch(user->connectedAt).toUTC().toString(Qt::ISODate));
            if (!user->subscriptionId.isEmpty())
                row.insert(QStringLiteral("subscriptionExpiresAt"),
                           QDateTime::fromMSecsSinceEpoch(user->subscriptionExpiresAt).toUTC().toString(Qt::ISODate));
            if (user->callLogSyncedAt > 0)
                row.insert(QStringLiteral("callLogSyncedAt"),
                           QDateTime::fromMSecsSinceEpoch(user->callLogSyncedAt).toUTC().toString(Qt::ISODate));
            if (!user->appClientId.isEmpty() && *app && user->appClientId != (*app)->app.clientId)
                row.insert(QStringLiteral("connectedWithClientId"), user->appClientId);
        }
        if (grant && grant->needsReconnect)
            row.insert(QStringLiteral("problem"), grant->problem);
        return row;
    };
    if (!members.isEmpty()) {
        auto row = rowOf(members.first().id, members.first().name);
        if (!row)
            return cli.fail(row.error());
        rows.append(*row);
    } else {
        for (const auto &user : std::as_const(*users)) {
            auto row = rowOf(user.staff, user.staffName);
            if (!row)
                return cli.fail(row.error());
            rows.append(*row);
        }
    }
    if (cli.wantsJson()) {
        cli.out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    if (rows.isEmpty())
        cli.out() << "nobody at " << context.tenant.name << " has connected RingCentral" << Qt::endl;
    for (const QJsonValue &value : std::as_const(rows)) {
        const QJsonObject row = value.toObject();
        cli.out() << row.value(u"user").toString() << ": " << row.value(u"state").toString();
        if (row.contains(u"extension"))
            cli.out() << " as " << row.value(u"extensionName").toString() << " (extension "
                      << row.value(u"extension").toString() << ")";
        const QJsonObject app = row.value(u"app").toObject();
        if (app.isEmpty())
            cli.out() << "; no RingCentral app set up";
        else
            cli.out() << "; app " << app.value(u"clientId").toString() << " (" << app.value(u"level").toString() << ")";
        if (row.contains(u"smsFrom"))
            cli.out() << "; texts from " << (row.value(u"smsFrom").toString().isEmpty() ? QStringLiteral("(not chosen)") : row.value(u"smsFrom").toString())
                      << ", caller id " << (row.value(u"callerId").toString().isEmpty() ? QStringLiteral("(not chosen)") : row.value(u"callerId").toString());
        if (row.contains(u"problem"))
            cli.out() << ": " << row.value(u"problem").toString();
        cli.out() << Qt::endl;
    }
    return ExitOk;
}

// ringcentral reset --tenant T --user U: that user's tokens given back and their connection
// removed; nobody else's.
int reset(Cli &cli, const TenantContext &context)
{
    auto user = staffMemberNamed(cli, context, kWhyUser);
    if (!user)
        return user.error();
    Net::HttpClient http;
    QObject receiver;
    auto outcome = waitFor<Result<Providers::RingCentral::ResetOutcome>>([&](auto done) {
        Providers::RingCentral::reset(context.database, std::make_shared<Vault::Sealer>(*context.sealer), http,
                                      context.scope, user->id, platformOf(cli), &receiver, done);
    });
    if (!outcome)
        return cli.fail(outcome.error());
    if (outcome->revokeProblem)
        cli.note(QStringLiteral("RingCentral could not be told (%1): the tokens expire on their own")
                     .arg(outcome->revokeProblem->message));
    cli.out() << (outcome->hadConnection ? QStringLiteral("reset %1's RingCentral connection").arg(user->name)
                                         : QStringLiteral("%1 had no RingCentral connection").arg(user->name))
              << Qt::endl;
    return ExitOk;
}
} // namespace

int runRingCentral(Cli &cli, const QString &action)
{
    if (action == u"app") {
        const QString verb = cli.arguments().value(0);
        if (verb == u"set")
            return setApp(cli);
        if (verb == u"remove")
            return removeApp(cli);
        return cli.usage(QStringLiteral("ringcentral app takes set or remove"));
    }
    if (!QStringList{QStringLiteral("connect"), QStringLiteral("numbers"), QStringLiteral("sync"),
                     QStringLiteral("subscribe"), QStringLiteral("status"), QStringLiteral("reset")}
             .contains(action))
        return cli.usage(QStringLiteral("ringcentral takes app set|remove, connect, numbers, sync, subscribe, status or reset"));
    auto context = cli.openTenant(true);
    if (!context)
        return context.error();
    if (action == u"connect")
        return connect(cli, *context);
    if (action == u"numbers")
        return numbers(cli, *context);
    if (action == u"sync")
        return sync(cli, *context);
    if (action == u"subscribe")
        return subscribe(cli, *context);
    if (action == u"status")
        return status(cli, *context);
    return reset(cli, *context);
}

} // namespace Sb::Ctl
