#include "../support/ctlrunner.h"
#include "../support/logcapture.h"
#include "../support/testdatabase.h"

#include <core/common/redactor.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealedsecretstore.h>
#include <core/vault/vaultopener.h>
#include <core/vault/vaultadmin.h>
#include <ui/views/mainwindow.h>

#include <QApplication>
#include <QDirIterator>
#include <QLabel>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>

using namespace Sb;

// Known secrets for two tenants go through the CLI and the console with debug logging on; then
// every place a secret could end up is searched for them. Any hit fails.
class tst_SecretLeaks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_log.reset(); }
    void cliLeaksNothing_data() { Test::TestDatabase::addBackendRows(); }
    void cliLeaksNothing();
    void consoleLeaksNothing();
    void filesAndDumpsHoldNoPlaintext();
    void logLinesHoldNoPlaintext();

private:
    Test::CtlRun ctl(QStringList arguments, const QByteArray &input = {});
    void expectClean(const QString &where, const QByteArray &bytes);

    std::optional<Test::LogCapture> m_log; // made before the redacting handler, which wraps it
    Test::TestDatabase m_databases;
    QTemporaryDir m_home;
    QStringList m_canaries;
    QHash<QString, QString> m_urls; // backend -> store URL
    QString m_keyFile;
    QStringList m_cliOutput;
};


void tst_SecretLeaks::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SwitchboardLeakTest"));
    // Distinctive, shapeless values: only the vault's own redaction can hide them.
    for (const char *name : {"alpha", "beta"}) {
        m_canaries << QStringLiteral("sb-leak-canary-%1-%2")
                          .arg(QLatin1String(name))
                          .arg(QRandomGenerator::global()->generate(), 0, 36);
    }
    m_log.emplace();
    installRedactingMessageHandler();
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    QSettings().setValue(QStringLiteral("phone/defaultRegion"), QStringLiteral("US"));
    m_keyFile = m_home.filePath(QStringLiteral("vault.key"));
}

Test::CtlRun tst_SecretLeaks::ctl(QStringList arguments, const QByteArray &input)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                       m_home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    const auto run = Test::runCtl(arguments, input, environment);
    m_cliOutput << run.out << run.err;
    return run;
}

void tst_SecretLeaks::expectClean(const QString &where, const QByteArray &bytes)
{
    for (const QString &canary : std::as_const(m_canaries)) {
        // Never print the canary itself: the report names only where it was found.
        QVERIFY2(!bytes.contains(canary.toUtf8()),
                 qPrintable(QStringLiteral("a secret leaked into ") + where));
    }
}

void tst_SecretLeaks::cliLeaksNothing()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(m_databases.create(backend));
    const QString url = m_databases.lastUrl();
    m_urls.insert(backend, url);
    // SQLite keeps its keys in the keychain (the console's way), PostgreSQL in a key file
    // (a server's way).
    QStringList db{QStringLiteral("--db"), url};
    if (backend == u"postgres")
        db << QStringLiteral("--key-file") << m_keyFile;
    QCOMPARE(ctl(QStringList{QStringLiteral("db"), QStringLiteral("migrate")} + db).exitCode, 0);
    for (const char *tenant : {"clinic-a", "clinic-b"})
        QCOMPARE(
            ctl(QStringList{QStringLiteral("tenant"), QStringLiteral("add"), QLatin1String(tenant)}
                + db)
                .exitCode,
            0);
    QCOMPARE(ctl(QStringList{QStringLiteral("vault"), QStringLiteral("init")} + db).exitCode, 0);
    const QStringList tenants{QStringLiteral("clinic-a"), QStringLiteral("clinic-b")};
    for (int i = 0; i < 2; ++i) {
        const QStringList secret{
            QStringLiteral("--tenant"),
            tenants.at(i),
            QStringLiteral("--record"),
            QStringLiteral("twilio-account:AC0123456789abcdef0123456789abcdef"),
            QStringLiteral("--purpose"),
            QStringLiteral("auth-token")};
        const QByteArray value = m_canaries.at(i).toUtf8() + '\n';
        QCOMPARE(
            ctl(QStringList{QStringLiteral("secret"), QStringLiteral("set")} + secret + db, value)
                .exitCode,
            0);
        QCOMPARE(ctl(QStringList{QStringLiteral("secret"), QStringLiteral("verify")} + secret + db,
                     value)
                     .exitCode,
                 0);
        // A failure path builds an error message: it must not quote the input either.
        QCOMPARE(ctl(QStringList{QStringLiteral("secret"), QStringLiteral("verify")} + secret + db,
                     m_canaries.at(1 - i).toUtf8() + '\n')
                     .exitCode,
                 1);
    }
    QCOMPARE(ctl(QStringList{QStringLiteral("vault"), QStringLiteral("rotate-key")} + db).exitCode,
             0);
    QCOMPARE(
        ctl(QStringList{QStringLiteral("vault"), QStringLiteral("status"), QStringLiteral("--json")}
            + db)
            .exitCode,
        0);
    QCOMPARE(ctl(QStringList{QStringLiteral("vault"),
                             QStringLiteral("export-key"),
                             QStringLiteral("--output"),
                             m_home.filePath(backend + QStringLiteral("-export.json"))}
                     + db,
                 "export passphrase for the test\n")
                 .exitCode,
             0);
    // Debug logging really was on in the child processes.
    QVERIFY(m_cliOutput.join(u'\n').contains(u"sealing"));
    expectClean(QStringLiteral("switchboardctl output"), m_cliOutput.join(u'\n').toUtf8());
}

void tst_SecretLeaks::consoleLeaksNothing()
{
    QVERIFY(m_urls.contains(QStringLiteral("sqlite")));
    auto database =
        Store::Database::open(*Store::DatabaseUrl::parse(m_urls.value(QStringLiteral("sqlite"))));
    SB_VERIFY_OK(database);
    for (const char *tenant : {"clinic-a", "clinic-b"}) {
        auto found = Store::TenantStore(**database).find(QLatin1String(tenant));
        SB_VERIFY_OK(found);
        SB_VERIFY_OK(Store::StaffStore(**database)
                         .addToTenant(QStringLiteral("carol"), *found, Store::Role::Admin));
    }
    Ui::MainWindow window;
    QSignalSpy checked(&window, &Ui::MainWindow::vaultChecked);
    window.signIn(*Store::DatabaseUrl::parse(m_urls.value(QStringLiteral("sqlite"))),
                  QStringLiteral("carol"));
    QVERIFY(checked.wait(20000));
    QCOMPARE(window.vaultStatus()->text(), QStringLiteral("Vault: ready"));

    // The console opening both tenants' secrets, as its provider views will: the vault opened
    // without waiting (VaultOpener), the secrets read on a store thread.
    Vault::VaultOpener opener(*database);
    std::shared_ptr<const Vault::Sealer> sealer;
    connect(&opener, &Vault::VaultOpener::opened, this, [&sealer](auto opened) {
        sealer = std::move(opened);
    });
    opener.open();
    QTRY_VERIFY_WITH_TIMEOUT(sealer != nullptr, 20000);
    Vault::SealedSecretStore secrets(**database, *sealer);
    auto session = Tenancy::StaffSession::signIn(**database, QStringLiteral("carol"));
    SB_VERIFY_OK(session);
    for (int i = 0; i < 2; ++i) {
        auto scope = session->scope(session->memberships().at(i).tenant.id);
        SB_VERIFY_OK(scope);
        auto secret =
            secrets.get(*scope,
                        QStringLiteral("twilio-account:AC0123456789abcdef0123456789abcdef"),
                        QStringLiteral("auth-token"));
        SB_VERIFY_OK(secret);
        QVERIFY(m_canaries.contains(secret->revealString()));
        qDebug() << "console opened" << *secret << "and logged" << secret->revealString();
    }
}

void tst_SecretLeaks::filesAndDumpsHoldNoPlaintext()
{
    // The SQLite store with its WAL and shared-memory files.
    const QString path = m_urls.value(QStringLiteral("sqlite")).mid(int(qstrlen("sqlite:")));
    int filesRead = 0;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile file(path + suffix);
        if (file.open(QIODevice::ReadOnly)) {
            expectClean(file.fileName(), file.readAll());
            ++filesRead;
        }
    }
    QVERIFY(filesRead >= 1);

    // A full dump of the PostgreSQL store.
    const QUrl url(m_urls.value(QStringLiteral("postgres")));
    QProcess dump;
    dump.start(QStringLiteral("pg_dump"),
               {QStringLiteral("-h"),
                url.host(),
                QStringLiteral("-p"),
                QString::number(url.port()),
                QStringLiteral("-U"),
                url.userName(),
                QStringLiteral("-d"),
                url.path().mid(1)});
    QVERIFY(dump.waitForFinished(60000));
    QCOMPARE(dump.exitCode(), 0);
    const QByteArray dumped = dump.readAllStandardOutput();
    QVERIFY(dumped.contains("sealed_secrets")); // the dump is real
    expectClean(QStringLiteral("the PostgreSQL dump"), dumped);

    // Settings, key files and key exports of the test and of every CLI run.
    QSettings().sync();
    expectClean(QStringLiteral("the settings file"), [] {
        QFile settings(QSettings().fileName());
        return settings.open(QIODevice::ReadOnly) ? settings.readAll() : QByteArray();
    }());
    QDirIterator files(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int scanned = 0;
    while (files.hasNext()) {
        QFile file(files.next());
        if (file.open(QIODevice::ReadOnly)) {
            expectClean(file.fileName(), file.readAll());
            ++scanned;
        }
    }
    QVERIFY(scanned >= 3); // key file and two exports at least
}

void tst_SecretLeaks::logLinesHoldNoPlaintext()
{
    const QString log = m_log->text();
    QVERIFY(!log.isEmpty());
    QVERIFY(log.contains(u"console opened")); // the deliberate leak attempt ran
    expectClean(QStringLiteral("the log"), log.toUtf8());
}

QTEST_MAIN(tst_SecretLeaks)
#include "tst_secretleaks.moc"
