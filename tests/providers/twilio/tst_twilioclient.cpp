#include "../../fakes/faketwilio.h"
#include "../../support/awaitcallback.h"

#include <core/net/httpclient.h>
#include <core/providers/twilio/twilioclient.h>

#include <QElapsedTimer>
#include <QTest>

using namespace Sb;
using namespace Sb::Providers::Twilio;
using namespace std::chrono_literals;

// The Twilio client against the loopback fake that speaks Twilio's wire format.
class tst_TwilioClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void subaccountIsCreatedOnceAndAdopted();
    void wrongTokenIsRefusedOnceAndExplained();
    void subaccountCredentialsReachOnlyTheirAccount();
    void numbersArePagedAndPointedAtUs();
    void messagesAreSentOrRefusedWithTwilioCodes();
    void throttlingIsWaitedOut();
    void callsArePagedAndRecordingsNeedTheirAccount();

private:
    // Runs an asynchronous client call to its end.
    template<typename T, typename Call>
    Result<T, Net::ProviderError> await(Call call)
    {
        return Test::awaitCallback<Result<T, Net::ProviderError>>(call).value_or(
            Net::ProviderError{ErrorCode::Timeout, {}, 0, {}, QStringLiteral("test gave up"), 0});
    }
    TwilioClient master(qint64 tenant = 1) const;

    std::unique_ptr<Fakes::FakeTwilio> m_fake;
    std::unique_ptr<Net::HttpClient> m_http;
};

void tst_TwilioClient::init()
{
    m_fake = std::make_unique<Fakes::FakeTwilio>();
    Net::HttpClient::Options options;
    options.baseBackoff = 10ms;
    m_http = std::make_unique<Net::HttpClient>(options);
}

TwilioClient tst_TwilioClient::master(qint64 tenant) const
{
    return TwilioClient(*m_http,
                        tenant,
                        {m_fake->master().sid, Secret::fromString(m_fake->master().authToken)},
                        QUrl(m_fake->baseUrl()));
}

void tst_TwilioClient::subaccountIsCreatedOnceAndAdopted()
{
    const TwilioClient client = master();
    auto none = await<std::optional<Subaccount>>(
        [&](auto done) { client.findSubaccount(QStringLiteral("Clinic A"), done); });
    QVERIFY(none && !none->has_value());
    auto created = await<Subaccount>(
        [&](auto done) { client.createSubaccount(QStringLiteral("Clinic A"), done); });
    QVERIFY(created);
    QVERIFY(created->sid.startsWith(u"AC") && created->sid.size() == 34);
    QCOMPARE(created->authToken.revealString(), m_fake->account(created->sid).authToken);
    auto found = await<std::optional<Subaccount>>(
        [&](auto done) { client.findSubaccount(QStringLiteral("Clinic A"), done); });
    QVERIFY(found && found->has_value());
    QCOMPARE((*found)->sid, created->sid);
    QCOMPARE(m_fake->subaccounts().size(), 1);
}

void tst_TwilioClient::wrongTokenIsRefusedOnceAndExplained()
{
    const TwilioClient client(
        *m_http,
        1,
        {m_fake->master().sid, Secret::fromString(QStringLiteral("0").repeated(32))},
        QUrl(m_fake->baseUrl()));
    auto refused = await<Subaccount>(
        [&](auto done) { client.createSubaccount(QStringLiteral("Clinic A"), done); });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::AuthenticationFailed);
    QCOMPARE(refused.error().httpStatus, 401);
    QCOMPARE(refused.error().providerCode, u"20003");
    QVERIFY(TwilioClient::toError(refused.error()).message.contains(u"auth token"));
    QCOMPARE(m_fake->seen().size(), 1); // no retry storm
    QVERIFY(m_fake->subaccounts().isEmpty());
}

void tst_TwilioClient::subaccountCredentialsReachOnlyTheirAccount()
{
    auto a = await<Subaccount>([&](auto done) { master().createSubaccount(u"Clinic A"_qs, done); });
    auto b = await<Subaccount>([&](auto done) { master().createSubaccount(u"Clinic B"_qs, done); });
    QVERIFY(a && b);
    m_fake->addNumber(b->sid, QStringLiteral("+16175550101"));
    const TwilioClient asA(*m_http, 1, {a->sid, a->authToken}, QUrl(m_fake->baseUrl()));
    auto own =
        await<QList<IncomingNumber>>([&](auto done) { asA.listIncomingNumbers(a->sid, done); });
    QVERIFY(own && own->isEmpty());
    auto sibling =
        await<QList<IncomingNumber>>([&](auto done) { asA.listIncomingNumbers(b->sid, done); });
    QVERIFY(!sibling);
    QCOMPARE(sibling.error().code, ErrorCode::AuthenticationFailed);
}

void tst_TwilioClient::numbersArePagedAndPointedAtUs()
{
    auto clinic =
        await<Subaccount>([&](auto done) { master().createSubaccount(u"Clinic A"_qs, done); });
    QVERIFY(clinic);
    for (int i = 0; i < 120; ++i)
        m_fake->addNumber(clinic->sid,
                          QStringLiteral("+1617555%1").arg(i, 4, 10, QLatin1Char('0')));
    m_fake->addNumber(m_fake->master().sid, QStringLiteral("+14155550100")); // not the clinic's
    const int before = int(m_fake->seen().size());
    auto numbers = await<QList<IncomingNumber>>(
        [&](auto done) { master().listIncomingNumbers(clinic->sid, done); });
    QVERIFY(numbers);
    QCOMPARE(numbers->size(), 120);
    QCOMPARE(m_fake->seen().size() - before, 3); // 50 + 50 + 20
    QCOMPARE(numbers->last().e164, u"+16175550119");
    QVERIFY(numbers->first().canSms && numbers->first().canVoice);

    const NumberCallbacks ours{QStringLiteral("https://hooks.example.org/twilio/sms"),
                               QStringLiteral("https://hooks.example.org/twilio/voice"),
                               QStringLiteral("https://hooks.example.org/twilio/call-status")};
    auto updated = await<IncomingNumber>([&](auto done) {
        master().setNumberCallbacks(clinic->sid, numbers->first().sid, ours, done);
    });
    QVERIFY(updated);
    const auto stored = m_fake->number(numbers->first().sid);
    QCOMPARE(stored.smsUrl, ours.smsUrl);
    QCOMPARE(stored.voiceUrl, ours.voiceUrl);
    QCOMPARE(stored.statusCallback, ours.statusCallback);
}

void tst_TwilioClient::messagesAreSentOrRefusedWithTwilioCodes()
{
    auto clinic =
        await<Subaccount>([&](auto done) { master().createSubaccount(u"Clinic A"_qs, done); });
    QVERIFY(clinic);
    const TwilioClient asClinic(
        *m_http, 1, {clinic->sid, clinic->authToken}, QUrl(m_fake->baseUrl()));
    const QString callback = QStringLiteral("https://hooks.example.org/twilio/message-status");
    auto sent = await<SentMessage>([&](auto done) {
        asClinic.sendMessage(
            clinic->sid,
            {u"+16175550100"_qs, u"+15552223333"_qs, u"See you at 3 pm"_qs, callback},
            done);
    });
    QVERIFY(sent);
    QVERIFY(sent->sid.startsWith(u"SM"));
    QCOMPARE(sent->status, u"queued");
    QCOMPARE(m_fake->messages().last().value(u"status_callback").toString(), callback);
    QCOMPARE(m_fake->messages().last().value(u"to").toString(), u"+15552223333"); // '+' intact

    m_fake->optOut(QStringLiteral("+15554445555"));
    auto optedOut = await<SentMessage>([&](auto done) {
        asClinic.sendMessage(
            clinic->sid, {u"+16175550100"_qs, u"+15554445555"_qs, u"hi"_qs, {}}, done);
    });
    QVERIFY(!optedOut);
    QCOMPARE(optedOut.error().code, ErrorCode::ProviderRefused);
    QCOMPARE(optedOut.error().providerCode, u"21610");
    QVERIFY(TwilioClient::toError(optedOut.error()).message.contains(u"opted out"));
    QCOMPARE(optedOut.error().attempts, 1);

    auto invalid = await<SentMessage>([&](auto done) {
        asClinic.sendMessage(clinic->sid, {u"+16175550100"_qs, u"12"_qs, u"hi"_qs, {}}, done);
    });
    QVERIFY(!invalid);
    QCOMPARE(invalid.error().providerCode, u"21211");
    QCOMPARE(m_fake->messages().size(), 1);
}

void tst_TwilioClient::throttlingIsWaitedOut()
{
    m_fake->throttleNext(1, 1);
    QElapsedTimer clock;
    clock.start();
    auto created =
        await<Subaccount>([&](auto done) { master().createSubaccount(u"Clinic A"_qs, done); });
    QVERIFY(created); // a POST, sent again: a 429 was never processed
    QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(m_fake->seen().size(), 2);
    QCOMPARE(m_fake->subaccounts().size(), 1);
}

void tst_TwilioClient::callsArePagedAndRecordingsNeedTheirAccount()
{
    const TwilioClient parent = master();
    auto a =
        await<Subaccount>([&](auto done) { parent.createSubaccount(QStringLiteral("A"), done); });
    auto b =
        await<Subaccount>([&](auto done) { parent.createSubaccount(QStringLiteral("B"), done); });
    QVERIFY(a && b);
    for (int i = 0; i < 230; ++i)
        m_fake->addCall(a->sid,
                        QStringLiteral("+16175559999"),
                        QStringLiteral("+16175552000"),
                        QStringLiteral("completed"),
                        i);
    const QString callB = m_fake->addCall(b->sid,
                                          QStringLiteral("+16175558888"),
                                          QStringLiteral("+16175553000"),
                                          QStringLiteral("completed"),
                                          5);
    const QString recording = m_fake->addRecording(a->sid, QStringLiteral("CA1"));
    const TwilioClient asA(*m_http, 1, {a->sid, a->authToken}, QUrl(m_fake->baseUrl()));

    const qsizetype before = m_fake->seen().size();
    auto calls = await<QList<CallSummary>>([&](auto done) { asA.listCalls(a->sid, done); });
    QVERIFY(calls);
    QCOMPARE(calls->size(), 230); // three pages of 100
    QCOMPARE(m_fake->seen().size() - before, 3);
    QCOMPARE(calls->at(7).durationSeconds, 7);
    QVERIFY(std::none_of(calls->cbegin(), calls->cend(), [&](const CallSummary &call) {
        return call.sid == callB;
    }));

    // The media, as the subaccount: served whole; an MP3 asked for is an MP3.
    auto wav = await<QByteArray>(
        [&](auto done) { asA.fetchRecording(a->sid, recording, QStringLiteral("wav"), done); });
    QVERIFY(wav);
    QCOMPARE(*wav, m_fake->recordingAudio(recording));
    auto mp3 = await<QByteArray>(
        [&](auto done) { asA.fetchRecording(a->sid, recording, QStringLiteral("mp3"), done); });
    QVERIFY(mp3 && mp3->startsWith("ID3"));
    // Without the right credentials: refused, nothing served. B's token cannot fetch A's media.
    const TwilioClient asB(*m_http, 2, {b->sid, b->authToken}, QUrl(m_fake->baseUrl()));
    auto foreign = await<QByteArray>(
        [&](auto done) { asB.fetchRecording(a->sid, recording, QStringLiteral("wav"), done); });
    QVERIFY(!foreign);
    QCOMPARE(foreign.error().httpStatus, 401);
    const TwilioClient noToken(
        *m_http, 1, {a->sid, Secret::fromString(QStringLiteral("x"))}, QUrl(m_fake->baseUrl()));
    auto unauthenticated = await<QByteArray>(
        [&](auto done) { noToken.fetchRecording(a->sid, recording, QStringLiteral("wav"), done); });
    QVERIFY(!unauthenticated);
    QCOMPARE(unauthenticated.error().code, ErrorCode::AuthenticationFailed);
}

QTEST_GUILESS_MAIN(tst_TwilioClient)
#include "tst_twilioclient.moc"
