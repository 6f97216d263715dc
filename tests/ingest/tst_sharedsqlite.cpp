#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/ingest/ingestserver.h>
#include <core/providers/webhookendpoints.h>
#include <core/store/sqlquery.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>

#include <atomic>
#include <thread>

using namespace Sb;

// SQLite mode: `serve` and a console write one file at the same time. Neither ever sees
// "database is locked": webhooks are all acknowledged and stored, and every console write
// succeeds, even while the console holds the write lock for a while (an import, say).
class tst_SharedSqlite : public QObject
{
    Q_OBJECT

private slots:
    void serveAndConsoleShareOneFile();

private:
    QNetworkReply *post(quint16 port, int message);

    QNetworkAccessManager m_network;
    const QString m_account = QStringLiteral("AC") + QStringLiteral("d").repeated(32);
    const QString m_token = QStringLiteral("7").repeated(32);
    const QString m_number = QStringLiteral("+16175550142");
};

QNetworkReply *tst_SharedSqlite::post(quint16 port, int message)
{
    auto sms = Test::signedSms(port, m_account, m_token, m_number, message);
    return m_network.post(sms.request, sms.body);
}

void tst_SharedSqlite::serveAndConsoleShareOneFile()
{
    Test::TestDatabase databases;
    auto database = databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    const QString url = databases.lastUrl();
    QTemporaryDir dir;
    auto sealer = Test::createVault(**database, dir.filePath(QStringLiteral("vault.key")));
    SB_VERIFY_OK(sealer);
    auto scope = Test::addTwilioTenant(
        **database, *sealer, QStringLiteral("clinic-d"), m_account, m_number, m_token);
    SB_VERIFY_OK(scope);

    // serve: its own connections to the file, as a separate process would have.
    auto serveDatabase = Store::Database::open(*Store::DatabaseUrl::parse(url));
    SB_VERIFY_OK(serveDatabase);
    Ingest::IngestServer server(
        *serveDatabase,
        std::make_shared<const Vault::Sealer>(*sealer),
        Providers::webhookEndpoints(),
        Ingest::IngestServerConfig{QStringLiteral("https://hooks.example.org"), 1 << 20, {}});
    auto port = server.listen(QHostAddress::LocalHost, 0);
    SB_VERIFY_OK(port);

    // The console: another connection writing notes in short transactions, and once holding
    // the write lock for 1.5 s in the middle of the run.
    constexpr int kWebhooks = 300;
    constexpr int kConsoleWrites = 200;
    std::atomic<int> consoleFailures = 0;
    QString firstConsoleError;
    std::thread console([&] {
        auto consoleDatabase = Store::Database::open(*Store::DatabaseUrl::parse(url));
        if (!consoleDatabase) {
            ++consoleFailures;
            return;
        }
        for (int i = 0; i < kConsoleWrites; ++i) {
            const bool isLong = i == kConsoleWrites / 4;
            auto written =
                (*consoleDatabase)
                    ->transaction(*scope, Store::TransactionMode::Write, [&](QSqlDatabase &db) {
                        if (isLong)
                            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
                        return Store::SqlQuery(
                                   db,
                                   QStringLiteral("INSERT INTO audit_log (tenant_id, actor, action,"
                                                  " detail, created_at) VALUES (:t, 'console',"
                                                  " 'note', :detail, 0)"))
                            .bind(QStringLiteral(":t"), scope->tenantId().value())
                            .bind(QStringLiteral(":detail"), QString::number(i))
                            .exec();
                    });
            if (!written && consoleFailures++ == 0)
                firstConsoleError = written.error().message;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    });

    QList<QNetworkReply *> replies;
    for (int message = 0; message < kWebhooks; ++message) {
        replies.append(post(*port, message));
        QTest::qWait(message % 10 == 0 ? 20 : 0); // spread over the console's run
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(),
                                         replies.cend(),
                                         [](QNetworkReply *reply) { return reply->isFinished(); }),
                             60000);
    console.join();

    int acknowledged = 0;
    for (QNetworkReply *reply : std::as_const(replies)) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200)
            ++acknowledged;
        else
            qWarning() << "webhook answered" << status << reply->readAll();
        reply->deleteLater();
    }
    QCOMPARE(acknowledged, kWebhooks);
    QVERIFY2(consoleFailures == 0, qPrintable(firstConsoleError));
    const auto count = [&](const QString &sql) {
        auto value = Store::SqlQuery(*(*database)->connection(), sql).scalar();
        return value ? value->toInt() : -1;
    };
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), kWebhooks);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages")), kWebhooks);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE actor = 'console'")),
             kConsoleWrites);
}

QTEST_GUILESS_MAIN(tst_SharedSqlite)
#include "tst_sharedsqlite.moc"
