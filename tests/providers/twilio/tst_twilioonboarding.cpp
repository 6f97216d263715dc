#include "../../fakes/faketwilio.h"
#include "../../support/awaitcallback.h"
#include "../../support/testdatabase.h"
#include "../../support/twiliotenant.h"

#include <core/ingest/ingestserver.h>
#include <core/net/httpclient.h>
#include <core/providers/twilio/twilionumbers.h>
#include <core/providers/twilio/twilioonboarding.h>
#include <core/providers/webhookendpoints.h>
#include <core/store/phonenumberstore.h>
#include <core/store/sqlquery.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealedsecretstore.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

using namespace Sb;
using namespace Sb::Providers::Twilio;

// Onboarding two tenants against the fake Twilio: a subaccount each, tokens sealed, every
// number's callbacks pointed at the ingest server; run again, nothing changes; and an SMS Twilio
// then sends to a number lands in that number's tenant.
class tst_TwilioOnboarding : public QObject
{
    Q_OBJECT

private slots:
    void onboardsTwoTenantsIdempotently_data() { Test::TestDatabase::addBackendRows(); }
    void onboardsTwoTenantsIdempotently();
    void numbersSyncWithCapabilitiesAndReleaseOnlyWhenAsked_data()
    {
        Test::TestDatabase::addBackendRows();
    }
    void numbersSyncWithCapabilitiesAndReleaseOnlyWhenAsked();

private:
    void setUp();
    Result<OnboardingReport> connect(const TwilioOnboarding &onboarding, const QString &tenant)
    {
        return Test::connectTwilio(*m_database, onboarding, tenant);
    }

    Test::TestDatabase m_databases;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    std::unique_ptr<Fakes::FakeTwilio> m_twilio;
    std::unique_ptr<Net::HttpClient> m_http;
    std::unique_ptr<TwilioOnboarding> m_onboarding;
};

// A fresh store with a vault and two tenants, a fresh fake Twilio and onboarding against it.
void tst_TwilioOnboarding::setUp()
{
    m_onboarding.reset();
    m_http.reset();
    m_twilio.reset();
    QFETCH(QString, backend);
    auto database = m_databases.createMigrated(backend);
    SB_VERIFY_OK(database);
    m_database = *database;
    m_dir = std::make_unique<QTemporaryDir>();
    auto sealer = Test::createVault(*m_database, m_dir->filePath(QStringLiteral("vault.key")));
    SB_VERIFY_OK(sealer);
    m_sealer = std::make_shared<const Vault::Sealer>(*sealer);
    for (const char *name : {"clinic-a", "clinic-b"})
        SB_VERIFY_OK(Store::TenantStore(*m_database).add(QLatin1String(name), {}));
    m_twilio = std::make_unique<Fakes::FakeTwilio>();
    m_http = std::make_unique<Net::HttpClient>();
    m_onboarding = std::make_unique<TwilioOnboarding>(
        m_database,
        m_sealer,
        *m_http,
        Credentials{m_twilio->master().sid, Secret::fromString(m_twilio->master().authToken)},
        QUrl(m_twilio->baseUrl()));
}

void tst_TwilioOnboarding::onboardsTwoTenantsIdempotently()
{
    setUp();
    if (QTest::currentTestFailed())
        return;

    auto first = connect(*m_onboarding, QStringLiteral("clinic-a"));
    SB_VERIFY_OK(first);
    QVERIFY(first->isNewSubaccount);
    const QString sidA = first->subaccountSid;
    QCOMPARE(m_twilio->account(sidA).friendlyName, u"Switchboard: clinic-a");
    // Clinic A's numbers, bought in its subaccount since.
    const auto a1 = m_twilio->addNumber(sidA, QStringLiteral("+16175550101"));
    const auto a2 = m_twilio->addNumber(sidA, QStringLiteral("+16175550102"));
    auto second = connect(*m_onboarding, QStringLiteral("clinic-a"));
    SB_VERIFY_OK(second);
    QVERIFY(!second->isNewSubaccount);
    QCOMPARE(second->subaccountSid, sidA);
    QCOMPARE(second->addedNumbers, (QStringList{a1.phoneNumber, a2.phoneNumber}));

    auto b = connect(*m_onboarding, QStringLiteral("clinic-b"));
    SB_VERIFY_OK(b);
    const QString sidB = b->subaccountSid;
    QVERIFY(sidB != sidA);
    const auto b1 = m_twilio->addNumber(sidB, QStringLiteral("+16175550201"));
    SB_VERIFY_OK(connect(*m_onboarding, QStringLiteral("clinic-b")));
    QCOMPARE(m_twilio->subaccounts().size(), 2);

    for (const auto &number : {a1, a2, b1}) {
        const auto now = m_twilio->number(number.sid);
        QCOMPARE(now.smsUrl, u"https://hooks.example.org/twilio/sms");
        QCOMPARE(now.voiceUrl, u"https://hooks.example.org/twilio/voice");
        QCOMPARE(now.statusCallback, u"https://hooks.example.org/twilio/call-status");
    }
    // Each tenant has its own numbers and its own subaccount's token, sealed.
    const auto scopeA = *Tenancy::AdminSession(*m_database).scope(QStringLiteral("clinic-a"));
    const auto scopeB = *Tenancy::AdminSession(*m_database).scope(QStringLiteral("clinic-b"));
    auto numbersA = Store::PhoneNumberStore(*m_database).list(scopeA);
    auto numbersB = Store::PhoneNumberStore(*m_database).list(scopeB);
    SB_VERIFY_OK(numbersA);
    SB_VERIFY_OK(numbersB);
    QCOMPARE(numbersA->size(), 2);
    QCOMPARE(numbersB->size(), 1);
    QCOMPARE(numbersA->first().providerAccountId, sidA);
    QCOMPARE(numbersB->first().providerNumberId, b1.sid);
    auto tokenA =
        Vault::SealedSecretStore(*m_database, *m_sealer)
            .get(scopeA, QStringLiteral("twilio-account:") + sidA, QStringLiteral("auth-token"));
    SB_VERIFY_OK(tokenA);
    QCOMPARE(tokenA->revealString(), m_twilio->account(sidA).authToken);

    // Once more: nothing is created, nothing is re-pointed.
    const qsizetype requests = m_twilio->seen().size();
    auto again = connect(*m_onboarding, QStringLiteral("clinic-a"));
    SB_VERIFY_OK(again);
    QVERIFY(again->addedNumbers.isEmpty());
    QCOMPARE(m_twilio->seen().size() - requests, 2); // fetch the subaccount, list its numbers
    // The recorded subaccount is fetched by its SID, not looked up by name again.
    QCOMPARE(m_twilio->seen().at(requests).path,
             QStringLiteral("/2010-04-01/Accounts/%1.json").arg(sidA));
    // One connection row per tenant, however often connect runs, with the ingest URL kept.
    Store::SqlQuery connections(*m_database->connection(),
                                QStringLiteral("SELECT tenant_id, external_account_id, status,"
                                               " settings_json FROM connections"
                                               " WHERE provider = 'twilio' ORDER BY tenant_id"));
    SB_VERIFY_OK(connections.exec());
    QList<QStringList> rows;
    while (connections.next())
        rows.append({connections.value(0).toString(),
                     connections.value(1).toString(),
                     connections.value(2).toString(),
                     connections.value(3).toString()});
    const QString settings = QStringLiteral("{\"publicUrl\":\"https://hooks.example.org/\"}");
    QCOMPARE(rows,
             (QList<QStringList>{
                 {QString::number(scopeA.tenantId().value()), sidA, "connected", settings},
                 {QString::number(scopeB.tenantId().value()), sidB, "connected", settings}}));

    // What Twilio now sends for clinic A's number is verified with A's token and stored in A.
    Ingest::IngestServer server(
        m_database,
        m_sealer,
        Providers::webhookEndpoints(),
        Ingest::IngestServerConfig{QStringLiteral("https://hooks.example.org"), 1 << 20, {}});
    auto port = server.listen(QHostAddress::LocalHost, 0);
    SB_VERIFY_OK(port);
    QNetworkAccessManager network;
    const auto sms =
        Test::signedSms(*port, sidA, m_twilio->account(sidA).authToken, a2.phoneNumber, 1);
    QNetworkReply *reply = network.post(sms.request, sms.body);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    auto stored =
        Store::SqlQuery(*m_database->connection(), QStringLiteral("SELECT tenant_id FROM messages"))
            .scalar();
    SB_VERIFY_OK(stored);
    QCOMPARE(stored->toLongLong(), scopeA.tenantId().value());
}

void tst_TwilioOnboarding::numbersSyncWithCapabilitiesAndReleaseOnlyWhenAsked()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    m_twilio->giveNewSubaccountsNumbers(1);
    auto a = connect(*m_onboarding, QStringLiteral("clinic-a"));
    auto b = connect(*m_onboarding, QStringLiteral("clinic-b"));
    SB_VERIFY_OK(a);
    SB_VERIFY_OK(b);
    const auto scopeA = *Tenancy::AdminSession(*m_database).scope(QStringLiteral("clinic-a"));
    const auto scopeB = *Tenancy::AdminSession(*m_database).scope(QStringLiteral("clinic-b"));
    const TwilioNumbers numbers(m_database, m_sealer, *m_http, QUrl(m_twilio->baseUrl()));
    const auto sync = [&](const Store::TenantScope &scope) {
        return Test::awaitCallback<Result<NumberSync>>(
                   [&](auto done) { numbers.sync(scope, true, this, done); })
            .value_or(Error{ErrorCode::Timeout, QStringLiteral("sync never finished")});
    };

    // A bought a number since: sync adds it, with what it can do, to A only.
    const auto bought = m_twilio->addNumber(a->subaccountSid, QStringLiteral("+16175550199"));
    auto synced = sync(scopeA);
    SB_VERIFY_OK(synced);
    QCOMPARE(synced->added, QStringList{bought.phoneNumber});
    QVERIFY(synced->gone.isEmpty());
    auto stored = Store::PhoneNumberStore(*m_database).find(scopeA, bought.phoneNumber);
    SB_VERIFY_OK(stored);
    QCOMPARE(stored->capabilities, (QStringList{QStringLiteral("voice"), QStringLiteral("sms")}));
    QCOMPARE(stored->providerAccountId, a->subaccountSid);
    QVERIFY(!Store::PhoneNumberStore(*m_database).find(scopeB, bought.phoneNumber));
    synced = sync(scopeA);
    SB_VERIFY_OK(synced);
    QVERIFY(synced->added.isEmpty());

    // Release: B cannot release A's number; A can, and then Twilio and the store forget it.
    const auto release = [&](const Store::TenantScope &scope, const QString &e164) {
        return Test::awaitCallback<Status>([&](auto done) { numbers.release(scope, e164, this, done); })
            .value_or(Error{ErrorCode::Timeout, QStringLiteral("release never finished")});
    };
    const qsizetype before = m_twilio->seen().size();
    auto refused = release(scopeB, bought.phoneNumber);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::NotFound);
    QCOMPARE(m_twilio->seen().size(), before);
    SB_VERIFY_OK(release(scopeA, bought.phoneNumber));
    QCOMPARE(m_twilio->seen().last().method, u"DELETE");
    QVERIFY(m_twilio->number(bought.sid).sid.isEmpty());
    QVERIFY(!Store::PhoneNumberStore(*m_database).find(scopeA, bought.phoneNumber));

    // A number released elsewhere (in Twilio's console) is reported, never silently dropped.
    const QString first = a->numbers.first().e164;
    SB_VERIFY_OK(Store::PhoneNumberStore(*m_database).find(scopeA, first));
    m_twilio->removeNumber(a->numbers.first().sid);
    synced = sync(scopeA);
    SB_VERIFY_OK(synced);
    QCOMPARE(synced->gone, QStringList{first});
    SB_VERIFY_OK(Store::PhoneNumberStore(*m_database).find(scopeA, first));

    // A number now in A's subaccount that the store has for B (it moved): said plainly, B's
    // record left as it is.
    const auto moved = m_twilio->addNumber(a->subaccountSid, QStringLiteral("+16175550177"));
    Store::PhoneNumber ofB;
    ofB.e164 = moved.phoneNumber;
    SB_VERIFY_OK(Store::PhoneNumberStore(*m_database).add(scopeB, ofB));
    synced = sync(scopeA);
    QVERIFY(!synced);
    QCOMPARE(synced.error().code, ErrorCode::AlreadyExists);
    QVERIFY2(synced.error().message.contains(u"another tenant"),
             qPrintable(synced.error().message));
    SB_VERIFY_OK(Store::PhoneNumberStore(*m_database).find(scopeB, moved.phoneNumber));
}

QTEST_GUILESS_MAIN(tst_TwilioOnboarding)
#include "tst_twilioonboarding.moc"
