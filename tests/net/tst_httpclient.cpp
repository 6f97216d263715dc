#include <core/crypto/secret.h>
#include <core/net/httpclient.h>
#include <tests/net/scriptedserver.h>

#include <QElapsedTimer>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

using namespace Sb;
using namespace Qt::StringLiterals;
using namespace Sb::Net;
using namespace std::chrono_literals;
using Sb::Test::ScriptedServer;

namespace {

const QByteArray kTwilio503 =
    R"({"code":20500,"message":"An internal server error has occurred","status":503})";

} // namespace

// The HTTP core every provider client stands on, against real HTTP over 127.0.0.1.
class tst_HttpClient : public QObject
{
    Q_OBJECT

private slots:
    void retriesServerErrorsOfIdempotentRequestsOnly();
    void waitsOutA429AndHoldsThatKeyOnly();
    void a429HoldsItsRateGroupOnly();
    void wrongCredentialsFailOnceWithTheProvidersCode();
    void circuitOpensForOneTenantOnlyAndProbes();
    void limitsRequestsInFlightPerKey();
    void timesOutAndCancels();
    void anAnswerLargerThanTheCallerTakesFails();
    void aReplyForAGoneContextIsDropped();
    void speaksTlsAndRefusesAnUntrustedCertificateOnce();
    void credentialsNeverFollowARedirectToAnotherHost();

private:
    static HttpClient::Options quick();
    static HttpRequest
    request(const ScriptedServer &server, qint64 tenant, const QByteArray &method = "GET");
    // Sends and waits for the answer.
    static HttpResult run(HttpClient &client, const HttpRequest &request);
};

HttpClient::Options tst_HttpClient::quick()
{
    HttpClient::Options options;
    options.baseBackoff = 10ms;
    options.maxBackoff = 40ms;
    options.breakerThreshold = 3;
    options.breakerCooldown = 400ms;
    return options;
}

HttpRequest
tst_HttpClient::request(const ScriptedServer &server, qint64 tenant, const QByteArray &method)
{
    HttpRequest request;
    request.key = {tenant, QStringLiteral("twilio"), {}};
    request.method = method;
    request.url = server.url();
    request.setHeader("Authorization", "Basic QUMxMjM6c2VjcmV0");
    return request;
}

HttpResult tst_HttpClient::run(HttpClient &client, const HttpRequest &request)
{
    std::optional<HttpResult> result;
    client.send(request, [&](HttpResult answer) { result = std::move(answer); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return ProviderError{ErrorCode::Timeout, {}, 0, {}, QStringLiteral("test gave up"), 0};
    return *result;
}

void tst_HttpClient::retriesServerErrorsOfIdempotentRequestsOnly()
{
    ScriptedServer server;
    HttpClient client(quick());
    server.then({503, kTwilio503});
    server.then({502, "<html>Bad Gateway</html>"});
    server.then({200, R"({"sid":"AC1"})"});
    const auto fetched = run(client, request(server, 1));
    QVERIFY(fetched);
    QCOMPARE(fetched->json().value(u"sid").toString(), u"AC1");
    QCOMPARE(server.seen().size(), 3);

    // A POST may have been processed before the 503: sent once, and the error says why.
    server.then({503, kTwilio503});
    const auto posted = run(client, request(server, 1, "POST"));
    QVERIFY(!posted);
    QCOMPARE(posted.error().code, ErrorCode::ProviderUnavailable);
    QCOMPARE(posted.error().httpStatus, 503);
    QCOMPARE(posted.error().providerCode, u"20500");
    QCOMPARE(posted.error().attempts, 1);
    QCOMPARE(server.seen().size(), 4);
}

void tst_HttpClient::waitsOutA429AndHoldsThatKeyOnly()
{
    ScriptedServer server;
    HttpClient client(quick());
    const QByteArray tooMany =
        R"({"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429})";
    server.then({429, tooMany, {{"Retry-After", "1"}}});
    std::optional<HttpResult> first, sameTenant, otherTenant;
    client.send(request(server, 1, "POST"), [&](HttpResult r) { first = std::move(r); });
    QTRY_COMPARE(server.seen().size(), 1); // the 429 is in
    const qint64 refusedAt = server.seen().at(0).atMs;
    client.send(request(server, 1), [&](HttpResult r) { sameTenant = std::move(r); });
    client.send(request(server, 2), [&](HttpResult r) { otherTenant = std::move(r); });
    QTRY_VERIFY(otherTenant.has_value()); // tenant 2 is not held
    QVERIFY(*otherTenant);
    QVERIFY(!first.has_value() && !sameTenant.has_value());
    QTRY_VERIFY_WITH_TIMEOUT(first.has_value() && sameTenant.has_value(), 10000);
    QVERIFY(*first); // the POST went again (a 429 was never processed) and succeeded
    QVERIFY(*sameTenant);
    QCOMPARE(server.seen().size(), 4); // 429, tenant 2, then tenant 1's two: no hammering
    for (qsizetype i = 2; i < server.seen().size(); ++i)
        QVERIFY2(server.seen().at(i).atMs - refusedAt >= 950,
                 qPrintable(QString::number(server.seen().at(i).atMs - refusedAt)));

    // Asked to wait longer than we will: a clear RateLimited error, not a silent hour-long wait.
    server.then({429, tooMany, {{"Retry-After", "3600"}}});
    const auto refused = run(client, request(server, 3));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::RateLimited);
    QVERIFY(refused.error().message.contains(u"3600 s"));
}

// RingCentral counts requests per user in groups (heavy, medium, light): its 429 for a heavy
// call holds back that user's heavy calls, in order, while their light ones go on.
void tst_HttpClient::a429HoldsItsRateGroupOnly()
{
    ScriptedServer server;
    HttpClient client(quick());
    const QByteArray tooMany =
        R"({"errorCode":"CMN-301","message":"Request rate exceeded","errors":[{"errorCode":"CMN-301","message":"Request rate exceeded"}]})";
    const auto inGroup = [&](const QByteArray &group) {
        HttpRequest call = request(server, 1);
        call.key.provider = QStringLiteral("ringcentral");
        call.rateGroup = group;
        QUrl url = server.url();
        url.setQuery(QStringLiteral("for=") + QString::fromLatin1(group));
        call.url = url;
        return call;
    };
    server.then({429, tooMany, {{"Retry-After", "1"}, {"X-Rate-Limit-Group", "heavy"}}, 0, false, u"heavy"_s});
    std::optional<HttpResult> heavy, heavyNext, light;
    client.send(inGroup("heavy"), [&](HttpResult r) { heavy = std::move(r); });
    QTRY_COMPARE(server.seen().size(), 1); // the 429 is in
    const qint64 refusedAt = server.seen().at(0).atMs;
    client.send(inGroup("heavy"), [&](HttpResult r) { heavyNext = std::move(r); });
    client.send(inGroup("light"), [&](HttpResult r) { light = std::move(r); });
    QTRY_VERIFY(light.has_value()); // the same user's light call is not held
    QVERIFY(*light);
    QVERIFY(!heavy.has_value() && !heavyNext.has_value());
    QCOMPARE(client.laneStatus(inGroup("heavy").key).kind, HttpClient::LaneStatus::Kind::RateLimited);
    QTRY_VERIFY_WITH_TIMEOUT(heavy.has_value() && heavyNext.has_value(), 10000);
    QVERIFY(*heavy);
    QVERIFY(*heavyNext);
    QCOMPARE(server.seenFor(u"heavy"_s), 3);
    for (const auto &seen : server.seen()) {
        if (seen.forWhom == u"heavy" && seen.atMs > refusedAt)
            QVERIFY2(seen.atMs - refusedAt >= 950, qPrintable(QString::number(seen.atMs - refusedAt)));
    }
}

void tst_HttpClient::wrongCredentialsFailOnceWithTheProvidersCode()
{
    ScriptedServer server;
    HttpClient client(quick());
    // A token the program holds as a Secret is masked even if a provider echoes it back.
    const Secret token = Secret::fromString(QStringLiteral("f3a1c0ffee0000000000000000000042"));
    server.then(
        {401,
         R"({"code":20003,"detail":"Your AccountSid or AuthToken was incorrect: )" + token.reveal()
             + R"(","message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401})"});
    const auto answer = run(client, request(server, 1));
    QVERIFY(!answer);
    QCOMPARE(answer.error().code, ErrorCode::AuthenticationFailed);
    QCOMPARE(answer.error().providerCode, u"20003");
    QVERIFY(answer.error().message.contains(u"Authenticate"));
    QVERIFY(!answer.error().message.contains(token.revealString()));
    QVERIFY(!answer.error().toError().message.contains(token.revealString()));
    QCOMPARE(server.seen().size(), 1); // no retry storm
    QCOMPARE(client.circuitState(request(server, 1).key), CircuitBreaker::State::Closed);
}

void tst_HttpClient::circuitOpensForOneTenantOnlyAndProbes()
{
    ScriptedServer server;
    HttpClient::Options options = quick();
    options.maxAttempts = 1;
    HttpClient client(options);
    for (int i = 0; i < 3; ++i) {
        server.then({503, kTwilio503});
        QVERIFY(!run(client, request(server, 1)));
    }
    QCOMPARE(client.circuitState(request(server, 1).key), CircuitBreaker::State::Open);
    const auto fastFailure = run(client, request(server, 1));
    QVERIFY(!fastFailure);
    QCOMPARE(fastFailure.error().code, ErrorCode::ProviderUnavailable);
    QCOMPARE(fastFailure.error().httpStatus, 0);
    QVERIFY(fastFailure.error().message.contains(u"3 times in a row"));
    QCOMPARE(server.seen().size(), 3); // not sent

    QVERIFY(run(client, request(server, 2))); // tenant 2's calls go through meanwhile
    QCOMPARE(server.seen().size(), 4);

    QTest::qWait(450); // cooldown over: one probe, then closed again
    QVERIFY(run(client, request(server, 1)));
    QCOMPARE(client.circuitState(request(server, 1).key), CircuitBreaker::State::Closed);
    QCOMPARE(server.seen().size(), 5);
}

void tst_HttpClient::limitsRequestsInFlightPerKey()
{
    ScriptedServer server;
    HttpClient::Options options = quick();
    options.maxInFlightPerKey = 2;
    HttpClient client(options);
    constexpr int kBurst = 6;
    for (int i = 0; i < kBurst; ++i)
        server.then({200, "{}", {}, 150});
    server.then({200, "{}", {}, 0}); // tenant 2's
    QList<qint64> burstDoneAt;
    std::optional<qint64> otherDoneAt;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kBurst; ++i)
        client.send(request(server, 1), [&](HttpResult r) {
            QVERIFY(r);
            burstDoneAt.append(clock.elapsed());
        });
    QCOMPARE(client.waitingCount(request(server, 1).key), kBurst - 2);
    // Tenant 2's request is not queued behind tenant 1's burst.
    QTRY_COMPARE(server.seen().size(), 2);
    client.send(request(server, 2), [&](HttpResult r) {
        QVERIFY(r);
        otherDoneAt = clock.elapsed();
    });
    QTRY_COMPARE_WITH_TIMEOUT(burstDoneAt.size(), kBurst, 10000);
    QVERIFY(otherDoneAt.has_value());
    QVERIFY2(*otherDoneAt < burstDoneAt.at(2),
             qPrintable(QStringLiteral("tenant 2 at %1 ms, tenant 1's third at %2 ms")
                            .arg(*otherDoneAt)
                            .arg(burstDoneAt.at(2))));
    QCOMPARE(server.mostAtOnce(), 3); // tenant 1's two, and tenant 2's one
}

void tst_HttpClient::anAnswerLargerThanTheCallerTakesFails()
{
    ScriptedServer server;
    HttpClient client(quick());
    server.then({200, QByteArray(3 * 1024 * 1024, 'x')});
    HttpRequest capped = request(server, 1);
    capped.maxResponseBytes = 1024 * 1024;
    const auto tooLarge = run(client, capped);
    QVERIFY(!tooLarge);
    QCOMPARE(tooLarge.error().code, ErrorCode::ProviderRefused);
    QVERIFY2(tooLarge.error().message.contains(u"larger than 1 MB"), qPrintable(tooLarge.error().message));
    QCOMPARE(tooLarge.error().attempts, 1); // not sent again
    server.then({200, QByteArray(512 * 1024, 'x')});
    const auto fits = run(client, capped);
    QVERIFY(fits);
    QCOMPARE(fits->body.size(), 512 * 1024);
}

void tst_HttpClient::timesOutAndCancels()
{
    ScriptedServer server;
    HttpClient::Options options = quick();
    options.maxAttempts = 2;
    HttpClient client(options);
    server.then({200, "{}", {}, 0, true});
    server.then({200, "{}", {}, 0, true});
    HttpRequest slow = request(server, 1);
    slow.timeout = 200ms;
    const auto timedOut = run(client, slow);
    QVERIFY(!timedOut);
    QCOMPARE(timedOut.error().code, ErrorCode::Timeout);
    QCOMPARE(timedOut.error().attempts, 2); // a GET is tried again once
    QCOMPARE(server.seen().size(), 2);

    server.then({200, "{}", {}, 0, true});
    std::optional<HttpResult> cancelled;
    const quint64 id =
        client.send(request(server, 1), [&](HttpResult r) { cancelled = std::move(r); });
    QTRY_COMPARE(server.seen().size(), 3);
    client.cancel(id);
    QVERIFY(cancelled.has_value() && !*cancelled);
    QCOMPARE(cancelled->error().code, ErrorCode::Cancelled);
    QVERIFY(run(client, request(server, 1))); // the key's slot was freed
}

// A view that closes while its request is out never hears the answer (it would be a call into
// freed memory); a waiting request of a gone view is never sent; others are not disturbed.
void tst_HttpClient::aReplyForAGoneContextIsDropped()
{
    ScriptedServer server;
    HttpClient::Options options = quick();
    options.maxInFlightPerKey = 1; // the second request waits for the first
    HttpClient client(options);
    server.then({200, R"({"for":"the closed view"})", {}, 300, false, QStringLiteral("closing")});
    server.then({200, R"({"for":"the open view"})", {}, 0, false, QStringLiteral("open")});
    // Each request says whose it is: the answer does not hang on arrival order (a connection
    // the closed view's abort breaks may make the network stack send the open one again).
    const auto requestFor = [&server, this](const QString &who) {
        HttpRequest forWho = request(server, 1);
        forWho.url.setQuery(QStringLiteral("for=") + who);
        return forWho;
    };
    auto closing = std::make_unique<QObject>();
    QObject open;
    int deliveredToClosing = 0;
    std::optional<HttpResult> deliveredToOpen;
    client.send(requestFor(u"closing"_s), closing.get(), [&](HttpResult) {
        ++deliveredToClosing;
    });
    client.send(requestFor(u"closing"_s), closing.get(), [&](HttpResult) {
        ++deliveredToClosing;
    });
    client.send(requestFor(u"open"_s), &open, [&](HttpResult r) {
        deliveredToOpen = std::move(r);
    });
    QTRY_COMPARE(server.seen().size(), 1); // the first is on the wire, the others wait
    closing.reset(); // the view closes
    QTRY_VERIFY_WITH_TIMEOUT(deliveredToOpen.has_value(), 5000);
    QVERIFY(*deliveredToOpen);
    QCOMPARE(deliveredToOpen->value().body, QByteArray(R"({"for":"the open view"})"));
    QTest::qWait(400); // the first request's answer would have come by now
    QCOMPARE(deliveredToClosing, 0);
    QVERIFY(server.seen().size() >= 2);
    QCOMPARE(server.seenFor(u"closing"_s), 1); // the closed view's waiting request never left
}

// Twilio answers a media request with a redirect to its storage: the file is fetched from there,
// but the account's credentials go only to the origin they were meant for (a redirect within
// it keeps them).
void tst_HttpClient::credentialsNeverFollowARedirectToAnotherHost()
{
    ScriptedServer api;
    ScriptedServer storage; // another port: another origin
    HttpClient client(quick());
    const QByteArray elsewhere = storage.url().toString().toUtf8() + "?signed=1";
    api.then({307, "", {{"Location", elsewhere}}});
    storage.then({200, "picture bytes"});
    const auto fetched = run(client, request(api, 1));
    QVERIFY2(fetched, fetched ? "" : qPrintable(fetched.error().message));
    QCOMPARE(fetched->body, QByteArray("picture bytes"));
    QCOMPARE(api.seen().size(), 1);
    QCOMPARE(api.seen().first().authorization, QByteArray("Basic QUMxMjM6c2VjcmV0"));
    QCOMPARE(storage.seen().size(), 1);
    QCOMPARE(storage.seen().first().authorization, QByteArray());
    // Within the same origin the credentials stay.
    api.then({302, "", {{"Location", api.url().toString().toUtf8() + "?for=again"}}});
    api.then({200, R"({"ok":true})", {}, 0, false, QStringLiteral("again")});
    const auto again = run(client, request(api, 1));
    QVERIFY(again);
    QCOMPARE(api.seen().size(), 3);
    QCOMPARE(api.seen().last().authorization, QByteArray("Basic QUMxMjM6c2VjcmV0"));
}

QTEST_GUILESS_MAIN(tst_HttpClient)
#include "tst_httpclient.moc"

// Every provider is HTTPS. A certificate the client does not trust fails at once with what was
// wrong, and no request leaves (retrying cannot make a certificate trusted).
void tst_HttpClient::speaksTlsAndRefusesAnUntrustedCertificateOnce()
{
    ScriptedServer server(Fakes::Transport::Https);
    QVERIFY(server.url().scheme() == u"https");
    HttpClient untrusting(quick());
    const auto refused = run(untrusting, request(server, 1));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::ProviderUnavailable);
    QCOMPARE(refused.error().attempts, 1);
    QVERIFY2(refused.error().message.contains(u"no secure connection to 127.0.0.1"),
             qPrintable(refused.error().message));
    QVERIFY(server.seen().isEmpty());

    // Trusting another server's certificate is not trusting this one.
    const ScriptedServer other(Fakes::Transport::Https);
    HttpClient::Options trustOther = quick();
    trustOther.extraCaCertificates = {other.certificate()};
    HttpClient trustingOther(trustOther);
    QVERIFY(!run(trustingOther, request(server, 1)));
    QVERIFY(server.seen().isEmpty());

    HttpClient::Options trustServer = quick();
    trustServer.extraCaCertificates = {server.certificate()};
    HttpClient trusting(trustServer);
    server.then({200, R"({"sid":"AC123"})"});
    const auto answer = run(trusting, request(server, 1));
    QVERIFY2(answer, answer ? "" : qPrintable(answer.error().message));
    QCOMPARE(answer->json().value(u"sid").toString(), u"AC123");
    QCOMPARE(server.seen().size(), 1);
    QCOMPARE(server.seen().first().authorization, "Basic QUMxMjM6c2VjcmV0");
}
