#include "../fakes/faketwilio.h"
#include "../support/awaitcallback.h"
#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/providers/twilio/twilioclient.h>
#include <core/providers/twilio/twilioonboarding.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/frame/provideraccess.h>
#include <ui/models/phonenumbermodel.h>
#include <ui/views/numbers/numbersview.h>

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// The Numbers page says where each number's webhooks point, as Twilio (the fake, over real
// HTTP) has them, and whether that is the ingest server's public URL the tenant connected
// with: a number someone pointed elsewhere shows where, in red; before the vault is open it
// says why nothing was checked.
class tst_NumbersView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_numbersview"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void aNumberPointedElsewhereIsShownAsSuch();
};

void tst_NumbersView::aNumberPointedElsewhereIsShownAsSuch()
{
    Test::TestDatabase databases;
    QTemporaryDir dir;
    auto database = databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    auto sealer = Test::createVault(**database, dir.filePath(u"vault.key"_s));
    SB_VERIFY_OK(sealer);
    const auto sharedSealer = std::make_shared<const Vault::Sealer>(*sealer);
    Fakes::FakeTwilio twilio;
    twilio.giveNewSubaccountsNumbers(2);
    Net::HttpClient http;
    const Providers::Twilio::Credentials master{twilio.master().sid,
                                                Secret::fromString(twilio.master().authToken)};
    const Providers::Twilio::TwilioOnboarding onboarding(
        *database, sharedSealer, http, master, QUrl(twilio.baseUrl()));
    SB_VERIFY_OK(Store::TenantStore(**database).add(u"clinic-a"_s, u"Smile Dental"_s));
    auto report = Test::connectTwilio(**database, onboarding, u"clinic-a"_s);
    SB_VERIFY_OK(report);
    QCOMPARE(report->numbers.size(), 2);
    // Someone points the second number's texts at an old script.
    const Providers::Twilio::IncomingNumber moved = report->numbers.at(1);
    const Providers::Twilio::TwilioClient asMaster(http, 0, master, QUrl(twilio.baseUrl()));
    auto changed =
        Test::awaitCallback<Result<Providers::Twilio::IncomingNumber, Net::ProviderError>>(
            [&](auto done) {
                asMaster.setNumberCallbacks(
                    report->subaccountSid,
                    moved.sid,
                    {u"https://old-script.example.com/sms"_s, moved.voiceUrl, moved.statusCallback},
                    done);
            });
    QVERIFY(changed && *changed);

    const auto scope = *Tenancy::AdminSession(**database).scope(u"clinic-a"_s);
    Ui::ProviderAccess providers(*database);
    providers.setTwilioApiBase(QUrl(twilio.baseUrl()));
    Ui::ConsoleContext context{*database, nullptr, nullptr, nullptr, &providers};
    Ui::NumbersView view(context);
    view.show();
    // No vault open yet: nothing is asked of Twilio, and the page says why.
    view.showTenant({scope, u"Smile Dental"_s});
    QTRY_COMPARE(view.model()->rowCount(), 2);
    QTRY_VERIFY(view.model()
                    ->index(0, Ui::PhoneNumberModel::WebhooksColumn)
                    .data()
                    .toString()
                    .startsWith(u"Not checked"_s));
    providers.setSealer(sharedSealer);
    QSignalSpy checked(&view, &Ui::NumbersView::webhooksChecked);
    QTRY_VERIFY_WITH_TIMEOUT(!checked.isEmpty(), 10000);
    const auto fine = view.model()->webhooksOf(report->numbers.at(0).e164);
    QVERIFY(fine && fine->isOurs);
    QVERIFY(fine->text.contains(u"https://hooks.example.org"_s));
    const auto wrong = view.model()->webhooksOf(moved.e164);
    QVERIFY(wrong && !wrong->isOurs);
    QVERIFY2(wrong->text.contains(u"texts go to https://old-script.example.com/sms"_s),
             qPrintable(wrong->text));
    QVERIFY(!wrong->text.contains(u"calls go to"_s)); // its calls still reach us

    // The change feed's first retry, seconds after start: the numbers are read again without
    // blanking the page, and Twilio is not asked a second time.
    auto listings = [&twilio] {
        return std::count_if(twilio.seen().cbegin(), twilio.seen().cend(), [](const auto &seen) {
            return seen.method == u"GET" && seen.path.contains(u"IncomingPhoneNumbers"_s);
        });
    };
    const auto asked = listings();
    QSignalSpy reloaded(&view, &Ui::NumbersView::loaded);
    view.retry();
    QCOMPARE(view.model()->rowCount(), 2);
    QVERIFY(reloaded.wait(5000));
    QCOMPARE(view.model()->rowCount(), 2);
    QTest::qWait(300); // a window for a listing that must not be asked for
    QCOMPARE(listings(), asked);
    QVERIFY(view.model()->webhooksOf(moved.e164).has_value());
}

QTEST_MAIN(tst_NumbersView)
#include "tst_numbersview.moc"
