#include "../support/ctlrunner.h"
#include "ingestfixture.h"

#include <core/providers/twilio/twiliosignature.h>
#include <core/store/messagerecord.h>
#include <core/store/sqlquery.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealedsecretstore.h>
#include <core/vault/vaultadmin.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QUrlQuery>

using namespace Sb;
using namespace Sb::Ingest;
using Sb::Providers::Twilio::TwilioSignature;

// Twilio webhooks through `serve`: each event in its own tenant, bad signatures refused,
// duplicates stored once, statuses only forward, quarantine and replay, garbage and oversized
// bodies, the health check.
class tst_IngestServer : public QObject, protected Test::IngestFixture
{
    Q_OBJECT

private slots:
    void init() { reset(); }
    void cleanup() { stop(); }
    void eachEventLandsInItsOwnTenant_data() { Test::TestDatabase::addBackendRows(); }
    void eachEventLandsInItsOwnTenant();
    void refusesBadSignatures_data();
    void refusesBadSignatures();
    void storesDuplicateOnce_data() { Test::TestDatabase::addBackendRows(); }
    void storesDuplicateOnce();
    void keepsWhatCameWithAText_data() { Test::TestDatabase::addBackendRows(); }
    void keepsWhatCameWithAText();
    void statusNeverMovesBackwards();
    void rotatedTokenVerifiesAtOnce_data() { Test::TestDatabase::addBackendRows(); }
    void rotatedTokenVerifiesAtOnce();
    void quarantinesUnknownAccount_data() { Test::TestDatabase::addBackendRows(); }
    void quarantinesUnknownAccount();
    void replaysQuarantineAfterMappingFix_data() { Test::TestDatabase::addBackendRows(); }
    void replaysQuarantineAfterMappingFix();
    void refusesAndKeepsGarbage_data();
    void refusesAndKeepsGarbage();
    void refusesOversizedBody();
    void answersHealthCheck();
};

void tst_IngestServer::eachEventLandsInItsOwnTenant()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QByteArray toA =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("1").repeated(32));
    const QByteArray toB =
        smsBody(m_accountB, m_numberB, QStringLiteral("SM") + QStringLiteral("2").repeated(32));
    Reply reply = post(
        QStringLiteral("/twilio/sms"), toA, sign(QStringLiteral("/twilio/sms"), toA, m_tokenA));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.body.contains("<Response/>"));
    QCOMPARE(
        post(QStringLiteral("/twilio/sms"), toB, sign(QStringLiteral("/twilio/sms"), toB, m_tokenB))
            .status,
        200);
    const QString inThread =
        QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = :t AND our_e164 = :n");
    QCOMPARE(
        count(inThread, {{QStringLiteral(":t"), m_tenantA}, {QStringLiteral(":n"), m_numberA}}), 1);
    QCOMPARE(
        count(inThread, {{QStringLiteral(":t"), m_tenantB}, {QStringLiteral(":n"), m_numberB}}), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages")), 2);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE tenant_id = :t"),
                   {{QStringLiteral(":t"), m_tenantA}}),
             1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine")), 0);
}

void tst_IngestServer::refusesBadSignatures_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("how");
    for (const char *backend : {"sqlite", "postgres"}) {
        for (const char *how : {"missing", "other-tenants-token", "local-url", "tampered-body"})
            QTest::addRow("%s-%s", backend, how)
                << QString::fromLatin1(backend) << QString::fromLatin1(how);
    }
}

void tst_IngestServer::refusesBadSignatures()
{
    QFETCH(QString, backend);
    QFETCH(QString, how);
    SB_VERIFY_OK(start(backend));
    const QString path = QStringLiteral("/twilio/sms");
    QByteArray body =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("3").repeated(32));
    QByteArray signature;
    if (how == u"other-tenants-token")
        signature = sign(path, body, m_tokenB);
    else if (how == u"local-url")
        signature =
            TwilioSignature::compute(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path),
                                     *FormFields::parse(body),
                                     Secret::fromString(m_tokenA));
    else if (how == u"tampered-body") {
        signature = sign(path, body, m_tokenA);
        body.replace("appointment", "appointmenT");
    }
    QCOMPARE(post(path, body, signature).status, 403);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = :t"
                                  " AND action = 'webhook.signature-refused'"),
                   {{QStringLiteral(":t"), m_tenantA}}),
             1);
    // The audit line says which URL was checked, never the token.
    auto detail =
        Store::SqlQuery(*m_admin->connection(), QStringLiteral("SELECT detail FROM audit_log"))
            .scalar();
    SB_VERIFY_OK(detail);
    QVERIFY(detail->toString().contains(m_publicUrl + path));
    QVERIFY(!detail->toString().contains(m_tokenA));
}

void tst_IngestServer::storesDuplicateOnce()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString path = QStringLiteral("/twilio/sms");
    const QByteArray body =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("4").repeated(32));
    const QByteArray signature = sign(path, body, m_tokenA);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(path, body, signature).status, 200);
    // And three at once.
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 3; ++i) {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("X-Twilio-Signature", signature);
        replies << m_network.post(request, body);
    }
    for (QNetworkReply *reply : std::as_const(replies)) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages")), 1);
}

// An MMS: the pictures and files Twilio lists with the text are kept with it, in order, with
// their types (on PostgreSQL through the batch function, on SQLite event by event).
void tst_IngestServer::keepsWhatCameWithAText()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString path = QStringLiteral("/twilio/sms");
    const QString messageSid = QStringLiteral("MM") + QStringLiteral("7").repeated(32);
    const QString base = QStringLiteral("https://api.twilio.com/2010-04-01/Accounts/") + m_accountA
        + QStringLiteral("/Messages/") + messageSid + QStringLiteral("/Media/ME");
    const QList<Store::MessageMedia> media{{base + QStringLiteral("1"), QStringLiteral("image/jpeg")},
                                           {base + QStringLiteral("2"),
                                            QStringLiteral("application/pdf")}};
    QUrlQuery extra;
    extra.setQueryItems({{QStringLiteral("MediaUrl0"), media.at(0).url},
                         {QStringLiteral("MediaContentType0"), media.at(0).contentType},
                         {QStringLiteral("MediaUrl1"), media.at(1).url},
                         {QStringLiteral("MediaContentType1"), media.at(1).contentType}});
    const QByteArray body = smsBody(m_accountA, m_numberA, messageSid)
                                .replace("NumMedia=0", "NumMedia=2")
        + '&' + extra.toString(QUrl::FullyEncoded).toUtf8();
    QCOMPARE(post(path, body, sign(path, body, m_tokenA)).status, 200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE media_json = :media"),
                   {{QStringLiteral(":media"), Store::mediaJson(media)}}),
             1);
}

// The route cache answers for a subaccount seen moments ago; a token rotated since must still
// verify at once (the store is asked again), and the other tenant's token never does.
void tst_IngestServer::rotatedTokenVerifiesAtOnce()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString path = QStringLiteral("/twilio/sms");
    const QByteArray first =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("6").repeated(32));
    QCOMPARE(post(path, first, sign(path, first, m_tokenA)).status, 200); // now cached

    const QString rotated = QStringLiteral("9").repeated(32);
    auto sealer = Vault::VaultAdmin(*m_admin, Vault::KeySource::file(m_keyFile)).sealer();
    SB_VERIFY_OK(sealer);
    auto tenantA = Tenancy::AdminSession(*m_admin).scope(QString::number(m_tenantA));
    SB_VERIFY_OK(tenantA);
    SB_VERIFY_OK(Vault::SealedSecretStore(*m_admin, *sealer)
                     .put(*tenantA,
                          QStringLiteral("twilio-account:") + m_accountA,
                          QStringLiteral("auth-token"),
                          Secret::fromString(rotated)));
    const QByteArray second =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("7").repeated(32));
    QCOMPARE(post(path, second, sign(path, second, rotated)).status, 200);
    const QByteArray forged =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("8").repeated(32));
    QCOMPARE(post(path, forged, sign(path, forged, m_tokenB)).status, 403);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 2);
}

void tst_IngestServer::statusNeverMovesBackwards()
{
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    const QString path = QStringLiteral("/twilio/message-status");
    const QString sid = QStringLiteral("SM") + QStringLiteral("5").repeated(32);
    for (const char *status : {"delivered", "sent", "queued"}) {
        QUrlQuery query;
        query.setQueryItems({{QStringLiteral("AccountSid"), m_accountA},
                             {QStringLiteral("MessageSid"), sid},
                             {QStringLiteral("MessageStatus"), QLatin1String(status)},
                             {QStringLiteral("From"), m_numberA},
                             {QStringLiteral("To"), QStringLiteral("+15550001111")}});
        const QByteArray body = query.toString(QUrl::FullyEncoded).toUtf8().replace("+1", "%2B1");
        QCOMPARE(post(path, body, sign(path, body, m_tokenA)).status, 200);
    }
    // Every transition is kept; the message shows the furthest one.
    QCOMPARE(count(QStringLiteral(
                 "SELECT COUNT(*) FROM webhook_events WHERE event_type = 'message.status'")),
             3);
    auto status =
        Store::SqlQuery(*m_admin->connection(), QStringLiteral("SELECT status FROM messages"))
            .scalar();
    SB_VERIFY_OK(status);
    QCOMPARE(status->toString(), QStringLiteral("delivered"));
}

void tst_IngestServer::quarantinesUnknownAccount()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString unknown = QStringLiteral("AC") + QStringLiteral("c").repeated(32);
    const QByteArray body = smsBody(unknown,
                                    QStringLiteral("+13125550100"),
                                    QStringLiteral("SM") + QStringLiteral("6").repeated(32));
    // Acknowledged, so Twilio does not retry; kept, so an administrator can replay it.
    QCOMPARE(post(QStringLiteral("/twilio/sms"),
                  body,
                  sign(QStringLiteral("/twilio/sms"), body, m_tokenA))
                 .status,
             200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE reason LIKE :pattern"),
              {{QStringLiteral(":pattern"), QStringLiteral("%") + unknown + QStringLiteral("%")}}),
        1);
}

void tst_IngestServer::replaysQuarantineAfterMappingFix()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QString accountC = QStringLiteral("AC") + QStringLiteral("c").repeated(32);
    const QString tokenC = QStringLiteral("3").repeated(32);
    const QString numberC = QStringLiteral("+13125550100");
    const QString path = QStringLiteral("/twilio/sms");
    const QByteArray good =
        smsBody(accountC, numberC, QStringLiteral("SM") + QStringLiteral("7").repeated(32));
    const QByteArray forged =
        smsBody(accountC, numberC, QStringLiteral("SM") + QStringLiteral("8").repeated(32));
    QCOMPARE(post(path, good, sign(path, good, tokenC)).status, 200);
    QCOMPARE(post(path, forged, sign(path, forged, QStringLiteral("9").repeated(32))).status, 200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE replayed_at IS NULL")), 2);

    const QStringList db{
        QStringLiteral("--db"), m_databases.lastUrl(), QStringLiteral("--key-file"), m_keyFile};
    // The administrator maps the new number and account to clinic-b, with its token.
    QCOMPARE(Test::runCtl(QStringList{QStringLiteral("number"),
                                      QStringLiteral("add"),
                                      numberC,
                                      QStringLiteral("--tenant"),
                                      QStringLiteral("clinic-b"),
                                      QStringLiteral("--provider"),
                                      QStringLiteral("twilio"),
                                      QStringLiteral("--purpose"),
                                      QStringLiteral("clinic"),
                                      QStringLiteral("--account"),
                                      accountC}
                          + db)
                 .exitCode,
             0);
    auto sealed = Test::runCtl(QStringList{QStringLiteral("secret"),
                                           QStringLiteral("set"),
                                           QStringLiteral("--tenant"),
                                           QStringLiteral("clinic-b"),
                                           QStringLiteral("--record"),
                                           QStringLiteral("twilio-account:") + accountC,
                                           QStringLiteral("--purpose"),
                                           QStringLiteral("auth-token")}
                                   + db,
                               tokenC.toUtf8() + '\n');
    QVERIFY2(sealed.exitCode == 0, qPrintable(sealed.err));
    // Asked to place events in clinic-a only, nothing moves: they route to clinic-b.
    auto run = Test::runCtl(QStringList{QStringLiteral("events"),
                                        QStringLiteral("replay"),
                                        QStringLiteral("--tenant"),
                                        QStringLiteral("clinic-a")}
                            + db);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"0 of 2 placed"), qPrintable(run.out));

    run = Test::runCtl(
        QStringList{QStringLiteral("events"), QStringLiteral("replay"), QStringLiteral("--json")}
        + db);
    QCOMPARE(run.exitCode, 0);
    const QJsonArray outcomes = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(outcomes.at(0)[u"placed"].toBool(), true);
    QCOMPARE(outcomes.at(0)[u"tenant"].toInteger(), m_tenantB);
    QCOMPARE(outcomes.at(1)[u"placed"].toBool(), false); // the forged one: signature refused
    QVERIFY(outcomes.at(1)[u"detail"].toString().contains(u"signature"));

    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE tenant_id = :t"),
                   {{QStringLiteral(":t"), m_tenantB}}),
             1);
    QCOMPARE(count(QStringLiteral(
                       "SELECT COUNT(*) FROM messages WHERE tenant_id = :t AND our_e164 = :n"),
                   {{QStringLiteral(":t"), m_tenantB}, {QStringLiteral(":n"), numberC}}),
             1);
    run = Test::runCtl(QStringList{QStringLiteral("events"),
                                   QStringLiteral("list"),
                                   QStringLiteral("--quarantined"),
                                   QStringLiteral("--json")}
                       + db);
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 1);
    run = Test::runCtl(QStringList{QStringLiteral("events"),
                                   QStringLiteral("list"),
                                   QStringLiteral("--tenant"),
                                   QStringLiteral("clinic-b"),
                                   QStringLiteral("--json")}
                       + db);
    const QJsonArray placed = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(placed.size(), 1);
    // Shown with the headers it came with: the signature that verified it, as kept.
    run = Test::runCtl(QStringList{QStringLiteral("events"),
                                   QStringLiteral("show"),
                                   QString::number(placed.at(0)[u"id"].toInteger()),
                                   QStringLiteral("--tenant"),
                                   QStringLiteral("clinic-b")}
                       + db);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject shown = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QVERIFY2(!shown[u"headers"][u"x-twilio-signature"].toString().isEmpty(), qPrintable(run.out));
    QVERIFY2(shown[u"body"].toString().contains(u"MessageSid="), qPrintable(run.out));
    // Replaying again places nothing twice.
    run = Test::runCtl(QStringList{QStringLiteral("events"), QStringLiteral("replay")} + db);
    QVERIFY2(run.out.contains(u"0 of 1 placed"), qPrintable(run.out));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 1);
}

void tst_IngestServer::refusesAndKeepsGarbage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("binary") << QByteArray("\x00\xff\x13garbage", 10);
    QTest::newRow("json") << QByteArray("{\"AccountSid\": \"AC\"}");
    QTest::newRow("no-account") << QByteArray(
        "MessageSid=SM00000000000000000000000000000000&Body=x");
    QTest::newRow("bad-sids") << QByteArray("AccountSid=ACnothex&MessageSid=SMzz");
}

void tst_IngestServer::refusesAndKeepsGarbage()
{
    QFETCH(QByteArray, body);
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    const Reply reply = post(QStringLiteral("/twilio/sms"), body, "irrelevant");
    QCOMPARE(reply.status, 400);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine")), 1);
    auto kept =
        Store::SqlQuery(*m_admin->connection(), QStringLiteral("SELECT raw_body FROM quarantine"))
            .scalar();
    SB_VERIFY_OK(kept);
    QCOMPARE(kept->toByteArray(), body); // nothing lost, byte for byte
}

void tst_IngestServer::refusesOversizedBody()
{
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    QCOMPARE(post(QStringLiteral("/twilio/sms"), QByteArray((1 << 20) + 1, 'a'), "x").status, 413);
    QCOMPARE(post(QStringLiteral("/twilio/sms"), QByteArray(1 << 20, 'a'), "x").status,
             400); // at the limit: read
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
}

void tst_IngestServer::answersHealthCheck()
{
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    QNetworkReply *reply = m_network.get(
        QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(m_port))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("ok"));
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(tst_IngestServer)
#include "tst_ingestserver.moc"
