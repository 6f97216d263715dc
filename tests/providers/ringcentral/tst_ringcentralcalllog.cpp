#include "../../fakes/fakeringcentral.h"
#include "../../support/awaitcallback.h"
#include "../../support/ringcentralline.h"
#include "../../support/testdatabase.h"

#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/providers/ringcentral/ringcentralaccount.h>
#include <core/providers/ringcentral/ringcentralauth.h>
#include <core/providers/ringcentral/ringcentralcalllog.h>
#include <core/recordings/mediafetcher.h>
#include <core/store/callstore.h>
#include <core/store/tenantstore.h>
#include <core/vault/datakeys.h>
#include <core/vault/sealer.h>

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;
using Providers::RingCentral::CallLogOutcome;

// Each staff member's RingCentral call log into their clinic's calls, against a loopback
// RingCentral, on both backends, each user signed in and syncing as themselves (on PostgreSQL
// through their own login, under row-level security): every page of the log, each call once;
// a sync cut off by RingCentral going down goes on from the page it stopped at, with no call
// twice; the next sync reads what is new (and an overlap) only. A call on a staff member's own
// line is theirs: a colleague's login does not see it (PostgreSQL), nor does another clinic's.
class tst_RingCentralCallLog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void eachUsersCallsOnceAndTheirOwn_data() { Test::TestDatabase::addBackendRows(); }
    void eachUsersCallsOnceAndTheirOwn();

private:
    struct Line
    {
        std::optional<Test::TestDatabase::Member> memberSlot;
        Test::TestDatabase::Member &member() { return *memberSlot; }
        const Test::TestDatabase::Member &member() const { return *memberSlot; }
        Test::RingCentralLine signedIn;
    };
    // The member signs in as that RingCentral extension through their own login.
    bool connect(Line &line, qint64 extension);
    Result<CallLogOutcome> sync(Line &line);
    QList<Store::CallRecord> callsSeenBy(const Line &line);

    Test::TestDatabase m_databases;
    std::shared_ptr<Vault::Sealer> m_sealer;
    std::unique_ptr<Net::HttpClient> m_http;
    std::unique_ptr<Fakes::FakeRingCentral> m_ringcentral;
};

void tst_RingCentralCallLog::initTestCase()
{
    m_sealer = std::make_shared<Vault::Sealer>(*Vault::DataKeys::generate());
    m_http = std::make_unique<Net::HttpClient>(Test::quickRetries());
}

bool tst_RingCentralCallLog::connect(Line &line, qint64 extension)
{
    auto signedIn = Test::signInRingCentral(*m_ringcentral, extension, line.member().database, line.member().scope,
                                            line.member().staff, m_sealer, *m_http);
    if (!signedIn) {
        qWarning() << "sign-in:" << signedIn.error().message;
        return false;
    }
    line.signedIn = std::move(*signedIn);
    return true;
}

Result<CallLogOutcome> tst_RingCentralCallLog::sync(Line &line)
{
    Providers::RingCentral::RingCentralCallLogSync sync(line.member().database, *line.signedIn.account, line.member().scope,
                                                        line.member().staff.id);
    auto outcome = Test::awaitCallback<Result<CallLogOutcome>>([&](auto done) { sync.run(done); }, 60000);
    if (!outcome)
        return Error{ErrorCode::Timeout, u"the sync did not end"_s};
    return *outcome;
}

QList<Store::CallRecord> tst_RingCentralCallLog::callsSeenBy(const Line &line)
{
    auto calls = Store::CallStore(*line.member().database).newest(line.member().scope, {}, 10000);
    return calls ? *calls : QList<Store::CallRecord>();
}

void tst_RingCentralCallLog::eachUsersCallsOnceAndTheirOwn()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::TenantStore(**admin).add(u"clinic-a"_s, {}));
    SB_VERIFY_OK(Store::TenantStore(**admin).add(u"clinic-b"_s, {}));
    m_ringcentral = std::make_unique<Fakes::FakeRingCentral>();
    m_ringcentral->setAutoGrant(true);
    m_ringcentral->addUser({1001, u"Pat Lee"_s, {u"+16505550100"_s}});
    m_ringcentral->addUser({1002, u"Sam Roe"_s, {u"+16505550200"_s}});
    m_ringcentral->addUser({1003, u"Robin Fox"_s, {u"+16505550300"_s}});
    SB_VERIFY_OK(Test::shareRingCentralApp(**admin, *m_sealer, *m_ringcentral));

    Line pat;
    Line sam;
    Line robin;
    for (auto &[line, name, tenant] : {std::tuple{&pat, u"pat"_s, u"clinic-a"_s}, std::tuple{&sam, u"sam"_s, u"clinic-a"_s},
                                       std::tuple{&robin, u"robin"_s, u"clinic-b"_s}}) {
        auto member = m_databases.member(*admin, name, tenant);
        SB_VERIFY_OK(member);
        line->memberSlot = *member;
    }
    QVERIFY(connect(pat, 1001));
    QVERIFY(connect(sam, 1002));
    QVERIFY(connect(robin, 1003));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_ringcentral->addCalls(1001, 250, now - 10 * 86'400'000LL);
    m_ringcentral->addCalls(1002, 40, now - 5 * 86'400'000LL);
    m_ringcentral->addCalls(1003, 30, now - 5 * 86'400'000LL);
    m_ringcentral->addCalls(1001, 3, now - 60 * 86'400'000LL); // older than the first sync reaches

    // RingCentral goes down after Pat's first page: that page is kept, and the sync says why.
    m_ringcentral->failCallLogAfter(1001, 1);
    auto cut = sync(pat);
    QVERIFY(!cut);
    QCOMPARE(cut.error().code, ErrorCode::ProviderUnavailable);
    QCOMPARE(callsSeenBy(pat).size(), 100);
    // Back up: the next sync goes on from the second page; every call once.
    m_ringcentral->failCallLogAfter(1001, -1);
    const int requestsBefore = m_ringcentral->callLogRequestsBy(1001);
    auto resumed = sync(pat);
    SB_VERIFY_OK(resumed);
    QVERIFY(resumed->resumed);
    QCOMPARE(resumed->read, 150); // pages 2 and 3 only
    QCOMPARE(resumed->added, 150);
    QCOMPARE(m_ringcentral->callLogRequestsBy(1001) - requestsBefore, 2);
    const QList<Store::CallRecord> patCalls = callsSeenBy(pat);
    QCOMPARE(patCalls.size(), 250);
    QSet<QString> ids;
    for (const Store::CallRecord &call : patCalls) {
        ids.insert(call.providerCallId);
        QCOMPARE(call.provider, u"ringcentral"_s);
        QCOMPARE(call.ownerStaff, pat.member().staff.id);
    }
    QCOMPARE(ids.size(), 250);
    // What the log said of each call: outcome, numbers, the recording to fetch with Pat's token.
    const auto logged = m_ringcentral->callsOf(1001);
    const auto byId = [&](const QString &id) {
        return *std::find_if(patCalls.cbegin(), patCalls.cend(), [&](const auto &call) { return call.providerCallId == id; });
    };
    const Store::CallRecord missed = byId(logged.at(4).id);
    QCOMPARE(missed.status, u"no-answer"_s);
    QVERIFY(!missed.durationSeconds); // RingCentral says 0: no length to show
    const Store::CallRecord recorded = byId(logged.at(0).id);
    QCOMPARE(recorded.status, u"completed"_s);
    QVERIFY(recorded.isInbound);
    QCOMPARE(recorded.counterpartE164, logged.at(0).from);
    QCOMPARE(recorded.durationSeconds, std::optional<int>(logged.at(0).durationSeconds));
    QVERIFY(recorded.recordingUrl.startsWith(m_ringcentral->baseUrl() + u"/restapi/v1.0/account/~/recording/"_s));
    QCOMPARE(recorded.startedAt, logged.at(0).startMs);

    // The recording plays from Pat's line: fetched with Pat's token, from RingCentral only.
    QTemporaryDir cacheDir;
    Recordings::MediaFetcher fetcher(pat.member().database, *m_http,
                                     Recordings::RecordingCache(cacheDir.path(), u"store"_s));
    QObject context;
    const auto fetch = [&](StaffId owner) {
        return Test::awaitCallback<Result<QString>>(
            [&](auto done) { fetcher.fetch(pat.member().scope, recorded.recordingUrl, &context, done, owner); }, 20000);
    };
    auto unopened = fetch(pat.member().staff.id);
    QVERIFY(unopened && !*unopened); // no line access yet: refused, said why, nothing sent
    QCOMPARE(m_ringcentral->recordingDownloads(), 0);
    fetcher.setLineAccess(pat.signedIn.tokens.get(), {QUrl(m_ringcentral->baseUrl())});
    auto played = fetch(pat.member().staff.id);
    QVERIFY(played);
    SB_VERIFY_OK(*played);
    QFile audio(**played);
    QVERIFY(audio.open(QIODevice::ReadOnly));
    QCOMPARE(audio.readAll(), Fakes::FakeRingCentral::recordingBytes(logged.at(0).id + u"-rec"_s));
    QCOMPARE(m_ringcentral->recordingDownloads(), 1);

    // The next sync reads what is new, and the overlap before it: nothing twice.
    m_ringcentral->addCalls(1001, 5, now - 60'000, 1'000);
    auto again = sync(pat);
    SB_VERIFY_OK(again);
    QVERIFY(!again->resumed);
    QCOMPARE(again->added, 5);
    // Read again: the two hours of the log before the newest call seen (121 calls) and the new.
    QCOMPARE(again->read, 121 + 5);
    QCOMPARE(callsSeenBy(pat).size(), 255);

    SB_VERIFY_OK(sync(sam));
    SB_VERIFY_OK(sync(robin));
    QCOMPARE(callsSeenBy(robin).size(), 30); // another clinic's calls, never
    auto all = Store::CallStore(**admin).newest(pat.member().scope, {}, 10000);
    SB_VERIFY_OK(all);
    QCOMPARE(all->size(), 295); // the clinic's log holds both lines
    if (backend == u"postgres") {
        // A colleague's line is theirs: Sam's login sees his 40, Pat's hers.
        QCOMPARE(callsSeenBy(sam).size(), 40);
        QCOMPARE(callsSeenBy(pat).size(), 255);
        auto peek = Store::CallStore(*sam.member().database).call(sam.member().scope, recorded.id);
        QVERIFY(!peek);
    }
}

QTEST_GUILESS_MAIN(tst_RingCentralCallLog)
#include "tst_ringcentralcalllog.moc"
