#include "../../fakes/faketwilio.h"
#include "../../support/awaitcallback.h"
#include "../../support/testdatabase.h"
#include "../../support/twiliotenant.h"

#include <core/ingest/ingestserver.h>
#include <core/net/httpclient.h>
#include <core/providers/twilio/twiliomessenger.h>
#include <core/providers/twilio/twilioonboarding.h>
#include <core/providers/webhookendpoints.h>
#include <core/store/messagestore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>

#include <QTemporaryDir>
#include <QTest>

using namespace Sb;
using namespace Sb::Providers::Twilio;

// Outbound SMS and WhatsApp, end to end over loopback: the client sends as the tenant's
// subaccount, the message is in the tenant's thread at once as queued, the fake Twilio posts
// signed status callbacks to a real ingest server, and the thread ends delivered (or failed with
// Twilio's code). Both tenants are onboarded: nothing lands in the other.
class tst_TwilioMessaging : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void smsQueuedAtOnceThenDelivered_data() { Test::TestDatabase::addBackendRows(); }
    void smsQueuedAtOnceThenDelivered();
    void whatsAppOutsideWindowIsRefusedBeforeAnyRequest_data()
    {
        Test::TestDatabase::addBackendRows();
    }
    void whatsAppOutsideWindowIsRefusedBeforeAnyRequest();
    void refusalIsExplainedAndKeptInThread_data() { Test::TestDatabase::addBackendRows(); }
    void refusalIsExplainedAndKeptInThread();
    void neverSendsFromAnotherTenantsNumber_data() { Test::TestDatabase::addBackendRows(); }
    void neverSendsFromAnotherTenantsNumber();
    void callbackBeatingTheReplyLosesNothing_data() { Test::TestDatabase::addBackendRows(); }
    void callbackBeatingTheReplyLosesNothing();
    void aViewClosedMidSendHearsNothingYetTheMessageGoes_data()
    {
        Test::TestDatabase::addBackendRows();
    }
    void aViewClosedMidSendHearsNothingYetTheMessageGoes();

private:
    void setUp();
    Result<Store::MessageRecord> send(const Store::TenantScope &tenant, const OutgoingText &text);
    // The person wrote on WhatsApp that long ago (as the ingest server stores it).
    void wroteOnWhatsApp(const Store::TenantScope &tenant, const QString &who, qint64 agoMs);
    QList<Store::MessageRecord> thread(const Store::TenantScope &tenant,
                                       const QString &counterpart,
                                       const QString &channel = QStringLiteral("sms"));

    Test::TestDatabase m_databases;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    std::unique_ptr<Fakes::FakeTwilio> m_twilio;
    std::unique_ptr<Net::HttpClient> m_http;
    std::unique_ptr<Ingest::IngestServer> m_server;
    std::optional<Store::TenantScope> m_a;
    std::optional<Store::TenantScope> m_b;
    QString m_accountA;
    QString m_numberA;
    QString m_numberB;
};

void tst_TwilioMessaging::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_twilio = std::make_unique<Fakes::FakeTwilio>();
    m_twilio->giveNewSubaccountsNumbers(1);
    m_http = std::make_unique<Net::HttpClient>();
}

void tst_TwilioMessaging::cleanup()
{
    m_server.reset();
    m_http.reset();
    m_twilio.reset();
    m_database.reset();
    m_a.reset();
    m_b.reset();
    m_numberA.clear();
    m_numberB.clear();
}

void tst_TwilioMessaging::setUp()
{
    QFETCH(QString, backend);
    auto database = m_databases.createMigrated(backend);
    SB_VERIFY_OK(database);
    m_database = *database;
    auto sealer = Test::createVault(*m_database, m_dir->filePath(QStringLiteral("vault.key")));
    SB_VERIFY_OK(sealer);
    m_sealer = std::make_shared<const Vault::Sealer>(*sealer);
    const TwilioOnboarding onboarding(
        m_database,
        m_sealer,
        *m_http,
        {m_twilio->master().sid, Secret::fromString(m_twilio->master().authToken)},
        QUrl(m_twilio->baseUrl()));
    for (const char *name : {"clinic-a", "clinic-b"}) {
        SB_VERIFY_OK(Store::TenantStore(*m_database).add(QLatin1String(name), {}));
        auto report = Test::connectTwilio(*m_database, onboarding, QLatin1String(name));
        SB_VERIFY_OK(report);
        QCOMPARE(report->numbers.size(), 1);
        if (m_numberA.isEmpty())
            m_accountA = report->subaccountSid;
        (m_numberA.isEmpty() ? m_numberA : m_numberB) = report->numbers.first().e164;
    }
    m_a = *Tenancy::AdminSession(*m_database).scope(QStringLiteral("clinic-a"));
    m_b = *Tenancy::AdminSession(*m_database).scope(QStringLiteral("clinic-b"));
    // The ingest server behind "https://hooks.example.org", which the fake signs for.
    m_server = std::make_unique<Ingest::IngestServer>(
        m_database,
        m_sealer,
        Providers::webhookEndpoints(),
        Ingest::IngestServerConfig{QStringLiteral("https://hooks.example.org"), 1 << 20, {}});
    auto port = m_server->listen(QHostAddress::LocalHost, 0);
    SB_VERIFY_OK(port);
    m_twilio->sendCallbacksTo(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(*port)));
}

Result<Store::MessageRecord> tst_TwilioMessaging::send(const Store::TenantScope &tenant,
                                                       const OutgoingText &text)
{
    const TwilioMessenger messenger(m_database, m_sealer, *m_http, QUrl(m_twilio->baseUrl()));
    return Test::awaitCallback<Result<Store::MessageRecord>>(
               [&](auto done) { messenger.send(tenant, text, this, done); })
        .value_or(Error{ErrorCode::Timeout, QStringLiteral("send never finished")});
}

QList<Store::MessageRecord> tst_TwilioMessaging::thread(const Store::TenantScope &tenant,
                                                        const QString &counterpart,
                                                        const QString &channel)
{
    auto messages = Store::MessageStore(*m_database).thread(tenant, {channel, counterpart, {}}, 100);
    if (!messages)
        qWarning() << messages.error().message;
    return messages.hasValue() ? *messages : QList<Store::MessageRecord>();
}

void tst_TwilioMessaging::aViewClosedMidSendHearsNothingYetTheMessageGoes()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    const QString patient = QStringLiteral("+16175558888");
    const TwilioMessenger messenger(m_database, m_sealer, *m_http, QUrl(m_twilio->baseUrl()));
    auto view = std::make_unique<QObject>();
    int heard = 0;
    messenger.send(*m_a,
                   {m_numberA, patient, QStringLiteral("Your results are ready")},
                   view.get(),
                   [&heard](const Result<Store::MessageRecord> &) { ++heard; });
    view.reset(); // closed before the store was even read
    QTRY_COMPARE_WITH_TIMEOUT(thread(*m_a, patient).size(), 1, 10000);
    QCOMPARE(thread(*m_a, patient).first().body, u"Your results are ready");
    QCOMPARE(m_twilio->messages().size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(thread(*m_a, patient).first().status, u"delivered", 10000);
    QCOMPARE(heard, 0);
}

void tst_TwilioMessaging::smsQueuedAtOnceThenDelivered()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    m_twilio->setCallbackDelay(400); // long enough to look at the thread before any callback
    const QString patient = QStringLiteral("+16175559999");
    auto sent = send(*m_a, {m_numberA, patient, QStringLiteral("See you Tuesday at 9 + bring ID")});
    SB_VERIFY_OK(sent);
    QCOMPARE(sent->status, u"queued");
    QVERIFY(sent->providerMessageId.startsWith(u"SM"));
    auto shown = thread(*m_a, patient);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.first().status, u"queued");
    QCOMPARE(shown.first().body, u"See you Tuesday at 9 + bring ID");
    QCOMPARE(shown.first().ourE164, m_numberA);

    // Twilio got it from A's subaccount, with a status callback at the public URL.
    const QJsonObject posted = m_twilio->messages().last();
    QCOMPARE(posted.value(u"account_sid").toString(), m_accountA);
    QCOMPARE(m_twilio->seen().last().account, m_accountA); // as A's subaccount, not the master
    QCOMPARE(posted.value(u"status_callback").toString(),
             u"https://hooks.example.org/twilio/message-status");
    QCOMPARE(posted.value(u"to").toString(), patient);

    QTRY_COMPARE_WITH_TIMEOUT(thread(*m_a, patient).value(0).status, u"delivered", 10000);
    QCOMPARE(thread(*m_a, patient).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_twilio->callbacks().size(), 2, 5000); // its answer may trail the commit
    for (const auto &callback : m_twilio->callbacks())
        QCOMPARE(callback.httpStatus, 200);
    QVERIFY(thread(*m_b, patient).isEmpty());
    auto newestB = Store::MessageStore(*m_database).newest(*m_b, 10);
    SB_VERIFY_OK(newestB);
    QVERIFY(newestB->isEmpty());
}

void tst_TwilioMessaging::wroteOnWhatsApp(const Store::TenantScope &tenant,
                                          const QString &who,
                                          qint64 agoMs)
{
    Store::MessageRecord inbound;
    inbound.channel = QStringLiteral("whatsapp");
    inbound.providerMessageId = QStringLiteral("SM%1").arg(qHash(who), 32, 16, QLatin1Char('0'));
    inbound.counterpartE164 = who;
    inbound.ourE164 = m_numberA;
    inbound.isInbound = true;
    inbound.body = QStringLiteral("Hello?");
    inbound.status = QStringLiteral("received");
    inbound.sentAt = QDateTime::currentMSecsSinceEpoch() - agoMs;
    SB_VERIFY_OK(m_database->transaction(
        tenant, Store::TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
            auto applied = Store::MessageStore(*m_database)
                               .applyIn(db, tenant, inbound, Store::MessageSource::Webhook);
            return applied ? ok() : Status(applied.error());
        }));
}

// WhatsApp's 24 hours from the person's last message: outside them the messenger refuses at
// once, saying why (63016), and Twilio never hears of it; inside them the message goes. Where
// Twilio judges otherwise (the window closed meanwhile), its 63016 still arrives by callback
// and is explained in the thread.
void tst_TwilioMessaging::whatsAppOutsideWindowIsRefusedBeforeAnyRequest()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    const QString never = QStringLiteral("+16175558888"); // never wrote
    const QString yesterday = QStringLiteral("+16175559999"); // wrote 25 hours ago
    const QString inside = QStringLiteral("+16175557777"); // wrote an hour ago
    const QString closing = QStringLiteral("+16175556677"); // we think open, Twilio does not
    wroteOnWhatsApp(*m_a, yesterday, 25 * 3'600'000LL);
    wroteOnWhatsApp(*m_a, inside, 3'600'000);
    wroteOnWhatsApp(*m_a, closing, 3'600'000);
    m_twilio->openWhatsAppWindow(inside);
    const qsizetype requestsBefore = m_twilio->seen().size();
    for (const QString &outside : {never, yesterday}) {
        auto refused = send(*m_a, {m_numberA, outside, QStringLiteral("Reminder"), true});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::ProviderRefused);
        QVERIFY2(refused.error().message.contains(u"63016"), qPrintable(refused.error().message));
    }
    QCOMPARE(m_twilio->seen().size(), requestsBefore); // nothing went out
    // The same text as SMS is no WhatsApp message: it goes.
    SB_VERIFY_OK(send(*m_a, {m_numberA, never, QStringLiteral("Reminder")}));

    auto reply = send(*m_a, {m_numberA, inside, QStringLiteral("Reminder"), true});
    SB_VERIFY_OK(reply);
    QCOMPARE(reply->channel, u"whatsapp");
    QCOMPARE(m_twilio->messages().last().value(u"to").toString(),
             QStringLiteral("whatsapp:") + inside);
    auto late = send(*m_a, {m_numberA, closing, QStringLiteral("Reminder"), true});
    SB_VERIFY_OK(late);
    QTRY_COMPARE_WITH_TIMEOUT(
        thread(*m_a, closing, QStringLiteral("whatsapp")).value(1).status, u"failed", 10000);
    const auto failed = thread(*m_a, closing, QStringLiteral("whatsapp")).value(1);
    QCOMPARE(failed.errorCode, u"63016");
    QVERIFY(TwilioClient::explain(failed.errorCode).contains(u"24-hour"));
    QTRY_COMPARE_WITH_TIMEOUT(
        thread(*m_a, inside, QStringLiteral("whatsapp")).value(1).status, u"delivered", 10000);
    QVERIFY(thread(*m_a, yesterday, QStringLiteral("whatsapp")).size() == 1); // theirs only
}

void tst_TwilioMessaging::refusalIsExplainedAndKeptInThread()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    const QString optedOut = QStringLiteral("+16175556666");
    m_twilio->optOut(optedOut);
    const qsizetype before = m_twilio->seen().size();
    auto refused = send(*m_a, {m_numberA, optedOut, QStringLiteral("Hello")});
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::ProviderRefused);
    QVERIFY2(refused.error().message.contains(u"21610"), qPrintable(refused.error().message));
    QVERIFY2(refused.error().message.contains(u"opted out"), qPrintable(refused.error().message));
    QCOMPARE(m_twilio->seen().size() - before, 1); // a 400 is not retried
    const auto shown = thread(*m_a, optedOut);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.first().status, u"failed");
    QCOMPARE(shown.first().errorCode, u"21610");
    QVERIFY(shown.first().providerMessageId.isEmpty());
}

void tst_TwilioMessaging::neverSendsFromAnotherTenantsNumber()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    const qsizetype before = m_twilio->seen().size();
    auto refused = send(*m_a, {m_numberB, QStringLiteral("+16175559999"), QStringLiteral("Hi")});
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    QVERIFY(refused.error().message.contains(m_numberB));
    QCOMPARE(m_twilio->seen().size(), before); // Twilio never asked
    auto newestA = Store::MessageStore(*m_database).newest(*m_a, 10);
    SB_VERIFY_OK(newestA);
    QVERIFY(newestA->isEmpty());
}

void tst_TwilioMessaging::callbackBeatingTheReplyLosesNothing()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    // Twilio's 201 reaches us only after serve stored "sent" and "delivered": the send keeps the
    // further-along status, adds the body, and makes no second row.
    m_twilio->answerAfterCallbacks(true);
    const QString patient = QStringLiteral("+16175559999");
    for (int i = 0; i < 5; ++i) {
        auto sent = send(*m_a, {m_numberA, patient, QStringLiteral("message %1").arg(i)});
        SB_VERIFY_OK(sent);
        QCOMPARE(sent->status, u"delivered");
    }
    QCOMPARE(m_twilio->callbacks().size(), 10);
    const auto shown = thread(*m_a, patient);
    QCOMPARE(shown.size(), 5);
    QStringList bodies;
    for (const auto &message : shown) {
        QCOMPARE(message.status, u"delivered");
        bodies.append(message.body);
    }
    bodies.sort();
    QCOMPARE(bodies,
             (QStringList{QStringLiteral("message 0"),
                          QStringLiteral("message 1"),
                          QStringLiteral("message 2"),
                          QStringLiteral("message 3"),
                          QStringLiteral("message 4")}));
}

QTEST_GUILESS_MAIN(tst_TwilioMessaging)
#include "tst_twiliomessaging.moc"
