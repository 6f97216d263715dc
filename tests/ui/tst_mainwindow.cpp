#include "../support/testdatabase.h"

#include <core/store/guithreadguard.h>
#include <core/store/phonenumberstore.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/blockingkeychain.h>
#include <ui/models/phonenumbermodel.h>
#include <ui/views/calls/calllistmodel.h>
#include <ui/views/calls/callsview.h>
#include <ui/views/mainwindow.h>
#include <ui/views/numbers/numbersview.h>
#include <ui/views/welcome/welcomeview.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace Sb;

// The console, offscreen: the switcher lists only the staff member's tenants, and switching
// shows only that tenant's numbers.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init() { QSettings().clear(); }
    void cleanupTestCase() { m_guard.reset(); }
    void switchingTenantShowsOnlyItsNumbers();
    void unknownStaffSeesWhyNotData();
    void keychainIsNeverAwaitedInTheConsole();
    void aNewcomerOpensTheDemoClinicInOneClick();
    void theAboutBoxSaysTheVersion();

private:
    Test::TestDatabase m_databases;
    QString m_url;
    // Everything the console does below runs with SQL on the GUI thread forbidden.
    std::optional<Store::GuiThreadGuard> m_guard;
};

void tst_MainWindow::initTestCase()
{
    // Settings (and the demo store) of this test alone, not the user's nor another suite's.
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QStandardPaths::setTestModeEnabled(true);
    auto database = m_databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    m_url = m_databases.lastUrl();
    Store::TenantStore tenants(**database);
    Store::StaffStore staff(**database);
    Tenancy::AdminSession admin(**database);
    Store::PhoneNumberStore numbers(**database);
    const QList<std::tuple<QString, QString, QStringList>> setup = {
        {QStringLiteral("clinic-a"),
         QStringLiteral("Clinic A"),
         {QStringLiteral("+14155550100"), QStringLiteral("+14155550101")}},
        {QStringLiteral("clinic-b"), QStringLiteral("Clinic B"), {QStringLiteral("+12125550100")}},
        {QStringLiteral("clinic-c"), QStringLiteral("Clinic C"), {QStringLiteral("+13125550100")}},
    };
    for (const auto &[name, display, e164s] : setup) {
        auto tenant = tenants.add(name, display);
        SB_VERIFY_OK(tenant);
        if (name != u"clinic-c")
            SB_VERIFY_OK(staff.addToTenant(QStringLiteral("carol"), *tenant, Store::Role::Staff));
        auto scope = admin.scope(name);
        SB_VERIFY_OK(scope);
        for (const QString &e164 : e164s) {
            Store::PhoneNumber number;
            number.e164 = e164;
            number.label = display + QStringLiteral(" line");
            SB_VERIFY_OK(numbers.add(*scope, number));
        }
    }
    m_guard.emplace();
}

static QStringList shownNumbers(Ui::PhoneNumberModel *model)
{
    QStringList shown;
    for (int row = 0; row < model->rowCount(); ++row)
        shown << model->index(row, Ui::PhoneNumberModel::NumberColumn)
                     .data(Ui::PhoneNumberModel::E164Role)
                     .toString();
    return shown;
}

void tst_MainWindow::switchingTenantShowsOnlyItsNumbers()
{
    Ui::MainWindow window;
    window.show();
    QSignalSpy signedIn(&window, &Ui::MainWindow::signedIn);
    window.signIn(*Store::DatabaseUrl::parse(m_url), QStringLiteral("carol"));
    QVERIFY(signedIn.wait(10000));

    QComboBox *switcher = window.tenantSwitcher();
    QCOMPARE(switcher->count(), 2); // clinic-c is not carol's
    QCOMPARE(switcher->itemText(0), QStringLiteral("Clinic A"));
    QCOMPARE(switcher->itemText(1), QStringLiteral("Clinic B"));

    window.showPage<Ui::NumbersView>();
    auto *model = window.page<Ui::NumbersView>()->model();
    QTRY_COMPARE(shownNumbers(model),
                 (QStringList{QStringLiteral("+14155550100"), QStringLiteral("+14155550101")}));

    switcher->setCurrentIndex(1);
    QTRY_COMPARE(shownNumbers(model), (QStringList{QStringLiteral("+12125550100")}));
    QVERIFY(window.windowTitle().startsWith(u"Clinic B"));

    switcher->setCurrentIndex(0);
    QTRY_COMPARE(model->rowCount(), 2);
    QVERIFY(!shownNumbers(model).contains(QStringLiteral("+12125550100")));
    QVERIFY(!shownNumbers(model).contains(QStringLiteral("+13125550100")));
    // People read the number formatted; the store keeps E.164.
    QCOMPARE(model->index(0, Ui::PhoneNumberModel::NumberColumn).data().toString(),
             QStringLiteral("(415) 555-0100"));

    // A page out of view reads nothing at a switch (the switch waits on the page in view
    // only), and shows the tenant switched to once it is shown, never the one before.
    window.showPage<Ui::CallsView>();
    auto *numbers = window.page<Ui::NumbersView>();
    QTRY_VERIFY(!numbers->isBehind());
    QSignalSpy loaded(model, &QAbstractItemModel::modelReset);
    switcher->setCurrentIndex(1);
    QVERIFY(numbers->isBehind());
    QTest::qWait(300); // a window for a read that must not happen
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(numbers->tenant()->name, QStringLiteral("Clinic A"));
    window.showPage<Ui::NumbersView>();
    QVERIFY(!numbers->isBehind());
    QCOMPARE(numbers->tenant()->name, QStringLiteral("Clinic B"));
    QTRY_COMPARE(shownNumbers(model), (QStringList{QStringLiteral("+12125550100")}));

    // The page in view is the one the console opens on next time.
    window.close();
    QCOMPARE(QSettings().value(QStringLiteral("console/view")).toString(), numbers->objectName());
    QVERIFY(!numbers->objectName().isEmpty());
}

void tst_MainWindow::unknownStaffSeesWhyNotData()
{
    Ui::MainWindow window;
    QSignalSpy failed(&window, &Ui::MainWindow::signInFailed);
    window.signIn(*Store::DatabaseUrl::parse(m_url), QStringLiteral("mallory"));
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.first().first().toString().contains(u"switchboardctl staff add mallory"),
             qPrintable(failed.first().first().toString()));
    QCOMPARE(window.tenantSwitcher()->count(), 0);
}

void tst_MainWindow::keychainIsNeverAwaitedInTheConsole()
{
    // A nested event loop would run other views' slots mid-call: refused outright in a GUI
    // process, before any keychain job starts.
    const auto read =
        Vault::BlockingKeychain().read(Vault::SecretKey::forVaultKeys(QStringLiteral("any")));
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::Unsupported);
}

void tst_MainWindow::aNewcomerOpensTheDemoClinicInOneClick()
{
    QFile::remove(Ui::MainWindow::demoStorePath());
    Ui::MainWindow window;
    window.show();
    QSignalSpy failed(&window, &Ui::MainWindow::signInFailed);
    window.signIn(*Store::DatabaseUrl::parse(m_url), QStringLiteral("newcomer"));
    QVERIFY(failed.wait(10000));
    // Not a dead end: why, and the demo one click away.
    auto *welcome = qobject_cast<Ui::WelcomeView *>(window.centralWidget());
    QVERIFY(welcome);
    QSignalSpy signedIn(&window, &Ui::MainWindow::signedIn);
    QTest::mouseClick(welcome->demoButton(), Qt::LeftButton);
    QVERIFY(signedIn.wait(20000));
    QCOMPARE(window.tenantSwitcher()->count(), 2);
    auto *calls = window.showPage<Ui::CallsView>();
    QVERIFY(calls);
    QTRY_VERIFY(calls->model()->rowCount() > 100);
    // Our own store got nothing of it.
    QVERIFY(!window.tenantSwitcher()->itemText(0).startsWith(u"Clinic"));
}

// One version: the About box shows the application's (main sets it from the project's, as
// --version and the package do), with the window's own icon.
void tst_MainWindow::theAboutBoxSaysTheVersion()
{
    QApplication::setApplicationVersion(QStringLiteral("9.8.7"));
    Ui::MainWindow window;
    window.show();
    auto *about = window.findChild<QAction *>(QStringLiteral("aboutAction"));
    QVERIFY(about);
    QString shown;
    bool hasIcon = false;
    QTimer::singleShot(0, &window, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        shown = box->text() + box->informativeText();
        hasIcon = !box->iconPixmap().isNull();
        if (const QString shots = qEnvironmentVariable("SB_SHOTS"); !shots.isEmpty()) // to look at it
            box->grab().save(shots + QStringLiteral("/about.png"));
        box->close();
    });
    about->trigger();
    QVERIFY2(shown.contains(QStringLiteral("Switchboard 9.8.7")), qPrintable(shown));
    QVERIFY(shown.contains(QString::fromLatin1(qVersion())));
    QVERIFY(hasIcon);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
