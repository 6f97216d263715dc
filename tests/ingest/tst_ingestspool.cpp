#include "../support/privatepostgres.h"
#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/ingest/ingestserver.h>
#include <core/providers/webhookendpoints.h>
#include <core/store/migrator.h>
#include <core/store/phonenumberstore.h>
#include <core/store/sqlquery.h>
#include <core/vault/sealedsecretstore.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>

using namespace Sb;
using namespace Qt::StringLiterals;

// PostgreSQL stops in the middle of a run: verified events (Twilio, VAPI, RingCentral) are
// spooled (fsync'd, shared secrets left out) and acknowledged, and once the server is back every event is in the store exactly once.
class tst_IngestSpool : public QObject
{
    Q_OBJECT

private slots:
    void everyEventArrivesOnceAcrossAnOutage();

private:
    int post(quint16 port, const QString &account, const QString &token, int message);
    // A JSON webhook (VAPI, RingCentral) with its shared secret in a header.
    int postJson(quint16 port,
                 const QString &path,
                 const QByteArray &header,
                 const QByteArray &secret,
                 const QByteArray &body);
    static int finish(QNetworkReply *reply); // its status, once answered
    static int countEvents(const QString &url);

    QNetworkAccessManager m_network;
};

int tst_IngestSpool::post(quint16 port, const QString &account, const QString &token, int message)
{
    const auto sms = Test::signedSms(port, account, token, QStringLiteral("+16175550199"), message);
    return finish(m_network.post(sms.request, sms.body));
}

int tst_IngestSpool::finish(QNetworkReply *reply)
{
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(30000))
        return -1;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

int tst_IngestSpool::postJson(quint16 port,
                              const QString &path,
                              const QByteArray &header,
                              const QByteArray &secret,
                              const QByteArray &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(header, secret);
    return finish(m_network.post(request, body));
}

int tst_IngestSpool::countEvents(const QString &url)
{
    // A fresh connection each time: the server may have restarted underneath.
    auto database = Store::Database::open(*Store::DatabaseUrl::parse(url));
    if (!database)
        return -1;
    int result = -1;
    (*database)
        ->adminTransaction(Store::TransactionMode::Read,
                           [&](QSqlDatabase &db) {
                               auto count =
                                   Store::SqlQuery(
                                       db, QStringLiteral("SELECT COUNT(*) FROM webhook_events"))
                                       .scalar();
                               result = count ? count->toInt() : -1;
                               return ok();
                           })
        .hasValue();
    return result;
}

void tst_IngestSpool::everyEventArrivesOnceAcrossAnOutage()
{
    Test::PrivatePostgres postgres;
    SB_VERIFY_OK(postgres.start());
    {
        auto server = Store::Database::open(
            *Store::DatabaseUrl::parse(postgres.url(QStringLiteral("postgres"))));
        SB_VERIFY_OK(server);
        QVERIFY(QSqlQuery(*(*server)->connection())
                    .exec(QStringLiteral("CREATE DATABASE switchboard")));
    }
    const QString url = postgres.url(QStringLiteral("switchboard"));
    auto database = Store::Database::open(*Store::DatabaseUrl::parse(url));
    SB_VERIFY_OK(database);
    SB_VERIFY_OK(Store::Migrator(**database).migrate());
    const QString account = QStringLiteral("AC") + QStringLiteral("e").repeated(32);
    const QString token = QStringLiteral("5").repeated(32);
    QTemporaryDir dir;
    auto sealer = Test::createVault(**database, dir.filePath(QStringLiteral("vault.key")));
    SB_VERIFY_OK(sealer);
    auto scope = Test::addTwilioTenant(**database,
                                       *sealer,
                                       QStringLiteral("clinic-e"),
                                       account,
                                       QStringLiteral("+16175550199"),
                                       token);
    SB_VERIFY_OK(scope);

    // VAPI (routed by the assistant number) and RingCentral (by the connected account), each
    // authenticated by a shared secret that must never reach the spool file.
    const QByteArray vapiSecret = "vapi-secret-of-clinic-e";
    const QByteArray ringCentralToken = "rc-token-of-clinic-e";
    Store::PhoneNumber assistant;
    assistant.e164 = QStringLiteral("+16175550123");
    assistant.provider = Store::NumberProvider::Vapi;
    assistant.purpose = Store::NumberPurpose::Assistant;
    SB_VERIFY_OK(Store::PhoneNumberStore(**database).add(*scope, assistant));
    SB_VERIFY_OK(Vault::SealedSecretStore(**database, *sealer)
                     .put(*scope,
                          QStringLiteral("vapi-server"),
                          QStringLiteral("secret"),
                          Secret(vapiSecret)));
    SB_VERIFY_OK(Vault::SealedSecretStore(**database, *sealer)
                     .put(*scope,
                          QStringLiteral("ringcentral-webhook"),
                          QStringLiteral("verification-token"),
                          Secret(ringCentralToken)));
    SB_VERIFY_OK(
        Store::SqlQuery(*(*database)->connection(),
                        QStringLiteral("INSERT INTO connections (tenant_id, kind, provider,"
                                       " external_account_id, created_at, updated_at) VALUES"
                                       " (:t, 'provider', 'ringcentral', '406149828004', 0, 0)"))
            .bind(QStringLiteral(":t"), scope->tenantId().value())
            .exec());
    const auto vapiStatus = [&](const QByteArray &callId) {
        return R"({"message":{"type":"status-update","status":"in-progress","call":{"id":")"
            + callId + R"("},"phoneNumber":{"number":"+16175550123"}}})";
    };
    const auto ringCentralNotification = [](const QByteArray &uuid) {
        return R"({"uuid":")" + uuid
            + R"(","event":"/restapi/v1.0/account/~/extension/406149828004/message-store",)"
              R"("ownerId":"406149828004","body":{"changes":[{"type":"SMS","newCount":1}]}})";
    };

    const QString spoolDir = dir.filePath(QStringLiteral("spool"));
    Ingest::IngestServer server(
        *database,
        std::make_shared<const Vault::Sealer>(*sealer),
        Providers::webhookEndpoints(),
        Ingest::IngestServerConfig{QStringLiteral("https://hooks.example.org"), 1 << 20, spoolDir});
    auto port = server.listen(QHostAddress::LocalHost, 0);
    SB_VERIFY_OK(port);

    QCOMPARE(post(*port, account, token, 0), 200);
    QCOMPARE(postJson(*port, u"/vapi"_s, "X-Vapi-Secret", vapiSecret, vapiStatus("call-1")), 200);
    QCOMPARE(postJson(*port,
                      u"/ringcentral"_s,
                      "Verification-Token",
                      ringCentralToken,
                      ringCentralNotification("rc-1")),
             200);
    QCOMPARE(countEvents(url), 3);

    SB_VERIFY_OK(postgres.stop());
    for (int message = 1; message <= 5; ++message)
        QCOMPARE(post(*port, account, token, message), 200); // spooled, acknowledged
    QCOMPARE(post(*port, account, token, 3), 200); // a redelivery during the outage
    QVERIFY(QFileInfo(QDir(spoolDir).filePath(QStringLiteral("webhooks.spool"))).size() > 0);
    // A new VAPI call and a RingCentral notification, presenting secrets accepted before.
    QCOMPARE(postJson(*port, u"/vapi"_s, "X-Vapi-Secret", vapiSecret, vapiStatus("call-2")), 200);
    QCOMPARE(postJson(*port,
                      u"/ringcentral"_s,
                      "Verification-Token",
                      ringCentralToken,
                      ringCentralNotification("rc-2")),
             200);
    // An event nothing vouches for while the store is down is not acknowledged.
    QCOMPARE(post(*port, QStringLiteral("AC") + QStringLiteral("f").repeated(32), token, 9), 503);
    QCOMPARE(postJson(*port, u"/vapi"_s, "X-Vapi-Secret", "guessed", vapiStatus("call-3")), 503);
    QCOMPARE(postJson(*port,
                      u"/ringcentral"_s,
                      "Verification-Token",
                      "guessed",
                      ringCentralNotification("rc-3")),
             503);
    {
        QFile spoolFile(QDir(spoolDir).filePath(QStringLiteral("webhooks.spool")));
        QVERIFY(spoolFile.open(QIODevice::ReadOnly));
        const QByteArray spooled = spoolFile.readAll();
        QVERIFY(spooled.contains("/vapi") && spooled.contains("/ringcentral"));
        QVERIFY(!spooled.contains(vapiSecret) && !spooled.contains(ringCentralToken));
    }

    SB_VERIFY_OK(postgres.start());
    QTRY_COMPARE_WITH_TIMEOUT(countEvents(url), 10, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(
        QFileInfo(QDir(spoolDir).filePath(QStringLiteral("webhooks.spool"))).size(),
        qint64(0),
        10000);
    QCOMPARE(post(*port, account, token, 4), 200); // after the drain: still a duplicate
    QCOMPARE(countEvents(url), 10);
}

QTEST_GUILESS_MAIN(tst_IngestSpool)
#include "tst_ingestspool.moc"
