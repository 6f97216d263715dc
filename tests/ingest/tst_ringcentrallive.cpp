#include "ingestfixture.h"
#include "../fakes/fakeringcentral.h"
#include "../support/awaitcallback.h"
#include "../support/ringcentralline.h"

#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/providers/ringcentral/ringcentralauth.h>
#include <core/providers/ringcentral/ringcentralfollower.h>
#include <core/providers/ringcentral/ringcentralsubscription.h>
#include <core/store/callstore.h>
#include <core/store/changefeed.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/vaultadmin.h>

#include <QSignalSpy>

using namespace Sb;

// A staff member's RingCentral calls as they happen: serve subscribes a member who just
// connected; RingCentral's telephony session notifications reach serve (real HTTP, the member's
// subscription with the clinic's verification token), and the call is in the clinic's calls at once (ringing, talking, ended),
// heard by another process's change feed; once it is over the member's call log completes the
// same row (its id, length, recording), and a late notification changes nothing.
class tst_RingCentralLive : public QObject, protected Test::IngestFixture
{
    Q_OBJECT

private slots:
    void init() { reset(); }
    void cleanup() { stop(); }
    void aCallShowsWhileItRingsAndTheLogCompletesIt_data() { Test::TestDatabase::addBackendRows(); }
    void aCallShowsWhileItRingsAndTheLogCompletesIt();
};

namespace {
constexpr qint64 kRobin = 555000222;
const QString kCaller = QStringLiteral("+16175550123");
} // namespace

void tst_RingCentralLive::aCallShowsWhileItRingsAndTheLogCompletesIt()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    Fakes::FakeRingCentral ringcentral;
    ringcentral.setAutoGrant(true);
    ringcentral.addUser({kRobin, QStringLiteral("Robin Fox"), {QStringLiteral("+16505550300")}});
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

    // serve, running before Robin connects: the follower of stored notifications, with its own
    // tokens and login.
    Net::HttpClient http;
    const QUrl base(ringcentral.baseUrl());
    OAuth::AccessTokens serveTokens(m_serverDatabase, sealer, http, Providers::RingCentral::refreshTargets(sealer, base));
    Providers::RingCentral::RingCentralFollower follower(m_serverDatabase, sealer, http, serveTokens, base, QUrl(m_publicUrl));
    follower.setCallLogDelay(std::chrono::milliseconds(300));
    m_server->followStored(QStringLiteral("ringcentral"), [&](const Store::TenantScope &tenant, const Ingest::IngestEvent &event) {
        follower.notified(tenant, event.rawBody);
    });
    QSignalSpy kept(&follower, &Providers::RingCentral::RingCentralFollower::subscriptionKept);
    QSignalSpy seen(&follower, &Providers::RingCentral::RingCentralFollower::callSeen);
    QSignalSpy logged(&follower, &Providers::RingCentral::RingCentralFollower::callsBroughtIn);
    QSignalSpy failed(&follower, &Providers::RingCentral::RingCentralFollower::failed);
    follower.start(std::chrono::hours(1), std::chrono::milliseconds(200));

    // Robin connects (in the console): serve subscribes the new line soon after, not at its
    // next hourly round, with the clinic's verification token made at sign-in, and catches up.
    auto line = Test::signInRingCentral(ringcentral, kRobin, m_admin, *scope, *robin, sealer, http);
    SB_VERIFY_OK(line);
    QTRY_COMPARE_WITH_TIMEOUT(kept.size(), 1, 20000);
    QCOMPARE(kept.first().at(2).toString(), QStringLiteral("created"));
    QTRY_COMPARE_WITH_TIMEOUT(logged.size(), 1, 10000); // the catch-up: an empty log
    QCOMPARE(logged.first().at(2).toInt(), 0);
    QTest::qWait(500);
    QCOMPARE(kept.size(), 1); // subscribed once: the next looks leave it be

    // The console hears of the call through its change feed (on PostgreSQL serve is another
    // login, so it is heard as another process's change).
    Store::ChangeFeed feed(m_admin);
    QSignalSpy watching(&feed, &Store::ChangeFeed::watching);
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(watching.size(), 1, 10000);
    QObject owner;
    QSignalSpy heard(feed.subscribe(TenantId(m_tenantA), Store::ChangeKind::Calls, &owner),
                     &Store::ChangeSubscription::changed);

    Store::CallStore calls(*m_admin);
    const auto callsNow = [&] {
        auto listed = calls.newest(*scope, {}, 10);
        return listed ? *listed : QList<Store::CallRecord>();
    };

    // It rings: in the clinic's calls at once, on Robin's line, before anyone answers.
    int status = 0;
    const QString session = ringcentral.ringLine(kRobin, kCaller, &status);
    QCOMPARE(status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, 10000);
    QList<Store::CallRecord> listed = callsNow();
    QCOMPARE(listed.size(), 1);
    const Store::CallRecord ringing = listed.first();
    QCOMPARE(ringing.status, QStringLiteral("ringing"));
    QCOMPARE(ringing.provider, QStringLiteral("ringcentral"));
    QCOMPARE(ringing.ownerStaff, robin->id);
    QVERIFY(ringing.isInbound);
    QCOMPARE(ringing.counterpartE164, kCaller);
    QCOMPARE(ringing.toE164, QStringLiteral("+16505550300"));
    QCOMPARE(ringing.sessionId, session);
    QVERIFY(ringing.endedAt == 0);
    QTRY_VERIFY_WITH_TIMEOUT(!heard.isEmpty(), 5000);

    // Answered, then over: the same row moves on; the log, a little later, completes it.
    QCOMPARE(ringcentral.answerLine(session), 200);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 2, 10000);
    QCOMPARE(callsNow().first().status, QStringLiteral("in-progress"));
    QTest::qWait(1100); // a length of a second at least
    QCOMPARE(ringcentral.hangUpLine(session), 200);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 3, 10000);
    listed = callsNow();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().status, QStringLiteral("completed"));
    QVERIFY(listed.first().endedAt >= listed.first().startedAt);
    QTRY_COMPARE_WITH_TIMEOUT(logged.size(), 2, 10000);
    QCOMPARE(logged.last().at(2).toInt(), 0); // nothing new: the live row was completed
    listed = callsNow();
    QCOMPARE(listed.size(), 1);
    const Store::CallRecord done = listed.first();
    QCOMPARE(done.id, ringing.id);
    QCOMPARE(done.providerCallId, QStringLiteral("RCL-") + session);
    QCOMPARE(done.status, QStringLiteral("completed"));
    QVERIFY(done.durationSeconds && *done.durationSeconds >= 1);
    QVERIFY(done.recordingUrl.startsWith(ringcentral.baseUrl()));

    // A notification that comes late (RingCentral retries out of order) changes nothing.
    QCOMPARE(ringcentral.renotify(session, QStringLiteral("Proceeding")), 200);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 4, 10000);
    listed = callsNow();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().status, QStringLiteral("completed"));
    QCOMPARE(listed.first().providerCallId, done.providerCallId);

    // Nobody answers: it ends missed, and stays one call when the log brings it.
    const QString missed = ringcentral.ringLine(kRobin, QStringLiteral("+16175550188"));
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 5, 10000);
    QCOMPARE(ringcentral.hangUpLine(missed), 200);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 6, 10000);
    QCOMPARE(callsNow().first().status, QStringLiteral("no-answer"));
    QTRY_COMPARE_WITH_TIMEOUT(logged.size(), 3, 10000);
    listed = callsNow();
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed.first().status, QStringLiteral("no-answer"));
    QCOMPARE(listed.first().providerCallId, QStringLiteral("RCL-") + missed);
    QVERIFY(failed.isEmpty());

    // The other clinic has no call.
    auto clinicB = Tenancy::AdminSession(*m_admin).scope(QStringLiteral("clinic-b"));
    SB_VERIFY_OK(clinicB);
    auto theirs = calls.newest(*clinicB, {}, 10);
    SB_VERIFY_OK(theirs);
    QVERIFY(theirs->isEmpty());
}

QTEST_GUILESS_MAIN(tst_RingCentralLive)
#include "tst_ringcentrallive.moc"
