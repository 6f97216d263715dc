#include "../support/privatepostgres.h"
#include "../support/testdatabase.h"

#include <core/store/callstore.h>
#include <core/store/guithreadguard.h>
#include <core/store/migrator.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/views/calls/calllistmodel.h>
#include <ui/views/calls/callsview.h>
#include <ui/views/mainwindow.h>

#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

using namespace Sb;
using namespace Qt::StringLiterals;

// The console when PostgreSQL goes away and comes back, on a server of the test's own: a banner
// says so, the calls already shown stay, the window keeps answering, and once the server is
// back the banner goes and the list is live again. No SQL ever runs on the GUI thread.
class tst_ConsoleRecovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Settings of this test alone: suites run side by side.
        QCoreApplication::setApplicationName(QStringLiteral("tst_consolerecovery"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void survivesPostgresGoingAwayAndComingBack();
};

static Store::CallRecord aCall(const QString &counterpart, qint64 at)
{
    Store::CallRecord call;
    call.provider = u"twilio"_s;
    call.fromE164 = call.counterpartE164 = counterpart;
    call.toE164 = u"+14155550100"_s;
    call.status = u"completed"_s;
    call.startedAt = at;
    return call;
}

void tst_ConsoleRecovery::survivesPostgresGoingAwayAndComingBack()
{
    Test::PrivatePostgres postgres;
    SB_VERIFY_OK(postgres.start());
    {
        auto server =
            Store::Database::open(*Store::DatabaseUrl::parse(postgres.url(u"postgres"_s)));
        SB_VERIFY_OK(server);
        QVERIFY(QSqlQuery(*(*server)->connection()).exec(u"CREATE DATABASE switchboard"_s));
    }
    const QString adminUrl = postgres.url(u"switchboard"_s);
    auto admin = Store::Database::open(*Store::DatabaseUrl::parse(adminUrl));
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::Migrator(**admin).migrate());
    auto tenant = Store::TenantStore(**admin).add(u"clinic-a"_s, u"Clinic A"_s);
    SB_VERIFY_OK(tenant);
    auto staff = Store::StaffStore(**admin).addToTenant(u"maria"_s, *tenant, Store::Role::Staff);
    SB_VERIFY_OK(staff);
    const QString password = u"maria-recovery-password"_s;
    SB_VERIFY_OK(Store::StaffStore(**admin).setLogin(*staff, password));
    const auto scope = *Tenancy::AdminSession(**admin).scope(u"clinic-a"_s);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 3; ++i)
        SB_VERIFY_OK(
            Store::CallStore(**admin).insert(scope, aCall(u"+1617555010%1"_s.arg(i), now - i)));

    // The console's SQL never runs on this thread; the test's own (another process's, in
    // effect) is written here with the guard lifted.
    std::optional<Store::GuiThreadGuard> guard(std::in_place);
    Ui::MainWindow window;
    window.show();
    QSignalSpy signedIn(&window, &Ui::MainWindow::signedIn);
    QUrl asMaria(adminUrl);
    asMaria.setUserName(u"maria"_s);
    window.signIn(*Store::DatabaseUrl::parse(asMaria.toString()), u"maria"_s, password);
    QVERIFY(signedIn.wait(15000));
    auto *calls = window.showPage<Ui::CallsView>();
    QTRY_COMPARE(calls->model()->rowCount(), 3);

    // The server goes away.
    guard.reset();
    admin->reset();
    guard.emplace();
    SB_VERIFY_OK(postgres.stop());
    // The window keeps answering meanwhile: a timer on the GUI thread keeps firing (the guard
    // already stops any SQL here; the bound is loose for a busy two-core CI machine).
    QElapsedTimer sinceTick;
    qint64 longestStall = 0;
    QTimer ticker;
    ticker.setInterval(20);
    connect(&ticker, &QTimer::timeout, this, [&] {
        longestStall = qMax(longestStall, sinceTick.restart());
    });
    sinceTick.start();
    ticker.start();
    QTRY_VERIFY_WITH_TIMEOUT(window.bannerText().contains(u"cannot be reached"), 20000);
    QCOMPARE(calls->model()->rowCount(), 3); // what was shown stays
    calls->retry(); // a retry while it is down fails into the banner, not a freeze
    QTest::qWait(500); // the retry's failure, which must not empty the list
    QCOMPARE(calls->model()->rowCount(), 3);
    QVERIFY2(longestStall < 2000, qPrintable(QString::number(longestStall)));

    // It comes back: the banner goes, and the list is live again.
    SB_VERIFY_OK(postgres.start());
    QTRY_VERIFY_WITH_TIMEOUT(window.bannerText().isEmpty(), 30000);
    ticker.stop();
    QVERIFY2(longestStall < 2000, qPrintable(QString::number(longestStall)));
    guard.reset();
    auto again = Store::Database::open(*Store::DatabaseUrl::parse(adminUrl));
    SB_VERIFY_OK(again);
    SB_VERIFY_OK(Store::CallStore(**again).insert(scope, aCall(u"+16175550199"_s, now + 1000)));
    guard.emplace();
    QTRY_COMPARE_WITH_TIMEOUT(calls->model()->rowCount(), 4, 10000);
    QCOMPARE(calls->model()->callAt(0)->counterpartE164, u"+16175550199"_s);
}

QTEST_MAIN(tst_ConsoleRecovery)
#include "tst_consolerecovery.moc"
