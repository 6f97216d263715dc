#include "../support/privatepostgres.h"
#include "../support/testdatabase.h"

#include <core/ingest/ingestserver.h>
#include <core/ingest/twiliosignature.h>
#include <core/store/migrator.h>
#include <core/store/phonenumberstore.h>
#include <core/store/sqlquery.h>
#include <core/tenancy/staffsession.h>
#include <core/tenancy/tenantdirectory.h>
#include <core/vault/sealedsecretstore.h>
#include <core/vault/vaultadmin.h>

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QUrlQuery>

using namespace Sb;

// PostgreSQL stops in the middle of a run: verified events are spooled (fsync'd) and
// acknowledged, and once the server is back every event is in the store exactly once.
class tst_IngestSpool : public QObject
{
    Q_OBJECT

private slots:
    void everyEventArrivesOnceAcrossAnOutage();

private:
    int post(quint16 port, const QString &account, const QString &token, int message);
    static int countEvents(const QString &url);

    QNetworkAccessManager m_network;
};

int tst_IngestSpool::post(quint16 port, const QString &account, const QString &token, int message)
{
    QUrlQuery query;
    query.setQueryItems({{QStringLiteral("AccountSid"), account},
                         {QStringLiteral("MessageSid"),
                          QStringLiteral("SM%1").arg(message, 32, 10, QLatin1Char('0'))},
                         {QStringLiteral("From"), QStringLiteral("+15550001111")},
                         {QStringLiteral("To"), QStringLiteral("+16175550199")},
                         {QStringLiteral("Body"), QStringLiteral("message %1").arg(message)}});
    const QByteArray body = query.toString(QUrl::FullyEncoded).toUtf8().replace("+1", "%2B1");
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/twilio/sms").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(
        "X-Twilio-Signature",
        Ingest::TwilioSignature::compute(QStringLiteral("https://hooks.example.org/twilio/sms"),
                                         *Ingest::FormFields::parse(body),
                                         Secret::fromString(token)));
    QNetworkReply *reply = m_network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(30000))
        return -1;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
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
    SB_VERIFY_OK(Tenancy::TenantDirectory(**database).add(QStringLiteral("clinic-e"), {}));
    auto scope = Tenancy::AdminSession(**database).scope(QStringLiteral("clinic-e"));
    SB_VERIFY_OK(scope);
    Store::PhoneNumber number;
    number.e164 = QStringLiteral("+16175550199");
    number.providerAccountId = account;
    SB_VERIFY_OK(Store::PhoneNumberStore(**database).add(*scope, number));
    QTemporaryDir dir;
    const QString keyFile = dir.filePath(QStringLiteral("vault.key"));
    SB_VERIFY_OK(Vault::VaultAdmin(**database, Vault::KeySource::file(keyFile)).init());
    auto sealer = Vault::VaultAdmin(**database, Vault::KeySource::file(keyFile)).sealer();
    SB_VERIFY_OK(sealer);
    SB_VERIFY_OK(Vault::SealedSecretStore(**database, *sealer)
                     .put(*scope,
                          QStringLiteral("twilio-account:") + account,
                          QStringLiteral("auth-token"),
                          Secret::fromString(token)));

    const QString spoolDir = dir.filePath(QStringLiteral("spool"));
    Ingest::IngestServer server(
        *database,
        std::make_shared<const Vault::Sealer>(*sealer),
        Ingest::IngestServerConfig{QStringLiteral("https://hooks.example.org"), 1 << 20, spoolDir});
    auto port = server.listen(QHostAddress::LocalHost, 0);
    SB_VERIFY_OK(port);

    QCOMPARE(post(*port, account, token, 0), 200);
    QCOMPARE(countEvents(url), 1);

    SB_VERIFY_OK(postgres.stop());
    for (int message = 1; message <= 5; ++message)
        QCOMPARE(post(*port, account, token, message), 200); // spooled, acknowledged
    QCOMPARE(post(*port, account, token, 3), 200); // a redelivery during the outage
    QVERIFY(QFileInfo(QDir(spoolDir).filePath(QStringLiteral("webhooks.spool"))).size() > 0);
    // An event nothing vouches for while the store is down is not acknowledged.
    QCOMPARE(post(*port, QStringLiteral("AC") + QStringLiteral("f").repeated(32), token, 9), 503);

    SB_VERIFY_OK(postgres.start());
    QTRY_COMPARE_WITH_TIMEOUT(countEvents(url), 6, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(
        QFileInfo(QDir(spoolDir).filePath(QStringLiteral("webhooks.spool"))).size(),
        qint64(0),
        10000);
    QCOMPARE(post(*port, account, token, 4), 200); // after the drain: still a duplicate
    QCOMPARE(countEvents(url), 6);
}

QTEST_GUILESS_MAIN(tst_IngestSpool)
#include "tst_ingestspool.moc"
