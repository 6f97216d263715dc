#include "../../fakes/fakevapi.h"
#include "../../support/awaitcallback.h"
#include "../../support/testdatabase.h"
#include "../../support/twiliotenant.h"

#include <core/ingest/ingestserver.h>
#include <core/net/httpclient.h>
#include <core/providers/vapi/vapiaccounts.h>
#include <core/providers/vapi/vapicaller.h>
#include <core/providers/webhookendpoints.h>
#include <core/store/leadstore.h>
#include <core/store/sqlquery.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealedsecretstore.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Sb;
using namespace Sb::Providers::Vapi;
using namespace std::chrono_literals;

// VAPI over loopback: two tenants, each with its own VAPI organisation, assistant number and
// server secret. An assistant call to a lead is recorded under VAPI's id; the fake's status
// updates and end-of-call report then reach a real ingest server and complete that record in
// the right tenant. Refusals are clear and not retried; a 429 is waited out once; one
// organisation failing opens the breaker for its tenant only.
class tst_VapiCalls : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void leadCallEndsWithReportInItsTenant_data() { Test::TestDatabase::addBackendRows(); }
    void leadCallEndsWithReportInItsTenant();
    void wrongKeyRefusedOnceAndExplained_data() { Test::TestDatabase::addBackendRows(); }
    void wrongKeyRefusedOnceAndExplained();
    void anotherTenantsLeadIsNotFound_data() { Test::TestDatabase::addBackendRows(); }
    void anotherTenantsLeadIsNotFound();
    void rateLimitWaitedOutOnce_data() { Test::TestDatabase::addBackendRows(); }
    void rateLimitWaitedOutOnce();
    void failingOrganisationOpensOnlyItsTenantsBreaker_data()
    {
        Test::TestDatabase::addBackendRows();
    }
    void failingOrganisationOpensOnlyItsTenantsBreaker();

private:
    struct Side
    {
        Store::TenantScope scope;
        Fakes::FakeVapi::Org org;
        QString numberId;
        Store::Lead lead;
    };
    void setUp(Net::HttpClient::Options options = {});
    Result<PlacedCall> callLead(const Side &side, LeadId lead);
    template<typename T>
    Result<T, Net::ProviderError> wait(std::function<void(VapiClient::Done<T>)> start);
    int count(const QString &sql, qint64 tenant);

    Test::TestDatabase m_databases;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    std::unique_ptr<Fakes::FakeVapi> m_vapi;
    std::unique_ptr<Net::HttpClient> m_http;
    std::unique_ptr<Ingest::IngestServer> m_server;
    std::optional<Side> m_a;
    std::optional<Side> m_b;
};

void tst_VapiCalls::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_vapi = std::make_unique<Fakes::FakeVapi>();
}

void tst_VapiCalls::cleanup()
{
    m_server.reset();
    m_http.reset();
    m_vapi.reset();
    m_database.reset();
    m_a.reset();
    m_b.reset();
}

void tst_VapiCalls::setUp(Net::HttpClient::Options options)
{
    QFETCH(QString, backend);
    auto database = m_databases.createMigrated(backend);
    SB_VERIFY_OK(database);
    m_database = *database;
    auto sealer = Test::createVault(*m_database, m_dir->filePath(QStringLiteral("vault.key")));
    SB_VERIFY_OK(sealer);
    m_sealer = std::make_shared<const Vault::Sealer>(*sealer);
    m_http = std::make_unique<Net::HttpClient>(options);
    const VapiAccounts accounts(*m_database, *m_sealer);
    int index = 0;
    for (const char *name : {"clinic-a", "clinic-b"}) {
        SB_VERIFY_OK(Store::TenantStore(*m_database).add(QLatin1String(name), {}));
        auto scope = Tenancy::AdminSession(*m_database).scope(QLatin1String(name));
        SB_VERIFY_OK(scope);
        const QString secret = QStringLiteral("server-secret-of-") + QLatin1String(name);
        const auto org = m_vapi->addOrg(QStringLiteral("https://hooks.example.org/vapi"), secret);
        const QString assistant = m_vapi->addAssistant(org.id, QStringLiteral("Front desk"));
        const QString numberId =
            m_vapi->addNumber(org.id, QStringLiteral("+1617555100%1").arg(index), assistant);
        SB_VERIFY_OK(accounts.record(*scope, Secret::fromString(org.privateKey)));
        SB_VERIFY_OK(Vault::SealedSecretStore(*m_database, *m_sealer)
                         .put(*scope,
                              QStringLiteral("vapi-server"),
                              QStringLiteral("secret"),
                              Secret::fromString(secret)));
        // The organisation's numbers become the tenant's assistant numbers.
        const VapiClient client(*m_http,
                                scope->tenantId().value(),
                                Secret::fromString(org.privateKey),
                                QUrl(m_vapi->baseUrl()));
        auto numbers = wait<QList<VapiNumber>>([&](auto done) { client.listPhoneNumbers(done); });
        SB_VERIFY_OK(numbers);
        QCOMPARE(numbers->size(), 1);
        auto added = accounts.storeNumbers(*scope, *numbers);
        SB_VERIFY_OK(added);
        QCOMPARE(added->size(), 1);
        Store::Lead lead;
        lead.name = QStringLiteral("Dana of ") + QLatin1String(name);
        lead.phoneE164 = QStringLiteral("+1617555999%1").arg(index);
        auto stored = Store::LeadStore(*m_database).add(*scope, lead);
        SB_VERIFY_OK(stored);
        (index == 0 ? m_a : m_b) = Side{*scope, org, numberId, *stored};
        ++index;
    }
    m_server = std::make_unique<Ingest::IngestServer>(
        m_database,
        m_sealer,
        Providers::webhookEndpoints(),
        Ingest::IngestServerConfig{QStringLiteral("https://hooks.example.org"), 1 << 20, {}});
    auto port = m_server->listen(QHostAddress::LocalHost, 0);
    SB_VERIFY_OK(port);
    m_vapi->sendMessagesTo(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(*port)));
}

template<typename T>
Result<T, Net::ProviderError> tst_VapiCalls::wait(std::function<void(VapiClient::Done<T>)> start)
{
    return Test::awaitCallback<Result<T, Net::ProviderError>>(start).value_or(
        Net::ProviderError{ErrorCode::Timeout, QStringLiteral("vapi"), 0, {}, {}, 0});
}

Result<PlacedCall> tst_VapiCalls::callLead(const Side &side, LeadId lead)
{
    const VapiCaller caller(m_database, m_sealer, *m_http, QUrl(m_vapi->baseUrl()));
    return Test::awaitCallback<Result<PlacedCall>>(
               [&](auto done) { caller.callLead(side.scope, lead, {}, this, done); })
        .value_or(Error{ErrorCode::Timeout, QStringLiteral("the call was never placed")});
}

int tst_VapiCalls::count(const QString &sql, qint64 tenant)
{
    auto value =
        Store::SqlQuery(*m_database->connection(), sql).bind(QStringLiteral(":t"), tenant).scalar();
    return value ? value->toInt() : -1;
}

void tst_VapiCalls::leadCallEndsWithReportInItsTenant()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    const qint64 tenantA = m_a->scope.tenantId().value();
    const qint64 tenantB = m_b->scope.tenantId().value();
    auto placed = callLead(*m_a, m_a->lead.id);
    SB_VERIFY_OK(placed);
    QCOMPARE(placed->status, u"queued");
    QCOMPARE(placed->toE164, m_a->lead.phoneE164);
    QCOMPARE(placed->fromE164, u"+16175551000");

    // What VAPI was asked: A's assistant number, the lead, the tenant in both metadata places.
    const QJsonObject asked = m_vapi->createdCalls().last();
    QCOMPARE(asked.value(u"phoneNumberId").toString(), m_a->numberId);
    QCOMPARE(asked[u"customer"][u"number"].toString(), m_a->lead.phoneE164);
    QCOMPARE(asked[u"metadata"][u"tenantId"].toString(), QString::number(tenantA));
    QCOMPARE(asked[u"assistantOverrides"][u"metadata"][u"tenantId"].toString(),
             QString::number(tenantA));
    QCOMPARE(asked[u"assistantOverrides"][u"variableValues"][u"leadName"].toString(),
             m_a->lead.name);

    // Our record exists before any message from VAPI.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE tenant_id = :t AND"
                                  " direction = 'outbound' AND lead_id IS NOT NULL AND"
                                  " vapi_call_id IS NOT NULL"),
                   tenantA),
             1);
    QTRY_COMPARE_WITH_TIMEOUT(m_vapi->deliveries().size(), 1, 10000); // ringing
    m_vapi->endCall(placed->vapiCallId, QStringLiteral("Booked a cleaning for Tuesday."));
    QTRY_COMPARE_WITH_TIMEOUT(m_vapi->deliveries().size(), 3, 10000);
    for (const auto &delivery : m_vapi->deliveries())
        QCOMPARE(delivery.httpStatus, 200);

    Store::SqlQuery call(*m_database->connection(),
                         QStringLiteral("SELECT id, status, recording_url, transcript, summary,"
                                        " ended_reason, lead_id, transcript_json, cost_micros,"
                                        " duration_seconds IS NOT NULL"
                                        " FROM calls WHERE tenant_id = :t"));
    SB_VERIFY_OK(call.bind(QStringLiteral(":t"), tenantA).exec());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            return count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE tenant_id = :t AND"
                                        " summary IS NOT NULL"),
                         tenantA)
                == 1;
        }(),
        10000);
    SB_VERIFY_OK(call.exec());
    QVERIFY(call.next());
    QCOMPARE(call.value(0).toLongLong(), placed->callId.value()); // the same record, completed
    QCOMPARE(call.value(1).toString(), u"completed");
    QCOMPARE(call.value(2).toString(),
             QStringLiteral("https://storage.vapi.ai/%1-mono.wav").arg(placed->vapiCallId));
    QVERIFY(call.value(3).toString().contains(u"Tuesday works"));
    QCOMPARE(call.value(4).toString(), u"Booked a cleaning for Tuesday.");
    QCOMPARE(call.value(5).toString(), u"customer-ended-call");
    QCOMPARE(call.value(6).toLongLong(), m_a->lead.id.value());
    QCOMPARE(QJsonDocument::fromJson(call.value(7).toString().toUtf8()).array().size(), 2);
    QCOMPARE(call.value(8).toLongLong(), 87500);
    QVERIFY(call.value(9).toBool()); // from VAPI's startedAt and endedAt
    QVERIFY(!call.next());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE tenant_id = :t AND"
                                  " provider = 'vapi'"),
                   tenantA),
             3);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE tenant_id = :t"), tenantB), 0);

    // VAPI's own view of the call, as A; B's organisation cannot see it.
    const auto clientOf = [&](const Side &side) {
        return VapiClient(*m_http,
                          side.scope.tenantId().value(),
                          Secret::fromString(side.org.privateKey),
                          QUrl(m_vapi->baseUrl()));
    };
    auto fetched =
        wait<VapiCall>([&](auto done) { clientOf(*m_a).fetchCall(placed->vapiCallId, done); });
    SB_VERIFY_OK(fetched);
    QCOMPARE(fetched->status, u"ended");
    QCOMPARE(fetched->endedReason, u"customer-ended-call");
    QCOMPARE(fetched->customerE164, m_a->lead.phoneE164);
    auto foreign =
        wait<VapiCall>([&](auto done) { clientOf(*m_b).fetchCall(placed->vapiCallId, done); });
    QVERIFY(!foreign);
    QCOMPARE(foreign.error().httpStatus, 404);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE tenant_id = :t"), tenantB),
        0);
}

void tst_VapiCalls::wrongKeyRefusedOnceAndExplained()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    // The public key where the private one belongs: the mistake VAPI's message is about.
    SB_VERIFY_OK(VapiAccounts(*m_database, *m_sealer)
                     .record(m_a->scope, Secret::fromString(m_a->org.publicKey)));
    const qsizetype before = m_vapi->seen().size();
    auto placed = callLead(*m_a, m_a->lead.id);
    QVERIFY(!placed);
    QCOMPARE(placed.error().code, ErrorCode::AuthenticationFailed);
    QVERIFY2(placed.error().message.contains(u"Invalid Key"), qPrintable(placed.error().message));
    QVERIFY(!placed.error().message.contains(m_a->org.publicKey));
    QCOMPARE(m_vapi->seen().size() - before, 1); // no retry storm
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE tenant_id = :t"),
                   m_a->scope.tenantId().value()),
             0);
}

void tst_VapiCalls::anotherTenantsLeadIsNotFound()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    const qsizetype before = m_vapi->seen().size();
    auto placed = callLead(*m_a, m_b->lead.id);
    QVERIFY(!placed);
    QCOMPARE(placed.error().code, ErrorCode::NotFound);
    QCOMPARE(m_vapi->seen().size(), before); // VAPI never asked to ring B's lead
}

void tst_VapiCalls::rateLimitWaitedOutOnce()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    m_vapi->failNext(1, 429, m_a->org.id, 1);
    QElapsedTimer clock;
    clock.start();
    auto placed = callLead(*m_a, m_a->lead.id);
    SB_VERIFY_OK(placed);
    QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
    int posts = 0;
    for (const auto &seen : m_vapi->seen())
        posts += seen.method == u"POST" ? 1 : 0;
    QCOMPARE(posts, 2); // the refused one, then the one after the window
    QCOMPARE(m_vapi->createdCalls().size(), 1);
}

void tst_VapiCalls::failingOrganisationOpensOnlyItsTenantsBreaker()
{
    Net::HttpClient::Options options;
    options.maxAttempts = 2;
    options.baseBackoff = 10ms;
    options.maxBackoff = 20ms;
    options.breakerThreshold = 3;
    options.breakerCooldown = 60s;
    setUp(options);
    if (QTest::currentTestFailed())
        return;
    m_vapi->failNext(1000, 503, m_a->org.id);
    const auto clientOf = [&](const Side &side) {
        return VapiClient(*m_http,
                          side.scope.tenantId().value(),
                          Secret::fromString(side.org.privateKey),
                          QUrl(m_vapi->baseUrl()));
    };
    const VapiClient clientA = clientOf(*m_a);
    const VapiClient clientB = clientOf(*m_b);
    const Net::RateKey keyA{m_a->scope.tenantId().value(), QStringLiteral("vapi"), {}};
    const Net::RateKey keyB{m_b->scope.tenantId().value(), QStringLiteral("vapi"), {}};
    for (int i = 0; i < 3; ++i) {
        auto failed = wait<QList<Assistant>>([&](auto done) { clientA.listAssistants(done); });
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::ProviderUnavailable);
        // B, interleaved, is served throughout.
        auto served = wait<QList<Assistant>>([&](auto done) { clientB.listAssistants(done); });
        SB_VERIFY_OK(served);
        QCOMPARE(served->size(), 1);
    }
    QCOMPARE(m_http->circuitState(keyA), Net::CircuitBreaker::State::Open);
    QCOMPARE(m_http->circuitState(keyB), Net::CircuitBreaker::State::Closed);
    // Open: A's next request fails at once without reaching VAPI; B still places its call.
    const qsizetype before = m_vapi->seen().size();
    auto fast = wait<QList<Assistant>>([&](auto done) { clientA.listAssistants(done); });
    QVERIFY(!fast);
    QCOMPARE(fast.error().code, ErrorCode::ProviderUnavailable);
    QCOMPARE(m_vapi->seen().size(), before);
    auto placedB = callLead(*m_b, m_b->lead.id);
    SB_VERIFY_OK(placedB);
    auto placedA = callLead(*m_a, m_a->lead.id);
    QVERIFY(!placedA);
    QCOMPARE(m_vapi->seen().size(), before + 1); // B's call only
}

QTEST_GUILESS_MAIN(tst_VapiCalls)
#include "tst_vapicalls.moc"
