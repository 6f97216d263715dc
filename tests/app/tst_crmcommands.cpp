#include "../fakes/fakehubspot.h"
#include "../fakes/fakezoho.h"
#include "../support/ctlstore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// `switchboardctl crm` as an admin runs it, against a loopback HubSpot: the clinic's own app
// kept (its secret from stdin, never shown); the sign-in completed by a real browser (Debian's
// chromium, headless) opened through $BROWSER, the same way the desktop's browser is opened;
// the grant sealed (no token or secret in the store's file); disconnect revokes at HubSpot;
// a sign-in nobody finishes stores nothing.
class tst_CrmCommands : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void connectThroughARealBrowserThenDisconnect();
    void zohoConnectsWhereTheAccountIs();

private:
    // A headless chromium that $BROWSER names; killed by the caller with killBrowser().
    QProcessEnvironment browserEnvironment();
    void killBrowser();
    static QString freeRedirect(const QString &host);

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    // switchboardctl in its own process while this one's event loop serves the fake.
    Run ctl(const QStringList &words, const QByteArray &input = {}, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    Test::CtlStore m_store;
    QTemporaryDir m_dir;
    QString m_chromium;
};

void tst_CrmCommands::initTestCase()
{
    m_chromium = QStandardPaths::findExecutable(u"chromium"_s);
    if (m_chromium.isEmpty())
        QFAIL("chromium is not installed: ./dev test installs it (a test package)");
}

tst_CrmCommands::Run tst_CrmCommands::ctl(const QStringList &words, const QByteArray &input, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SB_CTL_PATH), words + m_store.arguments());
    process.write(input);
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000))
        process.kill();
    process.waitForFinished(5000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

void tst_CrmCommands::connectThroughARealBrowserThenDisconnect()
{
    SB_VERIFY_OK(m_store.create());
    const QString redirect = freeRedirect(u"localhost"_s);
    Fakes::FakeHubSpot hubspot;
    hubspot.setAutoGrant(true); // the admin is signed in to HubSpot and consents
    const auto app = hubspot.addApp(redirect);
    const QStringList platform{u"--platform"_s, u"hubspot"_s, u"--api-base"_s, hubspot.baseUrl()};

    // The app: the secret from stdin, never echoed.
    Run run = ctl(QStringList{u"crm"_s, u"app"_s, u"set"_s, u"--client-id"_s, app.clientId,
                              u"--redirect-uri"_s, redirect} + platform,
                  app.clientSecret.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(u"register this redirect URI in the app: "_s + redirect));
    QVERIFY(run.out.contains(u"crm.objects.contacts.read crm.objects.contacts.write"_s));
    QVERIFY(!run.out.contains(app.clientSecret) && !run.err.contains(app.clientSecret));

    // Nobody finishes the sign-in: it ends, and nothing is stored.
    run = ctl(QStringList{u"crm"_s, u"connect"_s, u"--no-browser"_s, u"--timeout"_s, u"1"_s} + platform);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.contains(hubspot.baseUrl() + u"/oauth/authorize?"_s));
    QVERIFY2(run.err.contains(u"was not finished in the browser in time"_s), qPrintable(run.err));

    // The real browser, opened through $BROWSER as the desktop's would be.
    run = ctl(QStringList{u"crm"_s, u"connect"_s, u"--timeout"_s, u"45"_s} + platform, {}, browserEnvironment());
    killBrowser();
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
    QVERIFY(run.out.contains(u"connected clinic-a to HubSpot (portal 1234567)"_s));
    QCOMPARE(hubspot.tokenRequests(u"authorization_code"_s), 1);
    const Fakes::FakeHubSpot::Issued issued = hubspot.lastIssued();

    run = ctl(QStringList{u"crm"_s, u"status"_s, u"--json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject status = QJsonDocument::fromJson(run.out.toUtf8()).array().first().toObject();
    QCOMPARE(status.value(u"state").toString(), u"connected"_s);
    QCOMPARE(status.value(u"clientId").toString(), app.clientId);
    // Sealed: neither token nor the app's secret is anywhere in the store's file.
    {
        QFile file(QUrl(m_store.url()).path().isEmpty() ? m_store.url().section(u':', 1) : QUrl(m_store.url()).path());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains(issued.accessToken.toUtf8()));
        QVERIFY(!bytes.contains(issued.refreshToken.toUtf8()));
        QVERIFY(!bytes.contains(app.clientSecret.toUtf8()));
    }

    // Its contacts: all of them the first time, then what changed.
    hubspot.addContacts(250, QDateTime::currentMSecsSinceEpoch() - 3'600'000);
    run = ctl(QStringList{u"crm"_s, u"sync"_s} + platform);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"HubSpot: synced, 250 record(s) read"_s), qPrintable(run.out));
    QVERIFY(run.out.contains(u"250 contact(s) in clinic-a"_s));
    run = ctl(QStringList{u"crm"_s, u"sync"_s} + platform);
    QVERIFY2(run.out.contains(u"HubSpot: changes synced, 0 record(s) read"_s), qPrintable(run.out));
    run = ctl(QStringList{u"crm"_s, u"status"_s});
    QVERIFY2(run.out.contains(u"clinic-a: 250 contact(s)"_s), qPrintable(run.out));
    QVERIFY(run.out.contains(u"HubSpot: connected"_s) && run.out.contains(u"last synced "_s));

    // A lead pushed to HubSpot becomes one contact there, once; one HubSpot already has (the
    // same email) is linked, not made again.
    run = ctl(QStringList{u"lead"_s, u"add"_s, u"Dana Patient"_s, u"--phone"_s, u"(617) 555-9999"_s,
                          u"--email"_s, u"dana@example.org"_s, u"--json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString dana = QString::number(QJsonDocument::fromJson(run.out.toUtf8())[u"id"].toInteger());
    const int before = hubspot.contactCount();
    run = ctl(QStringList{u"crm"_s, u"push"_s, dana} + platform);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(u"pushed to HubSpot as record "_s), qPrintable(run.out));
    const QString record = run.out.section(u' ', -1).trimmed();
    QCOMPARE(hubspot.contactCount(), before + 1);
    QCOMPARE(hubspot.contact(record.toLongLong())->phone, u"+16175559999"_s);
    run = ctl(QStringList{u"crm"_s, u"push"_s, dana} + platform);
    QCOMPARE(run.out.trimmed(), u"already in HubSpot as record "_s + record);
    QCOMPARE(hubspot.contactCount(), before + 1);
    run = ctl(QStringList{u"lead"_s, u"add"_s, u"Known Person"_s, u"--email"_s, u"PATIENT.3@clinic.example"_s,
                          u"--json"_s});
    const QString known = QString::number(QJsonDocument::fromJson(run.out.toUtf8())[u"id"].toInteger());
    run = ctl(QStringList{u"crm"_s, u"push"_s, known} + platform);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(u"pushed to HubSpot as record 1004"_s), qPrintable(run.out)); // patient.3 is 1004
    QCOMPARE(hubspot.contactCount(), before + 1);

    // Disconnect: revoked at HubSpot, gone here.
    QVERIFY(hubspot.isRefreshTokenKnown(issued.refreshToken));
    run = ctl(QStringList{u"crm"_s, u"disconnect"_s} + platform);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!hubspot.isRefreshTokenKnown(issued.refreshToken));
    run = ctl(QStringList{u"crm"_s, u"status"_s, u"--json"_s});
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().first().toObject().value(u"state").toString(),
             u"not connected"_s);
}

QString tst_CrmCommands::freeRedirect(const QString &host)
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return u"http://%1:%2/callback"_s.arg(host).arg(probe.serverPort());
}

QProcessEnvironment tst_CrmCommands::browserEnvironment()
{
    const QString script = m_dir.filePath(u"browser.sh"_s);
    QFile file(script);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QStringLiteral("#!/bin/sh\necho $$ > %1/browser.pid\nexec %2 --headless=new --no-sandbox "
                                  "--disable-gpu --no-first-run --user-data-dir=%1/profile \"$1\" > %1/browser.log 2>&1\n")
                       .arg(m_dir.path(), m_chromium)
                       .toUtf8());
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"BROWSER"_s, script);
    return environment;
}

void tst_CrmCommands::killBrowser()
{
    if (QFile pid(m_dir.filePath(u"browser.pid"_s)); pid.open(QIODevice::ReadOnly))
        QProcess::execute(u"kill"_s, {QString::fromLatin1(pid.readAll().trimmed())});
    QFile::remove(m_dir.filePath(u"browser.pid"_s));
}

void tst_CrmCommands::zohoConnectsWhereTheAccountIs()
{
    // The same store as the HubSpot test: both CRMs connected at once.
    const QString redirect = freeRedirect(u"127.0.0.1"_s);
    Fakes::FakeZoho zoho({u"com"_s, u"eu"_s});
    zoho.setAutoGrant(true);
    zoho.setAccountCentre(u"eu"_s); // the admin says .com; the account is in Europe
    zoho.addContacts(30, QDateTime::currentMSecsSinceEpoch() - 3'600'000);
    const auto app = zoho.addApp(redirect);
    const QStringList platform{u"--platform"_s, u"zoho"_s, u"--api-base"_s, zoho.bases()};
    const QStringList appSet{u"crm"_s, u"app"_s, u"set"_s, u"--client-id"_s, app.clientId, u"--redirect-uri"_s, redirect};

    Run run = ctl(appSet + platform + QStringList{u"--data-centre"_s, u"moon"_s}, app.clientSecret.toUtf8() + '\n');
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"--data-centre must be one of: com, eu"_s), qPrintable(run.err));
    run = ctl(appSet + platform + QStringList{u"--data-centre"_s, u"com"_s}, app.clientSecret.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(u"data centre com"_s));
    QVERIFY(run.out.contains(u"scopes to request: ZohoCRM.modules.contacts.ALL"_s));

    run = ctl(QStringList{u"crm"_s, u"connect"_s, u"--timeout"_s, u"45"_s} + platform, {}, browserEnvironment());
    killBrowser();
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
    QVERIFY2(run.out.contains(u"connected clinic-a to Zoho CRM (data centre eu)"_s), qPrintable(run.out));
    QCOMPARE(zoho.tokenRequestsAt(u"eu"_s), 1);
    QCOMPARE(zoho.tokenRequestsAt(u"com"_s), 0);

    run = ctl(QStringList{u"crm"_s, u"sync"_s} + platform);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"Zoho CRM: synced, 30 record(s) read"_s), qPrintable(run.out));
    run = ctl(QStringList{u"crm"_s, u"status"_s, u"--json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray rows = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(rows.size(), 2);
    const QJsonObject zohoRow = rows.at(1).toObject();
    QCOMPARE(zohoRow.value(u"platform").toString(), u"zoho"_s);
    QCOMPARE(zohoRow.value(u"state").toString(), u"connected"_s);
    QCOMPARE(zohoRow.value(u"dataCentre").toString(), u"eu"_s); // where the sign-in found the account
    QCOMPARE(zohoRow.value(u"contacts").toInt(), 30);
    QCOMPARE(zohoRow.value(u"sync").toObject().value(u"fetched").toInt(), 30);

    const QString refresh = zoho.lastRefreshToken();
    QVERIFY(zoho.isRefreshTokenKnown(refresh));
    run = ctl(QStringList{u"crm"_s, u"disconnect"_s} + platform);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!zoho.isRefreshTokenKnown(refresh)); // revoked at the account's data centre
}

QTEST_MAIN(tst_CrmCommands)
#include "tst_crmcommands.moc"
