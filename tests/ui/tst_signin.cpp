#include "../support/testdatabase.h"

#include <core/store/guithreadguard.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <ui/views/mainwindow.h>
#include <ui/views/signin/signinview.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

using namespace Sb;
using namespace Qt::StringLiterals;

// Signing in to PostgreSQL as a staff login, offscreen, with the real Secret Service of
// ./dev test: without a password the console asks for it; a wrong one is said so; a right one
// signs in and, when asked to, is kept in the keychain, so the next start signs in without
// asking. Never a blocking keychain call or SQL on the GUI thread.
class tst_SignIn : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_signin"));
        QStandardPaths::setTestModeEnabled(true);
    }
    void asksForThePasswordAndKeepsItWhenAsked();
};

void tst_SignIn::asksForThePasswordAndKeepsItWhenAsked()
{
    Test::TestDatabase databases;
    auto admin = databases.createMigrated(u"postgres"_s);
    SB_VERIFY_OK(admin);
    auto tenant = Store::TenantStore(**admin).add(u"clinic-a"_s, u"Clinic A"_s);
    SB_VERIFY_OK(tenant);
    const QString login = u"rosa_"_s + QString::number(QRandomGenerator::global()->generate(), 36);
    auto staff = Store::StaffStore(**admin).addToTenant(login, *tenant, Store::Role::Staff);
    SB_VERIFY_OK(staff);
    const QString password = u"rosa-signs-in-"_s + login;
    SB_VERIFY_OK(Store::StaffStore(**admin).setLogin(*staff, password));
    QUrl asRosa(databases.lastUrl());
    asRosa.setUserName(login);
    const auto url = *Store::DatabaseUrl::parse(asRosa.toString());
    qputenv("PGPASSFILE", "/nonexistent"); // no pass file to fall back on

    const Store::GuiThreadGuard guard;
    {
        Ui::MainWindow window;
        window.show();
        QSignalSpy failed(&window, &Ui::MainWindow::signInFailed);
        window.start(url, login);
        QVERIFY(failed.wait(15000));
        auto *view = qobject_cast<Ui::SignInView *>(window.centralWidget());
        QVERIFY2(view, qPrintable(failed.first().first().toString()));
        QCOMPARE(view->loginField()->text(), login);
        QVERIFY(!view->signInButton()->isEnabled()); // no password typed yet

        // A wrong password: said so, asked again.
        QTest::keyClicks(view->passwordField(), u"not-the-password"_s);
        failed.clear();
        QTest::mouseClick(view->signInButton(), Qt::LeftButton);
        QVERIFY(failed.wait(15000));
        view = qobject_cast<Ui::SignInView *>(window.centralWidget());
        QVERIFY(view);

        // The right one, kept at the user's wish.
        QTest::keyClicks(view->passwordField(), password);
        view->rememberBox()->setChecked(true);
        QSignalSpy signedIn(&window, &Ui::MainWindow::signedIn);
        QSignalSpy kept(&window, &Ui::MainWindow::passwordKept);
        QTest::keyClick(view->passwordField(), Qt::Key_Return);
        QVERIFY(signedIn.wait(15000));
        QCOMPARE(window.tenantSwitcher()->itemText(0), u"Clinic A"_s);
        QVERIFY(kept.wait(15000));
        QCOMPARE(kept.first().first().toBool(), true);
    }
    // The next start reads it from the keychain and asks nothing.
    Ui::MainWindow again;
    again.show();
    QSignalSpy signedIn(&again, &Ui::MainWindow::signedIn);
    again.start(url, login);
    QVERIFY(signedIn.wait(15000));
}

QTEST_MAIN(tst_SignIn)
#include "tst_signin.moc"
