#include "../support/ctlrunner.h"
#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/store/sqlquery.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>

#include <csignal>

using namespace Sb;

// Several `switchboardctl serve` processes behind a load balancer share nothing but PostgreSQL:
// exactly-once has to hold across them.
class tst_IngestProcesses : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void twoServersStoreEachEventOnce();
    void shutsDownCleanlyOnSigterm();

private:
    Result<quint16> startServer(QProcess &process);

    Test::TestDatabase m_databases;
    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_admin;
    QString m_serverUrl; // the ingest login's store URL
    QString m_keyFile;
    QProcessEnvironment m_environment;
    QProcess m_first;
    QProcess m_second;
    quint16 m_firstPort = 0;
    quint16 m_secondPort = 0;
    const QString m_account = QStringLiteral("AC") + QStringLiteral("d").repeated(32);
    const QString m_token = QStringLiteral("4").repeated(32);
};

void tst_IngestProcesses::initTestCase()
{
    auto admin = m_databases.createMigrated(QStringLiteral("postgres"));
    SB_VERIFY_OK(admin);
    m_admin = *admin;
    m_keyFile = m_dir.filePath(QStringLiteral("vault.key"));
    auto sealer = Test::createVault(*m_admin, m_keyFile);
    SB_VERIFY_OK(sealer);
    auto scope = Test::addTwilioTenant(*m_admin,
                                       *sealer,
                                       QStringLiteral("clinic-d"),
                                       m_account,
                                       QStringLiteral("+16175550100"),
                                       m_token);
    SB_VERIFY_OK(scope);

    // An ingest login whose password reaches the servers through a 0600 pass file only.
    auto login = m_databases.createIngestLogin(*m_admin);
    SB_VERIFY_OK(login);
    QUrl url(m_databases.lastUrl());
    url.setUserName(login->name);
    m_serverUrl = url.toString();
    const QString passFile = m_dir.filePath(QStringLiteral("pgpass"));
    QFile pass(passFile);
    QVERIFY(pass.open(QIODevice::WriteOnly));
    pass.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    pass.write(QStringLiteral("%1:%2:*:%3:%4\n")
                   .arg(url.host())
                   .arg(url.port())
                   .arg(login->name, login->password)
                   .toUtf8());
    pass.close();
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(QStringLiteral("PGPASSFILE"), passFile);

    auto first = startServer(m_first);
    SB_VERIFY_OK(first);
    m_firstPort = *first;
    auto second = startServer(m_second);
    SB_VERIFY_OK(second);
    m_secondPort = *second;
}

void tst_IngestProcesses::cleanupTestCase()
{
    for (QProcess *process : {&m_first, &m_second}) {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(5000);
        }
    }
}

Result<quint16> tst_IngestProcesses::startServer(QProcess &process)
{
    return Test::startServe(
        process,
        {QStringLiteral("--db"), m_serverUrl, QStringLiteral("--key-file"), m_keyFile},
        m_environment);
}

void tst_IngestProcesses::twoServersStoreEachEventOnce()
{
    QNetworkAccessManager network;
    QList<QNetworkReply *> replies;
    for (int event = 0; event < 20; ++event) {
        // Each event three times, to both servers, all at once.
        for (int copy = 0; copy < 3; ++copy) {
            for (quint16 port : {m_firstPort, m_secondPort}) {
                const auto sms = Test::signedSms(
                    port, m_account, m_token, QStringLiteral("+16175550100"), event);
                replies << network.post(sms.request, sms.body);
            }
        }
    }
    for (QNetworkReply *reply : std::as_const(replies)) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    auto events = Store::SqlQuery(*m_admin->connection(),
                                  QStringLiteral("SELECT COUNT(*) FROM webhook_events"))
                      .scalar();
    auto messages =
        Store::SqlQuery(*m_admin->connection(), QStringLiteral("SELECT COUNT(*) FROM messages"))
            .scalar();
    SB_VERIFY_OK(events);
    SB_VERIFY_OK(messages);
    QCOMPARE(events->toInt(), 20);
    QCOMPARE(messages->toInt(), 20);
}

void tst_IngestProcesses::shutsDownCleanlyOnSigterm()
{
    QVERIFY(m_first.state() == QProcess::Running);
    ::kill(pid_t(m_first.processId()), SIGTERM);
    QVERIFY(m_first.waitForFinished(10000));
    QCOMPARE(m_first.exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_first.exitCode(), 0);
    QVERIFY(QString::fromUtf8(m_first.readAllStandardError()).contains(u"shutting down"));
}

QTEST_GUILESS_MAIN(tst_IngestProcesses)
#include "tst_ingestprocesses.moc"
