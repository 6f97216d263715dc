#include "../../fakes/fakeringcentral.h"
#include "../../support/awaitcallback.h"
#include "../../support/ringcentralline.h"
#include "../../support/testdatabase.h"

#include <core/net/httpclient.h>
#include <core/providers/ringcentral/ringcentralaccount.h>
#include <core/providers/ringcentral/ringcentralringout.h>
#include <core/store/ringcentraluserstore.h>
#include <core/store/tenantstore.h>
#include <core/vault/datakeys.h>
#include <core/vault/sealer.h>

#include <QSignalSpy>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;
using Providers::RingCentral::RingCentralRingOut;
using Providers::RingCentral::RingOutStatus;

// "Call from my desk phone" against a loopback RingCentral: refused until the staff member has
// chosen the number their calls show (it is the phone RingCentral rings first, and what the
// other person sees); then RingCentral is asked to ring them and the patient, and the status is
// followed to its end (connected, busy), in words a person reads; a call can be cancelled.
class tst_RingCentralRingOut : public QObject
{
    Q_OBJECT

private slots:
    void callFromMyDeskPhone();
};

void tst_RingCentralRingOut::callFromMyDeskPhone()
{
    Test::TestDatabase databases;
    auto admin = databases.createMigrated(u"sqlite"_s);
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::TenantStore(**admin).add(u"clinic-a"_s, {}));
    auto pat = databases.member(*admin, u"pat"_s, u"clinic-a"_s);
    SB_VERIFY_OK(pat);
    auto sealer = std::make_shared<Vault::Sealer>(*Vault::DataKeys::generate());
    Net::HttpClient http;
    Fakes::FakeRingCentral ringcentral;
    ringcentral.setAutoGrant(true);
    ringcentral.addUser({1001, u"Pat Lee"_s, {u"+16505550100"_s, u"+16505550101"_s}});
    SB_VERIFY_OK(Test::shareRingCentralApp(**admin, *sealer, ringcentral));
    auto line = Test::signInRingCentral(ringcentral, 1001, pat->database, pat->scope, pat->staff, sealer, http);
    SB_VERIFY_OK(line);
    Providers::RingCentral::RingCentralAccount &account = *line->account;
    const auto call = [&](RingCentralRingOut &ringOut, const QString &to) {
        return Test::awaitCallback<Result<RingOutStatus>>([&](auto done) { ringOut.place(to, done); }, 20000);
    };

    // No number chosen yet: said what to do, nothing asked of RingCentral.
    RingCentralRingOut first(pat->database, account, pat->scope, pat->staff.id);
    auto refused = call(first, u"+16175550123"_s);
    QVERIFY(refused && !*refused);
    QVERIFY2(refused->error().message.contains(u"Choose the number your calls show"_s), qPrintable(refused->error().message));
    QVERIFY(ringcentral.ringOuts().isEmpty());

    SB_VERIFY_OK(Store::RingCentralUserStore(*pat->database).chooseNumbers(pat->scope, pat->staff.id, u"+16505550100"_s,
                                                                            u"+16505550101"_s));
    RingCentralRingOut ringOut(pat->database, account, pat->scope, pat->staff.id);
    ringOut.setPollInterval(std::chrono::milliseconds(50));
    QStringList seen;
    connect(&ringOut, &RingCentralRingOut::changed, this,
            [&](const RingOutStatus &status) { seen.append(RingCentralRingOut::describe(status)); });
    auto connected = call(ringOut, u"+16175550123"_s);
    QVERIFY(connected);
    SB_VERIFY_OK(*connected);
    QVERIFY((*connected)->connected());
    QCOMPARE(seen, (QStringList{u"Ringing your phone…"_s, u"Connected"_s}));
    QCOMPARE(ringcentral.ringOuts().size(), 1);
    const auto placed = ringcentral.ringOuts().constFirst();
    QCOMPARE(placed.from, u"+16505550101"_s); // the phone that rings them: the number their calls show
    QCOMPARE(placed.callerId, u"+16505550101"_s);
    QCOMPARE(placed.to, u"+16175550123"_s);

    ringcentral.setRingOutOutcome(u"Busy"_s);
    RingCentralRingOut busy(pat->database, account, pat->scope, pat->staff.id);
    busy.setPollInterval(std::chrono::milliseconds(50));
    auto engaged = call(busy, u"+16175550124"_s);
    SB_VERIFY_OK(*engaged);
    QCOMPARE(RingCentralRingOut::describe(**engaged), u"Busy"_s);

    // Cancelled while it rings.
    RingCentralRingOut cancelled(pat->database, account, pat->scope, pat->staff.id);
    cancelled.setPollInterval(std::chrono::seconds(30));
    std::optional<Result<RingOutStatus>> ended;
    QSignalSpy changed(&cancelled, &RingCentralRingOut::changed);
    cancelled.place(u"+16175550125"_s, [&](Result<RingOutStatus> status) { ended = status; });
    QTRY_VERIFY(!changed.isEmpty());
    cancelled.cancel();
    QTRY_VERIFY(ended.has_value());
    SB_VERIFY_OK(*ended);
    QCOMPARE(RingCentralRingOut::describe(**ended), u"Cancelled"_s);
    QVERIFY(ringcentral.ringOuts().last().isCancelled);
}

QTEST_GUILESS_MAIN(tst_RingCentralRingOut)
#include "tst_ringcentralringout.moc"
