#include "../support/ctlrunner.h"
#include "ingestfixture.h"
#include "../fakes/fakeringcentral.h"
#include "../support/awaitcallback.h"
#include "../support/ringcentralline.h"

#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/providers/ringcentral/ringcentralauth.h>
#include <core/providers/ringcentral/ringcentralfollower.h>
#include <core/providers/ringcentral/ringcentralsubscription.h>
#include <core/store/messagestore.h>

#include <core/store/ringcentraluserstore.h>
#include <core/store/sqlquery.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealedsecretstore.h>
#include <core/vault/vaultadmin.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>

using namespace Sb;
using namespace Sb::Ingest;

// The voice flow (Twilio call forwarded to the VAPI assistant, completed by VAPI's report),
// VAPI's secret and metadata checks, and RingCentral's handshake, notifications and replay.
class tst_IngestVoice : public QObject, protected Test::IngestFixture
{
    Q_OBJECT

private slots:
    void init() { reset(); }
    void cleanup() { stop(); }
    void voiceFlowCompletesOneCallRecord_data() { Test::TestDatabase::addBackendRows(); }
    void voiceFlowCompletesOneCallRecord();
    void vapiRefusesWrongSecretAndForeignMetadata();
    void ringCentralHandshakeAndNotifications_data() { Test::TestDatabase::addBackendRows(); }
    void ringCentralHandshakeAndNotifications();
    void aStaffSubscriptionReachesServe_data() { Test::TestDatabase::addBackendRows(); }
    void aStaffSubscriptionReachesServe();
};

void tst_IngestVoice::voiceFlowCompletesOneCallRecord()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString callSid = QStringLiteral("CA") + QStringLiteral("1").repeated(32);
    const QList<QPair<QString, QString>> call{
        {QStringLiteral("AccountSid"), m_accountA},
        {QStringLiteral("CallSid"), callSid},
        {QStringLiteral("From"), m_caller},
        {QStringLiteral("To"), m_numberA},
        {QStringLiteral("Direction"), QStringLiteral("inbound")}};
    // 1. The clinic number rings: the caller is connected to clinic A's assistant, recorded.
    Reply reply = postTwilio(QStringLiteral("/twilio/voice"),
                             call
                                 + QList<QPair<QString, QString>>{
                                     {QStringLiteral("CallStatus"), QStringLiteral("ringing")}});
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.body.contains("<Dial callerId=\"+15550001111\""), reply.body.constData());
    QVERIFY2(reply.body.contains("<Number>+14155550199</Number>"), reply.body.constData());
    QVERIFY(reply.body.contains("record=\"record-from-answer-dual\""));
    const QString oneCall = QStringLiteral("SELECT COUNT(*) FROM calls WHERE tenant_id = :t");
    QCOMPARE(count(oneCall, {{QStringLiteral(":t"), m_tenantA}}), 1);

    // 2. Status callbacks, the final one first: the record never moves backwards.
    QCOMPARE(postTwilio(QStringLiteral("/twilio/call-status"),
                        call
                            + QList<QPair<QString, QString>>{{QStringLiteral("CallStatus"),
                                                              QStringLiteral("completed")},
                                                             {QStringLiteral("CallDuration"),
                                                              QStringLiteral("185")},
                                                             {QStringLiteral("SequenceNumber"),
                                                              QStringLiteral("3")}})
                 .status,
             200);
    QCOMPARE(postTwilio(QStringLiteral("/twilio/call-status"),
                        call
                            + QList<QPair<QString, QString>>{{QStringLiteral("CallStatus"),
                                                              QStringLiteral("in-progress")},
                                                             {QStringLiteral("SequenceNumber"),
                                                              QStringLiteral("1")}})
                 .status,
             200);
    // 3. The recording, once complete.
    QCOMPARE(postTwilio(
                 QStringLiteral("/twilio/recording-status"),
                 {{QStringLiteral("AccountSid"), m_accountA},
                  {QStringLiteral("CallSid"), callSid},
                  {QStringLiteral("RecordingSid"),
                   QStringLiteral("RE") + QStringLiteral("1").repeated(32)},
                  {QStringLiteral("RecordingStatus"), QStringLiteral("completed")},
                  {QStringLiteral("RecordingUrl"),
                   QStringLiteral("https://api.twilio.com/2010-04-01/Accounts/AC/Recordings/RE1")}})
                 .status,
             200);
    // One literal statement; a column is picked by its place in it.
    auto row = [&](const QString &column) {
        static const QStringList columns = {QStringLiteral("status"),
                                            QStringLiteral("duration_seconds"),
                                            QStringLiteral("recording_url"),
                                            QStringLiteral("vapi_call_id"),
                                            QStringLiteral("transcript_json"),
                                            QStringLiteral("summary"),
                                            QStringLiteral("ended_reason"),
                                            QStringLiteral("cost_micros")};
        Store::SqlQuery query(*m_admin->connection(),
                              QStringLiteral("SELECT status, duration_seconds, recording_url,"
                                             " vapi_call_id, transcript_json, summary,"
                                             " ended_reason, cost_micros FROM calls"
                                             " WHERE tenant_id = :t"));
        if (!query.bind(QStringLiteral(":t"), m_tenantA).exec() || !query.next())
            return QString();
        return query.value(int(columns.indexOf(column))).toString();
    };
    QCOMPARE(row(QStringLiteral("status")), QStringLiteral("completed"));
    QCOMPARE(row(QStringLiteral("duration_seconds")), QStringLiteral("185"));
    QVERIFY(row(QStringLiteral("recording_url")).endsWith(u"/RE1"));

    // 4. VAPI's end-of-call report completes the same record (twice: stored once).
    const QByteArray report =
        endOfCallReport(QStringLiteral("3f1c2a9e-0000-4000-8000-00000000c0de"), {});
    QCOMPARE(postVapi(report, m_vapiSecretA.toUtf8()).status, 200);
    QCOMPARE(postVapi(report, m_vapiSecretA.toUtf8()).status, 200);
    QCOMPARE(count(oneCall, {{QStringLiteral(":t"), m_tenantA}}), 1);
    QCOMPARE(row(QStringLiteral("vapi_call_id")),
             QStringLiteral("3f1c2a9e-0000-4000-8000-00000000c0de"));
    QCOMPARE(row(QStringLiteral("summary")), QStringLiteral("Booked a cleaning for Tuesday."));
    QCOMPARE(row(QStringLiteral("ended_reason")), QStringLiteral("customer-ended-call"));
    QCOMPARE(row(QStringLiteral("cost_micros")), QStringLiteral("123400"));
    QCOMPARE(row(QStringLiteral("recording_url")),
             QStringLiteral("https://storage.vapi.ai/mono.wav"));
    QVERIFY(row(QStringLiteral("transcript_json")).contains(u"secondsFromStart"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE provider = 'vapi'")),
             1);
    // Nothing of this reached clinic B.
    QCOMPARE(count(oneCall, {{QStringLiteral(":t"), m_tenantB}}), 0);
}

void tst_IngestVoice::vapiRefusesWrongSecretAndForeignMetadata()
{
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    const QByteArray report =
        endOfCallReport(QStringLiteral("aaaaaaaa-0000-4000-8000-000000000001"), {});
    QCOMPARE(postVapi(report, {}).status, 403);
    QCOMPARE(postVapi(report, "vapi-secret-of-b").status,
             403); // B's secret does not open A's calls
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
    // A payload claiming tenant B for a call routed to A is kept aside, not believed.
    const QByteArray claimsB = endOfCallReport(
        QStringLiteral("aaaaaaaa-0000-4000-8000-000000000002"), QString::number(m_tenantB));
    QCOMPARE(postVapi(claimsB, m_vapiSecretA.toUtf8()).status, 200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE reason LIKE '%metadata%'")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM calls")), 0);
    // The VAPI secret header is never kept with the event.
    QCOMPARE(count(QStringLiteral(
                 "SELECT COUNT(*) FROM quarantine WHERE headers_json LIKE '%vapi-server-secret%'")),
             0);
}

void tst_IngestVoice::ringCentralHandshakeAndNotifications()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/ringcentral").arg(m_port));
    // The subscription handshake: the token comes straight back, nothing is stored.
    QNetworkRequest handshake(url);
    handshake.setRawHeader("Validation-Token", "c2f1d7e8-handshake");
    QNetworkReply *reply = m_network.post(handshake, QByteArray());
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->rawHeader("Validation-Token"), QByteArray("c2f1d7e8-handshake"));
    reply->deleteLater();

    // Clinic A connected RingCentral account 406149828004 with its own verification token.
    Store::SqlQuery connect(
        *m_admin->connection(),
        QStringLiteral("INSERT INTO connections (tenant_id, kind, provider,"
                       " external_account_id, created_at, updated_at)"
                       " VALUES (:t, 'provider', 'ringcentral', '406149828004', 0, 0)"));
    SB_VERIFY_OK(connect.bind(QStringLiteral(":t"), m_tenantA).exec());
    auto scope = Tenancy::AdminSession(*m_admin).scope(QStringLiteral("clinic-a"));
    SB_VERIFY_OK(scope);
    auto sealer = Vault::VaultAdmin(*m_admin, Vault::KeySource::file(m_keyFile)).sealer();
    SB_VERIFY_OK(sealer);
    SB_VERIFY_OK(Vault::SealedSecretStore(*m_admin, *sealer)
                     .put(*scope,
                          QStringLiteral("ringcentral-webhook"),
                          QStringLiteral("verification-token"),
                          Secret::fromString(QStringLiteral("rc-verification-token-a"))));
    const auto notify = [&](const QByteArray &owner,
                            const QByteArray &token,
                            const QByteArray &uuid = "b11c9430-0001") {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        if (!token.isEmpty())
            request.setRawHeader("Verification-Token", token);
        const QByteArray body = R"({"uuid":")" + uuid
            + R"(","event":"/restapi/v1.0/account/~/extension/)" + owner
            + R"(/message-store","timestamp":"2014-04-29T14:29:27.408Z","subscriptionId":"9d38419f","ownerId":")"
            + owner + R"(","body":{"changes":[{"type":"SMS","newCount":1,"updatedCount":0}]}})";
        QNetworkReply *sent = m_network.post(request, body);
        QSignalSpy finished(sent, &QNetworkReply::finished);
        if (!sent->isFinished())
            finished.wait(20000);
        sent->deleteLater();
        return sent->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    };
    QCOMPARE(notify("406149828004", "rc-verification-token-a"), 200);
    QCOMPARE(notify("406149828004", "rc-verification-token-a"), 200); // redelivered
    QCOMPARE(notify("406149828004", "not-the-token"), 403);
    QCOMPARE(notify("406149828004", {}), 403);
    QCOMPARE(notify("999999999999", "rc-verification-token-a", "b11c9430-0002"),
             200); // unknown owner: quarantined
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE provider = "
                                  "'ringcentral' AND tenant_id = :t"),
                   {{QStringLiteral(":t"), m_tenantA}}),
             1);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE provider = 'ringcentral'")), 1);
    // Kept without the token, but with a proof of it that replay can check.
    QCOMPARE(count(QStringLiteral(
                 "SELECT COUNT(*) FROM quarantine WHERE headers_json LIKE '%rc-verification%'")),
             0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE headers_json"
                                  " LIKE '%x-switchboard-secret-proof%'")),
             1);

    // Another unknown owner, with a token that is not clinic A's; then the administrator
    // connects both accounts to clinic A and replays: only the genuine one is placed.
    QCOMPARE(notify("888888888888", "forged-token", "b11c9430-0003"), 200);
    for (const char *owner : {"999999999999", "888888888888"}) {
        Store::SqlQuery more(
            *m_admin->connection(),
            QStringLiteral("INSERT INTO connections (tenant_id, kind, provider,"
                           " external_account_id, created_at, updated_at)"
                           " VALUES (:t, 'provider', 'ringcentral', :owner, 0, 0)"));
        SB_VERIFY_OK(more.bind(QStringLiteral(":t"), m_tenantA)
                         .bind(QStringLiteral(":owner"), QString::fromLatin1(owner))
                         .exec());
    }
    const auto run = Test::runCtl({QStringLiteral("events"),
                                   QStringLiteral("replay"),
                                   QStringLiteral("--json"),
                                   QStringLiteral("--db"),
                                   m_databases.lastUrl(),
                                   QStringLiteral("--key-file"),
                                   m_keyFile});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray outcomes = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(outcomes.at(0)[u"placed"].toBool(), true);
    QCOMPARE(outcomes.at(0)[u"tenant"].toInteger(), m_tenantA);
    QCOMPARE(outcomes.at(1)[u"placed"].toBool(), false);
    QVERIFY2(outcomes.at(1)[u"detail"].toString().contains(u"wrong RingCentral verification"),
             qPrintable(outcomes.at(1)[u"detail"].toString()));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE provider = "
                                  "'ringcentral' AND tenant_id = :t"),
                   {{QStringLiteral(":t"), m_tenantA}}),
             2);

    // A staff member of clinic B connected their own RingCentral user (extension 555000111):
    // their notifications route to clinic B by that extension, checked with B's token.
    auto clinicB = Store::TenantStore(*m_admin).find(QStringLiteral("clinic-b"));
    SB_VERIFY_OK(clinicB);
    auto member = Store::StaffStore(*m_admin).addToTenant(QStringLiteral("robin"), *clinicB, Store::Role::Staff);
    SB_VERIFY_OK(member);
    auto scopeB = Tenancy::AdminSession(*m_admin).scope(QStringLiteral("clinic-b"));
    SB_VERIFY_OK(scopeB);
    Store::RingCentralUser robin;
    robin.staff = member->id;
    robin.accountId = QStringLiteral("37439510");
    robin.extensionId = QStringLiteral("555000111");
    SB_VERIFY_OK(Store::RingCentralUserStore(*m_admin).connect(*scopeB, robin));
    SB_VERIFY_OK(Vault::SealedSecretStore(*m_admin, *sealer)
                     .put(*scopeB,
                          QStringLiteral("ringcentral-webhook"),
                          QStringLiteral("verification-token"),
                          Secret::fromString(QStringLiteral("rc-verification-token-b"))));
    QCOMPARE(notify("555000111", "rc-verification-token-a", "b11c9430-0004"), 403); // A's token
    QCOMPARE(notify("555000111", "rc-verification-token-b", "b11c9430-0005"), 200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE provider = "
                                  "'ringcentral' AND tenant_id = :t"),
                   {{QStringLiteral(":t"), m_tenantB}}),
             1);
}

// A staff member's RingCentral subscription, kept by RingCentralSubscriptionKeeper against the
// fake RingCentral, with serve answering RingCentral's handshake on /ringcentral for real: made
// with the clinic's verification token (made and sealed the first time); a notification for
// their extension then reaches serve and is stored for their clinic; kept while far from
// expiry, renewed when near, made again when RingCentral dropped it; an address that does not
// answer the handshake fails with why.
void tst_IngestVoice::aStaffSubscriptionReachesServe()
{
    using Providers::RingCentral::SubscriptionStep;
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    Fakes::FakeRingCentral ringcentral;
    ringcentral.setAutoGrant(true);
    ringcentral.addUser({555000222, QStringLiteral("Robin Fox"), {QStringLiteral("+16505550300")}});
    ringcentral.routeDeliveries(m_publicUrl, QStringLiteral("http://127.0.0.1:%1").arg(m_port));
    auto sealed = Vault::VaultAdmin(*m_admin, Vault::KeySource::file(m_keyFile)).sealer();
    SB_VERIFY_OK(sealed);
    auto sealer = std::make_shared<const Vault::Sealer>(*sealed);
    SB_VERIFY_OK(Test::shareRingCentralApp(*m_admin, *sealer, ringcentral));
    auto clinicA = Store::TenantStore(*m_admin).find(QStringLiteral("clinic-a"));
    SB_VERIFY_OK(clinicA);
    auto robin = Store::StaffStore(*m_admin).addToTenant(QStringLiteral("robin"), *clinicA, Store::Role::Staff);
    SB_VERIFY_OK(robin);
    auto scope = Tenancy::AdminSession(*m_admin).scope(QStringLiteral("clinic-a"));
    SB_VERIFY_OK(scope);
    Net::HttpClient http;
    auto line = Test::signInRingCentral(ringcentral, 555000222, m_admin, *scope, *robin, sealer, http);
    SB_VERIFY_OK(line);
    Providers::RingCentral::RingCentralAccount &account = *line->account;
    const QUrl base(ringcentral.baseUrl());
    Providers::RingCentral::RingCentralSubscriptionKeeper keeper(m_admin, sealer, account, *scope, robin->id);
    const auto keep = [&] {
        auto step = Test::awaitCallback<Result<SubscriptionStep>>([&](auto done) { keeper.keep(QUrl(m_publicUrl), done); },
                                                                   20000);
        return step ? *step : Result<SubscriptionStep>(Error{ErrorCode::Timeout, QStringLiteral("did not end")});
    };

    auto made = keep();
    SB_VERIFY_OK(made);
    QCOMPARE(*made, SubscriptionStep::Created);
    QCOMPARE(ringcentral.subscriptions().size(), 1);
    const auto subscription = ringcentral.subscriptions().constFirst();
    QCOMPARE(subscription.address, m_publicUrl + QStringLiteral("/ringcentral"));
    QVERIFY(subscription.verificationToken.size() >= 40); // 32 random bytes
    auto sealedToken = Vault::SealedSecretStore(*m_admin, *sealer)
                           .get(*scope, QStringLiteral("ringcentral-webhook"), QStringLiteral("verification-token"));
    SB_VERIFY_OK(sealedToken);
    QCOMPARE(sealedToken->revealString(), subscription.verificationToken);

    // A text for Robin: RingCentral notifies serve, which stores the notification for clinic A
    // and then fetches the text it announces, as Robin (serve's own tokens and login).
    OAuth::AccessTokens serveTokens(m_serverDatabase, sealer, http, Providers::RingCentral::refreshTargets(sealer, base));
    Providers::RingCentral::RingCentralFollower follower(m_serverDatabase, sealer, http, serveTokens, base, QUrl(m_publicUrl));
    m_server->followStored(QStringLiteral("ringcentral"), [&](const Store::TenantScope &tenant, const Ingest::IngestEvent &event) {
        follower.notified(tenant, event.rawBody);
    });
    QSignalSpy broughtIn(&follower, &Providers::RingCentral::RingCentralFollower::textsBroughtIn);
    ringcentral.receiveText(555000222, QStringLiteral("+16175550123"), QStringLiteral("Running ten minutes late"));
    QTRY_COMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE provider = 'ringcentral'"
                                      " AND tenant_id = :t"),
                       {{QStringLiteral(":t"), m_tenantA}}),
                 1);
    QTRY_COMPARE_WITH_TIMEOUT(broughtIn.size(), 1, 10000);
    QCOMPARE(broughtIn.first().at(0).value<TenantId>(), TenantId(m_tenantA));
    QCOMPARE(broughtIn.first().at(1).value<StaffId>(), robin->id);
    auto robinsThread = Store::MessageStore(*m_admin).thread(*scope, {QStringLiteral("sms"), QStringLiteral("+16175550123"), robin->id}, 10);
    SB_VERIFY_OK(robinsThread);
    QCOMPARE(robinsThread->size(), 1);
    QCOMPARE(robinsThread->first().body, QStringLiteral("Running ten minutes late"));
    QVERIFY(robinsThread->first().isInbound);
    QCOMPARE(robinsThread->first().provider, QStringLiteral("ringcentral"));
    // The same notification again (RingCentral retrying): stored once, nothing fetched again.
    QCOMPARE(ringcentral.notifySms(555000222, QStringLiteral("sms-") + ringcentral.textsOf(555000222).first().id), 200);
    QTest::qWait(300);
    QCOMPARE(broughtIn.size(), 1);
    // The hourly round keeps the subscription (far from its end) and catches up.
    QSignalSpy keptByServe(&follower, &Providers::RingCentral::RingCentralFollower::subscriptionKept);
    follower.keepAll();
    QTRY_COMPARE_WITH_TIMEOUT(keptByServe.size(), 1, 10000);
    QCOMPARE(keptByServe.first().at(2).toString(), QStringLiteral("kept"));

    // Far from expiry: kept. Near: renewed. Dropped by RingCentral: made again.
    auto kept = keep();
    SB_VERIFY_OK(kept);
    QCOMPARE(*kept, SubscriptionStep::Kept);
    Store::RingCentralUserStore users(*m_admin);
    SB_VERIFY_OK(users.saveSubscription(*scope, robin->id, subscription.id, QDateTime::currentMSecsSinceEpoch() + 3'600'000));
    auto renewed = keep();
    SB_VERIFY_OK(renewed);
    QCOMPARE(*renewed, SubscriptionStep::Renewed);
    QCOMPARE(ringcentral.subscriptions().constFirst().renewals, 1);
    ringcentral.dropSubscriptions();
    SB_VERIFY_OK(users.saveSubscription(*scope, robin->id, subscription.id, QDateTime::currentMSecsSinceEpoch() + 3'600'000));
    auto again = keep();
    SB_VERIFY_OK(again);
    QCOMPARE(*again, SubscriptionStep::Recreated);
    QCOMPARE(ringcentral.subscriptions().size(), 1);
    QVERIFY(ringcentral.subscriptions().constFirst().id != subscription.id);
    QCOMPARE(ringcentral.notifySms(555000222, QStringLiteral("c0ffee00-0002")), 200);

    // serve not reachable at the public URL: RingCentral refuses, and it is said.
    ringcentral.routeDeliveries(m_publicUrl, QStringLiteral("http://127.0.0.1:1"));
    SB_VERIFY_OK(users.saveSubscription(*scope, robin->id, {}, 0));
    auto refused = keep();
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("SUB-525")), qPrintable(refused.error().message));
}

QTEST_GUILESS_MAIN(tst_IngestVoice)
#include "tst_ingestvoice.moc"
