#include "../../fakes/fakeringcentral.h"
#include "../../support/awaitcallback.h"
#include "../../support/ringcentralline.h"
#include "../../support/testdatabase.h"

#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/providers/ringcentral/ringcentralauth.h>
#include <core/providers/ringcentral/ringcentralmessenger.h>
#include <core/store/messagestore.h>
#include <core/store/ringcentraluserstore.h>
#include <core/store/tenantstore.h>
#include <core/vault/datakeys.h>
#include <core/vault/sealer.h>

#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;
using Texts = QList<Store::MessageRecord>;

// Each staff member's texts on their own RingCentral line, against a loopback RingCentral, on
// both backends, each signed in and texting as themselves (on PostgreSQL through their own
// login, under row-level security): a text sent from their chosen number is in their line's
// conversation at once (queued) and its delivery follows; a text to their number is brought in
// by the message sync, once however often it runs; a number that cannot text is refused with
// RingCentral's reason and nothing is recorded; a sync token RingCentral let go of starts a full
// sync again, with no text twice. A line's conversation is apart from the clinic's with the
// same person, and a colleague's login does not see it (PostgreSQL), nor does another clinic.
class tst_RingCentralTexts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void eachUsersTextsAreTheirOwn_data() { Test::TestDatabase::addBackendRows(); }
    void eachUsersTextsAreTheirOwn();

private:
    struct Line
    {
        std::optional<Test::TestDatabase::Member> memberSlot;
        Test::TestDatabase::Member &member() { return *memberSlot; }
        Test::RingCentralLine signedIn;
        std::unique_ptr<Providers::RingCentral::RingCentralMessenger> messenger;
    };
    bool connect(Line &line, qint64 extension, const QString &smsFrom);
    static Result<Texts> bringIn(Line &line);
    static QList<Store::MessageThread> threadsSeenBy(Line &line);
    static Texts thread(Line &line, StaffId owner);

    Test::TestDatabase m_databases;
    std::shared_ptr<Vault::Sealer> m_sealer;
    std::unique_ptr<Net::HttpClient> m_http;
    std::unique_ptr<Fakes::FakeRingCentral> m_ringcentral;
    const QString m_patient = u"+16175550123"_s;
};

void tst_RingCentralTexts::initTestCase()
{
    m_sealer = std::make_shared<Vault::Sealer>(*Vault::DataKeys::generate());
    m_http = std::make_unique<Net::HttpClient>(Test::quickRetries());
}

bool tst_RingCentralTexts::connect(Line &line, qint64 extension, const QString &smsFrom)
{
    auto signedIn = Test::signInRingCentral(*m_ringcentral, extension, line.member().database, line.member().scope,
                                            line.member().staff, m_sealer, *m_http);
    if (!signedIn) {
        qWarning() << "sign-in:" << signedIn.error().message;
        return false;
    }
    line.signedIn = std::move(*signedIn);
    if (auto chosen = Store::RingCentralUserStore(*line.member().database)
                          .chooseNumbers(line.member().scope, line.member().staff.id, smsFrom, smsFrom);
        !chosen) {
        qWarning() << "numbers:" << chosen.error().message;
        return false;
    }
    line.messenger = std::make_unique<Providers::RingCentral::RingCentralMessenger>(
        line.member().database, *m_http, *line.signedIn.tokens, line.member().scope, line.member().staff.id,
        QUrl(m_ringcentral->baseUrl()));
    line.messenger->setFollowSteps({std::chrono::milliseconds(100), std::chrono::milliseconds(200),
                                    std::chrono::milliseconds(400), std::chrono::milliseconds(800)});
    return true;
}

Result<Texts> tst_RingCentralTexts::bringIn(Line &line)
{
    auto texts = Test::awaitCallback<Result<Texts>>([&](auto done) { line.messenger->bringIn(done); }, 20000);
    if (!texts)
        return Error{ErrorCode::Timeout, u"the sync did not end"_s};
    return *texts;
}

QList<Store::MessageThread> tst_RingCentralTexts::threadsSeenBy(Line &line)
{
    auto threads = Store::MessageStore(*line.member().database).threads(line.member().scope, line.member().staff.id, 100);
    if (!threads)
        qWarning() << threads.error().message;
    return threads ? *threads : QList<Store::MessageThread>();
}

Texts tst_RingCentralTexts::thread(Line &line, StaffId owner)
{
    auto texts = Store::MessageStore(*line.member().database).thread(line.member().scope, {u"sms"_s, u"+16175550123"_s, owner}, 100);
    if (!texts)
        qWarning() << texts.error().message;
    return texts ? *texts : Texts();
}

void tst_RingCentralTexts::eachUsersTextsAreTheirOwn()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::TenantStore(**admin).add(u"clinic-a"_s, {}));
    SB_VERIFY_OK(Store::TenantStore(**admin).add(u"clinic-b"_s, {}));
    m_ringcentral = std::make_unique<Fakes::FakeRingCentral>();
    m_ringcentral->setAutoGrant(true);
    m_ringcentral->addUser({1001, u"Pat Lee"_s, {u"+16505550100"_s, u"+16505550101"_s}});
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
    QVERIFY(connect(pat, 1001, u"+16505550100"_s));
    QVERIFY(connect(sam, 1002, u"+16505550200"_s));
    QVERIFY(connect(robin, 1003, u"+16505550300"_s));
    const StaffId patId = pat.member().staff.id;
    const StaffId samId = sam.member().staff.id;

    // The clinic's own number texted the same person: that conversation is everyone's.
    Store::MessageRecord clinicText;
    clinicText.counterpartE164 = m_patient;
    clinicText.ourE164 = u"+14155550100"_s;
    clinicText.body = u"Reminder: your visit is tomorrow at 9"_s;
    clinicText.status = u"delivered"_s;
    clinicText.providerMessageId = u"SM0001"_s;
    SB_VERIFY_OK(Store::MessageStore(*pat.member().database).recordOutbound(pat.member().scope, clinicText));

    // Pat texts from their own number: in their line's conversation at once, then delivered.
    auto sent = Test::awaitCallback<Result<Store::MessageRecord>>(
        [&](auto done) { pat.messenger->send(m_patient, u"Your results are in, all normal"_s, done); }, 20000);
    QVERIFY(sent);
    SB_VERIFY_OK(*sent);
    QCOMPARE((*sent)->status, u"queued"_s);
    QCOMPARE((*sent)->lineOwner, patId);
    QCOMPARE((*sent)->ourE164, u"+16505550100"_s);
    QCOMPARE(thread(pat, patId).size(), 1);
    m_ringcentral->moveTexts(1001, u"Delivered"_s);
    QTRY_COMPARE_WITH_TIMEOUT(thread(pat, patId).value(0).status, u"delivered"_s, 10000);
    QCOMPARE(thread(pat, StaffId()).size(), 1); // the clinic's conversation, untouched
    QCOMPARE(thread(pat, StaffId()).first().body, clinicText.body);

    // Sam gets a text on their line; Robin (another clinic) on theirs.
    m_ringcentral->receiveText(1002, m_patient, u"Can I move my appointment?"_s);
    m_ringcentral->receiveText(1003, m_patient, u"Hello from clinic B's patient"_s);
    auto samsTexts = bringIn(sam);
    SB_VERIFY_OK(samsTexts);
    QCOMPARE(samsTexts->size(), 1);
    SB_VERIFY_OK(bringIn(robin));
    const Texts samsThread = thread(sam, samId);
    QCOMPARE(samsThread.size(), 1);
    QVERIFY(samsThread.first().isInbound);
    QCOMPARE(samsThread.first().status, u"received"_s);
    QCOMPARE(samsThread.first().body, u"Can I move my appointment?"_s);

    // Again and again: each text once.
    auto again = bringIn(sam);
    SB_VERIFY_OK(again);
    QCOMPARE(again->size(), 0);
    QCOMPARE(m_ringcentral->syncRequests(u"FSync"_s), 3); // one full sync per line, then incremental
    m_ringcentral->forgetSyncTokens();
    auto afresh = bringIn(sam);
    SB_VERIFY_OK(afresh);
    QCOMPARE(m_ringcentral->syncRequests(u"FSync"_s), 4);
    QCOMPARE(thread(sam, samId).size(), 1);

    // Who sees what: one conversation per line; a colleague's line only on SQLite (no logins).
    const auto patsThreads = threadsSeenBy(pat);
    const auto samsThreads = threadsSeenBy(sam);
    const bool hasLogins = backend == u"postgres";
    QCOMPARE(patsThreads.size(), hasLogins ? 2 : 3);
    QCOMPARE(samsThreads.size(), hasLogins ? 2 : 3);
    for (const auto &shown : patsThreads) {
        if (hasLogins)
            QVERIFY(shown.last.lineOwner != samId);
        QCOMPARE(shown.last.counterpartE164, m_patient);
    }
    if (hasLogins) {
        QVERIFY(thread(pat, samId).isEmpty());
        QVERIFY(thread(sam, patId).isEmpty());
    }
    const auto robinsThreads = threadsSeenBy(robin);
    QCOMPARE(robinsThreads.size(), 1);
    QCOMPARE(robinsThreads.first().last.body, u"Hello from clinic B's patient"_s);
    // Unread is per line: Sam has one on theirs; reading it leaves the clinic's as it was.
    for (const auto &shown : samsThreads) {
        if (shown.last.lineOwner == samId)
            QCOMPARE(shown.unreadCount, 1);
    }
    SB_VERIFY_OK(Store::MessageStore(*sam.member().database)
                     .markRead(sam.member().scope, samId, {u"sms"_s, m_patient, samId}, samsThread.first().sentAt));
    for (const auto &shown : threadsSeenBy(sam))
        QCOMPARE(shown.unreadCount, 0);

    // A number that cannot text: RingCentral's reason, nothing recorded, the next send works.
    SB_VERIFY_OK(Store::RingCentralUserStore(*pat.member().database)
                     .chooseNumbers(pat.member().scope, patId, u"+16505550101"_s, u"+16505550101"_s));
    auto refused = Test::awaitCallback<Result<Store::MessageRecord>>(
        [&](auto done) { pat.messenger->send(m_patient, u"From the wrong number"_s, done); }, 20000);
    QVERIFY(refused);
    QVERIFY(!*refused);
    QVERIFY2(refused->error().message.contains(u"MSG-304"_s), qPrintable(refused->error().message));
    QCOMPARE(thread(pat, patId).size(), 1);
}

QTEST_GUILESS_MAIN(tst_RingCentralTexts)
#include "tst_ringcentraltexts.moc"
