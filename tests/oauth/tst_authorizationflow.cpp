#include "../fakes/fakehubspot.h"
#include "../support/awaitcallback.h"
#include "../support/scriptedbrowser.h"

#include <core/oauth/authorizationflow.h>
#include <core/oauth/pkce.h>
#include <core/oauth/tokenresponse.h>

#include <QNetworkInterface>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace Sb;
using namespace Qt::StringLiterals;
using Browser = Test::ScriptedBrowser;

// A sign-in through the browser against a loopback HubSpot, with a scripted user following
// the pages over real HTTP: PKCE and our own state reach the provider and are checked; the
// redirect is caught on 127.0.0.1 only, at its path only; a foreign state, a refusal, a
// browser left alone, a taken port and a token endpoint's refusal each end the flow with a
// clear message (and the browser tab says so).
class tst_AuthorizationFlow : public QObject
{
    Q_OBJECT

private slots:
    void pkceFollowsRfc7636();
    void grantsThroughTheLoopbackWithPkce();
    void aForeignStateIsRefused();
    void declinedAccessEndsTheFlow();
    void aBrowserLeftAloneTimesOut();
    void aTakenPortSaysSo();
    void theTokenEndpointsRefusalIsReported();
    void onlyLoopbackRedirectsAreAccepted();
    void tokenAnswersInEachProvidersShape();

private:
    struct Outcome
    {
        std::optional<Result<OAuth::TokenGrant>> result;
        std::unique_ptr<Browser> browser;
    };
    static OAuth::AuthorizationServer hubspot(const Fakes::FakeHubSpot &fake);
    static quint16 freePort();
    Outcome signIn(Fakes::FakeHubSpot &fake,
                   const Fakes::FakeHubSpot::App &app,
                   Browser::Act act,
                   std::chrono::milliseconds timeout = std::chrono::seconds(20),
                   const QString &secret = {});
};

OAuth::AuthorizationServer tst_AuthorizationFlow::hubspot(const Fakes::FakeHubSpot &fake)
{
    OAuth::AuthorizationServer server;
    server.provider = u"hubspot"_s;
    server.displayName = u"HubSpot"_s;
    server.authorizeUrl = QUrl(fake.baseUrl() + u"/oauth/authorize"_s);
    server.tokenUrl = QUrl(fake.baseUrl() + u"/oauth/v1/token"_s);
    server.scopes = {u"crm.objects.contacts.read"_s, u"crm.objects.contacts.write"_s};
    return server;
}

quint16 tst_AuthorizationFlow::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

tst_AuthorizationFlow::Outcome tst_AuthorizationFlow::signIn(Fakes::FakeHubSpot &fake,
                                                             const Fakes::FakeHubSpot::App &app,
                                                             Browser::Act act,
                                                             std::chrono::milliseconds timeout,
                                                             const QString &secret)
{
    Outcome outcome;
    outcome.browser = std::make_unique<Browser>(act);
    OAuth::ClientApp client{app.clientId,
                            Secret::fromString(secret.isEmpty() ? app.clientSecret : secret),
                            QUrl(app.redirectUri)};
    OAuth::AuthorizationFlow flow(hubspot(fake), client, [&](const QUrl &url) {
        return outcome.browser->open(url);
    });
    flow.setTimeout(timeout);
    outcome.result = Test::awaitCallback<Result<OAuth::TokenGrant>>(
        [&](auto done) { flow.start(done); }, 30000);
    // The tab's answer, when the browser was opened at all.
    if (!outcome.browser->authorizeUrl().isEmpty())
        (void)QTest::qWaitFor([&] { return outcome.browser->isDone(); }, 5000);
    return outcome;
}

void tst_AuthorizationFlow::pkceFollowsRfc7636()
{
    // RFC 7636, appendix B.
    QCOMPARE(OAuth::Pkce::challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    const OAuth::Pkce one = OAuth::Pkce::generate();
    const OAuth::Pkce two = OAuth::Pkce::generate();
    QCOMPARE(one.verifier.size(), 43);
    QVERIFY(one.verifier != two.verifier);
    QVERIFY(QRegularExpression(u"^[A-Za-z0-9_-]+$"_s).match(QString::fromLatin1(one.verifier)).hasMatch());
}

void tst_AuthorizationFlow::grantsThroughTheLoopbackWithPkce()
{
    Fakes::FakeHubSpot fake;
    // HubSpot takes plain http only for "localhost": the redirect says so, exactly.
    const auto app = fake.addApp(u"http://localhost:%1/oauth/callback"_s.arg(freePort()));
    const Outcome outcome = signIn(fake, app, Browser::Act::FaviconFirst);
    QVERIFY2(outcome.browser->problem().isEmpty(), qPrintable(outcome.browser->problem()));
    QVERIFY(outcome.result);
    QVERIFY2(*outcome.result, qPrintable(*outcome.result ? QString() : outcome.result->error().message));
    const OAuth::TokenGrant &grant = **outcome.result;
    QVERIFY(fake.isAccessTokenValid(grant.accessToken.revealString()));
    QVERIFY(!grant.refreshToken.isEmpty());
    QVERIFY(grant.expiresAt > QDateTime::currentDateTimeUtc().addSecs(1700));
    QCOMPARE(grant.scopes.size(), 3);
    QCOMPARE(grant.extras.value(u"hub_id"_s).toLongLong(), 1234567);
    QVERIFY(!grant.extras.contains(u"access_token"_s));

    // What reached HubSpot: our state (not Qt 6.4's clock-seeded one), an S256 challenge, and
    // the verifier it was made from at the exchange, with the redirect URI as registered.
    const QUrlQuery asked = fake.authorizeRequests().constFirst();
    QCOMPARE(asked.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded), app.redirectUri);
    QCOMPARE(asked.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(asked.queryItemValue(u"state"_s).size(), 32);
    QCOMPARE(asked.queryItemValue(u"scope"_s, QUrl::FullyDecoded),
             u"crm.objects.contacts.read crm.objects.contacts.write"_s);
    const QUrlQuery exchanged = fake.tokenRequestBodies().constFirst();
    QCOMPARE(OAuth::Pkce::challengeOf(exchanged.queryItemValue(u"code_verifier"_s).toLatin1()),
             asked.queryItemValue(u"code_challenge"_s).toLatin1());
    QCOMPARE(fake.tokenRequests(u"authorization_code"_s), 1);

    // The browser's /favicon.ico did not end the flow; the tab then said it may be closed.
    QVERIFY(!outcome.browser->faviconAnswer().contains(u"Switchboard"_s));
    QVERIFY2(outcome.browser->listenerPage().contains(u"You may close this tab."_s),
             qPrintable(outcome.browser->listenerPage()));
    // The listener is gone once the flow is over.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, QUrl(app.redirectUri).port());
            return !socket.waitForConnected(500);
        }(),
        5000);
}

void tst_AuthorizationFlow::aForeignStateIsRefused()
{
    Fakes::FakeHubSpot fake;
    const auto app = fake.addApp(u"http://127.0.0.1:%1/callback"_s.arg(freePort()));
    const Outcome outcome = signIn(fake, app, Browser::Act::TamperState);
    QVERIFY(outcome.result);
    QVERIFY(!*outcome.result);
    QVERIFY2(outcome.result->error().message.contains(u"state differs"_s),
             qPrintable(outcome.result->error().message));
    QCOMPARE(fake.tokenRequests(u"authorization_code"_s), 0); // the code was never spent
    QVERIFY(outcome.browser->listenerPage().contains(u"not for this sign-in"_s));
}

void tst_AuthorizationFlow::declinedAccessEndsTheFlow()
{
    Fakes::FakeHubSpot fake;
    const auto app = fake.addApp(u"http://localhost:%1/callback"_s.arg(freePort()));
    const Outcome outcome = signIn(fake, app, Browser::Act::Deny);
    QVERIFY(outcome.result);
    QVERIFY(!*outcome.result);
    QCOMPARE(outcome.result->error().code, ErrorCode::AccessDenied);
    QVERIFY2(outcome.result->error().message.contains(u"declined at HubSpot"_s),
             qPrintable(outcome.result->error().message));
    QVERIFY(outcome.browser->listenerPage().contains(u"declined"_s));
    QCOMPARE(fake.tokenRequests(u"authorization_code"_s), 0);
}

void tst_AuthorizationFlow::aBrowserLeftAloneTimesOut()
{
    Fakes::FakeHubSpot fake;
    const quint16 port = freePort();
    const auto app = fake.addApp(u"http://localhost:%1/callback"_s.arg(port));
    const Outcome outcome = signIn(fake, app, Browser::Act::WalkAway, std::chrono::milliseconds(800));
    QVERIFY(outcome.result);
    QVERIFY(!*outcome.result);
    QCOMPARE(outcome.result->error().code, ErrorCode::Timeout);
    QVERIFY(outcome.result->error().message.contains(u"was not finished in the browser in time"_s));
    // Nobody listens any more.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            return !socket.waitForConnected(500);
        }(),
        5000);
}

void tst_AuthorizationFlow::aTakenPortSaysSo()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    Fakes::FakeHubSpot fake;
    const auto app = fake.addApp(u"http://localhost:%1/callback"_s.arg(squatter.serverPort()));
    const Outcome outcome = signIn(fake, app, Browser::Act::Grant);
    QVERIFY(outcome.result);
    QVERIFY(!*outcome.result);
    QVERIFY2(outcome.result->error().message.contains(u"Port %1"_s.arg(squatter.serverPort())),
             qPrintable(outcome.result->error().message));
    QVERIFY(fake.authorizeRequests().isEmpty()); // the browser was never sent anywhere
}

void tst_AuthorizationFlow::theTokenEndpointsRefusalIsReported()
{
    Fakes::FakeHubSpot fake;
    const auto app = fake.addApp(u"http://localhost:%1/callback"_s.arg(freePort()));
    // A secret mistyped by the admin: HubSpot answers 400, which Qt 6.4 would only log.
    const Outcome outcome =
        signIn(fake, app, Browser::Act::Grant, std::chrono::seconds(20), u"not-the-secret"_s);
    QVERIFY(outcome.result);
    QVERIFY(!*outcome.result);
    QCOMPARE(outcome.result->error().code, ErrorCode::AuthenticationFailed);
    QVERIFY2(outcome.result->error().message.contains(u"missing or invalid client secret"_s),
             qPrintable(outcome.result->error().message));
    QVERIFY(!outcome.result->error().message.contains(u"not-the-secret"_s));
}

void tst_AuthorizationFlow::onlyLoopbackRedirectsAreAccepted()
{
    Fakes::FakeHubSpot fake;
    for (const QString &uri : {u"https://clinic.example/callback"_s,
                               u"http://192.168.1.5:8080/callback"_s,
                               u"http://localhost:8080"_s}) {
        const auto app = fake.addApp(uri);
        const Outcome outcome = signIn(fake, app, Browser::Act::Grant);
        QVERIFY(outcome.result);
        QVERIFY(!*outcome.result);
        QCOMPARE(outcome.result->error().code, ErrorCode::InvalidArgument);
    }
    QVERIFY(fake.authorizeRequests().isEmpty());

    // And the listener answers on 127.0.0.1 only (Qt 6.4's default is every interface).
    QHostAddress outside;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (!address.isLoopback() && address.protocol() == QAbstractSocket::IPv4Protocol)
            outside = address;
    }
    if (outside.isNull())
        QSKIP("this machine has no address but loopback");
    const quint16 port = freePort();
    const auto app = fake.addApp(u"http://localhost:%1/callback"_s.arg(port));
    Browser walkAway(Browser::Act::WalkAway);
    OAuth::AuthorizationFlow flow(hubspot(fake),
                                  {app.clientId, Secret::fromString(app.clientSecret), QUrl(app.redirectUri)},
                                  [&](const QUrl &url) { return walkAway.open(url); });
    flow.start([](Result<OAuth::TokenGrant>) {});
    QTcpSocket fromOutside;
    fromOutside.connectToHost(outside, port);
    QVERIFY(!fromOutside.waitForConnected(1000));
    QTcpSocket fromHere;
    fromHere.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(fromHere.waitForConnected(1000));
}

void tst_AuthorizationFlow::tokenAnswersInEachProvidersShape()
{
    OAuth::AuthorizationServer zoho{u"zoho"_s, u"Zoho CRM"_s};
    OAuth::AuthorizationServer hub{u"hubspot"_s, u"HubSpot"_s};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Zoho refuses with HTTP 200.
    auto used = OAuth::TokenResponse::read(zoho, 200, QByteArray(R"({"error":"invalid_code"})"), now);
    QVERIFY(!used);
    QVERIFY(OAuth::TokenResponse::isDeadGrant(used.error()));
    // Zoho, refreshed too often.
    auto often = OAuth::TokenResponse::read(
        zoho, 400,
        QByteArray(R"({"error":"Access Denied","error_description":"You have made too many requests continuously. Please try again after some time.","status":"failure"})"),
        now);
    QCOMPARE(often.error().code, ErrorCode::RateLimited);
    // Zoho's refresh answer: no refresh token, api_domain kept.
    auto fresh = OAuth::TokenResponse::read(
        zoho, 200,
        QByteArray(R"({"access_token":"1000.8cb9","scope":"ZohoCRM.modules.contacts.ALL,ZohoCRM.settings.READ","api_domain":"https://www.zohoapis.eu","token_type":"Bearer","expires_in":3600})"),
        now);
    QVERIFY(fresh);
    QVERIFY(fresh->refreshToken.isEmpty());
    QCOMPARE(fresh->expiresAt, now.addSecs(3600));
    QCOMPARE(fresh->scopes.size(), 2);
    QCOMPARE(fresh->extras.value(u"api_domain"_s).toString(), u"https://www.zohoapis.eu"_s);
    QVERIFY(!fresh->extras.contains(u"access_token"_s));
    // HubSpot's dead refresh token; its 5xx.
    auto dead = OAuth::TokenResponse::read(
        hub, 400,
        QByteArray(R"({"status":"BAD_REFRESH_TOKEN","message":"missing or unknown refresh token","correlationId":"x"})"),
        now);
    QVERIFY(OAuth::TokenResponse::isDeadGrant(dead.error()));
    QVERIFY(dead.error().message.contains(u"missing or unknown refresh token"_s));
    QCOMPARE(OAuth::TokenResponse::read(hub, 502, QByteArray("<html>Bad gateway</html>"), now).error().code,
             ErrorCode::ProviderUnavailable);
    // A success without a token is no success.
    QVERIFY(!OAuth::TokenResponse::read(hub, 200, QByteArray(R"({"token_type":"bearer"})"), now));
}

QTEST_MAIN(tst_AuthorizationFlow)
#include "tst_authorizationflow.moc"
