#include "rawhttpfixture.h"

#include "../support/ctlrunner.h"
#include "../support/logcapture.h"

#include <core/store/sqlquery.h>

#include <QNetworkReply>
#include <QSqlQuery>

using namespace Sb;
using namespace Sb::Ingest;
using Test::httpRequest;

// `serve` attacked over real sockets on both backends with what hostile or broken clients send:
// hang-ups before the answer, empty and malformed bodies, floods of unsigned megabytes.
// Connections themselves (idle, slow, oversized, closing, pipelining): tst_ingestconnections.
class tst_IngestHostile : public QObject, protected Test::RawHttpFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { m_outages.emplace(QStringLiteral("store unavailable")); }
    void cleanupTestCase() { m_outages.reset(); }
    void init();
    void cleanup() { stop(); }
    void earlyHangUpsCostNothing_data() { Test::TestDatabase::addBackendRows(); }
    void earlyHangUpsCostNothing();
    void emptyAndMalformedBodiesAreBadRequests_data() { Test::TestDatabase::addBackendRows(); }
    void emptyAndMalformedBodiesAreBadRequests();
    void unsignedFloodIsSlowedAndBounded_data() { Test::TestDatabase::addBackendRows(); }
    void unsignedFloodIsSlowedAndBounded();

private:
    // Warnings that report an outage; a bad request must never produce one.
    std::optional<Test::LogCapture> m_outages;
};

void tst_IngestHostile::init()
{
    reset();
    m_outages->clear();
}

void tst_IngestHostile::earlyHangUpsCostNothing()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QByteArray vapi = endOfCallReport(QStringLiteral("call-hangup"), {});
    const QByteArray ringCentral = R"({"uuid":"u1","event":"/restapi/v1.0/account/~/telephony/)"
                                   R"(sessions","ownerId":"999","body":{}})";
    // Signed traffic flows all along: 40 genuine SMS on an ordinary client.
    QList<QNetworkReply *> genuine;
    const QString path = QStringLiteral("/twilio/sms");
    for (int i = 0; i < 40; ++i) {
        const QByteArray body =
            smsBody(m_accountA, m_numberA, QStringLiteral("SM%1").arg(i, 32, 10, QLatin1Char('a')));
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("X-Twilio-Signature", sign(path, body, m_tokenA));
        genuine << m_network.post(request, body);
    }
    // 240 requests on every endpoint whose clients leave before the answer: half close at
    // once, half shut their sending side (a health check timing out, a proxy giving up).
    const QList<QByteArray> requests{
        httpRequest("GET", "/healthz", {}, {}),
        {}, // a signed SMS, each with its own sid
        httpRequest(
            "POST",
            "/vapi",
            vapi,
            {{"Content-Type", "application/json"}, {"X-Vapi-Secret", m_vapiSecretA.toUtf8()}}),
        httpRequest("POST", "/ringcentral", ringCentral, {{"Content-Type", "application/json"}}),
        httpRequest("POST", "/twilio/voice", "AccountSid=x", {})};
    for (int i = 0; i < 240; ++i) {
        auto socket = connectRaw();
        QVERIFY(socket);
        const int kind = i % requests.size();
        socket->write(
            kind == 1 ? signedSmsRequest(QStringLiteral("SM%1").arg(i, 32, 10, QLatin1Char('b')))
                      : requests[kind]);
        socket->flush();
        if (i % 2 == 0)
            socket->abort();
        else
            socket->disconnectFromHost();
        if (i % 10 == 0)
            QTest::qWait(1); // the server reads some before their clients are gone
    }
    for (QNetworkReply *reply : std::as_const(genuine)) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestsInFlight(), 0, 20000);
    // One more, parked behind a held store: its answer comes long after its client left.
    {
        QSqlQuery lock(*m_admin->connection());
        lockStore(lock);
        auto socket = connectRaw();
        QVERIFY(socket);
        socket->write(signedSmsRequest(QStringLiteral("SM") + QStringLiteral("e").repeated(32)));
        socket->flush();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requestsInFlight(), 1, 5000);
        const int open = m_server->openConnections();
        socket->abort();
        // The server has seen its client go before the answer is ready.
        QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), open - 1, 5000);
        QVERIFY(lock.exec(QStringLiteral("COMMIT")));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestsInFlight(), 0, 20000);
    QVERIFY(healthy());
    // Every genuine event once; those whose clients left at most once each (one read before
    // its client left is stored, and never twice), the parked one among them.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE event_key LIKE"
                                  " 'message:SMa%'")),
             40);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM (SELECT event_key FROM webhook_events"
                                  " GROUP BY tenant_id, provider, event_key HAVING COUNT(*) > 1)"
                                  " AS twice")),
             0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE event_key = :key"),
                   {{QStringLiteral(":key"),
                     QStringLiteral("message:SM") + QStringLiteral("e").repeated(32)}}),
             1);
    QVERIFY(m_server->httpCounters().answersDropped > 0);
}

void tst_IngestHostile::emptyAndMalformedBodiesAreBadRequests()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(start(backend));
    const QStringList paths{QStringLiteral("/twilio/sms"),
                            QStringLiteral("/twilio/whatsapp"),
                            QStringLiteral("/twilio/voice"),
                            QStringLiteral("/twilio/call-status"),
                            QStringLiteral("/twilio/message-status"),
                            QStringLiteral("/twilio/recording-status"),
                            QStringLiteral("/vapi"),
                            QStringLiteral("/ringcentral")};
    for (const QString &path : paths) {
        const Reply empty = post(path, {}, "anything");
        QVERIFY2(empty.status == 400, qPrintable(path + u' ' + QString::number(empty.status)));
    }
    // Not a form Twilio would send, not JSON: refused, and kept (a parser fix can replay it).
    int malformed = 0;
    for (const QString &path : paths) {
        const QByteArray junk = path.startsWith(u"/twilio") ? QByteArray("Body=%ZZ&&=")
                                                            : QByteArray("{\"message\": [1,");
        const Reply reply = post(path, junk, {});
        QVERIFY2(reply.status == 400, qPrintable(path + u' ' + QString::number(reply.status)));
        ++malformed;
    }
    QVERIFY2(m_outages->lines().isEmpty(), qPrintable(m_outages->text()));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine")), malformed);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
    QVERIFY(healthy());
}

void tst_IngestHostile::unsignedFloodIsSlowedAndBounded()
{
    QFETCH(QString, backend);
    m_quarantineBudget = 4 << 20;
    m_quarantineRefreshMs = 200;
    SB_VERIFY_OK(start(backend));
    const QString path = QStringLiteral("/twilio/sms");
    const QByteArray megabyte(1000 * 1000, 'x'); // within the 1 MiB body limit
    int refused = 0;
    int badRequests = 0;
    for (int i = 0; i < 40; ++i) {
        // Alternately junk and a well-formed message for nobody's account, neither signed.
        const QByteArray body = i % 2 == 0
            ? megabyte
            : smsBody(QStringLiteral("AC") + QStringLiteral("f").repeated(32),
                      QStringLiteral("+19995550100"),
                      QStringLiteral("SM%1").arg(i, 32, 10, QLatin1Char('f')))
                + "&Pad=" + megabyte;
        const int status = post(path, body, {}).status;
        QVERIFY2(status == 400 || status == 429 || status == 200,
                 qPrintable(QString::number(status)));
        refused += status == 429 ? 1 : 0;
        badRequests += status == 400 ? 1 : 0;
    }
    QVERIFY2(refused > 0, "an unsigned flood was never slowed");
    QVERIFY(badRequests > 0);
    // What the quarantine keeps of it stays within its budget (plus the one that crossed it).
    const int keptBytes = count(QStringLiteral("SELECT COALESCE(SUM(LENGTH(raw_body)), 0)"
                                               " FROM quarantine WHERE NOT verified"));
    QVERIFY2(keptBytes <= (4 << 20) + (1 << 20) + 100,
             qPrintable(QStringLiteral("kept %1 bytes").arg(keptBytes)));
    QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id IS NULL"
                                 " AND action = 'quarantine.full'"))
            == 1);
    // A verified event that cannot be placed is still kept: signed with clinic A's token for
    // clinic A's number, naming an account clinic A has not connected.
    const QString foreign = QStringLiteral("AC") + QStringLiteral("e").repeated(32);
    const QByteArray verified =
        smsBody(foreign, m_numberA, QStringLiteral("SM") + QStringLiteral("c").repeated(32));
    QCOMPARE(post(path, verified, sign(path, verified, m_tokenA)).status, 200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE verified"
                                  " AND reason LIKE :account"),
                   {{QStringLiteral(":account"), QStringLiteral("%") + foreign + u'%'}}),
             1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 0);
    // A genuine event from the same (now suspect) source is still stored.
    const QByteArray genuine =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("d").repeated(32));
    QCOMPARE(post(path, genuine, sign(path, genuine, m_tokenA)).status, 200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 1);
    QVERIFY2(m_outages->lines().isEmpty(), qPrintable(m_outages->text()));

    // The administrator is told, with what the quarantine holds.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const Test::CtlRun listed = Test::runCtl({QStringLiteral("--db"),
                                              m_databases.lastUrl(),
                                              QStringLiteral("events"),
                                              QStringLiteral("list"),
                                              QStringLiteral("--quarantined")},
                                             {},
                                             environment);
    QCOMPARE(listed.exitCode, 0);
    QVERIFY2(listed.err.contains(QLatin1String("budget of 4.0 MiB is reached")),
             qPrintable(listed.err));

    // Purged, the quarantine has room again, and serve keeps what it refused before; the
    // verified event stays.
    const Test::CtlRun purged = Test::runCtl({QStringLiteral("--db"),
                                              m_databases.lastUrl(),
                                              QStringLiteral("events"),
                                              QStringLiteral("purge"),
                                              QStringLiteral("--quarantined")},
                                             {},
                                             environment);
    QVERIFY2(purged.exitCode == 0, qPrintable(purged.err));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine")), 1);
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE"
                                                  " tenant_id IS NULL"
                                                  " AND action = 'quarantine.room'"))
                                 == 1,
                             5000);
    // From another source: 127.0.0.1 is still over its own budget.
    auto other = connectRaw();
    QVERIFY(other);
    other->write(httpRequest("POST", "/twilio/sms", "Body=%ZZ", {}));
    QVERIFY(readAnswer(*other).startsWith("HTTP/1.1 400"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM quarantine")), 2);
}

QTEST_GUILESS_MAIN(tst_IngestHostile)
#include "tst_ingesthostile.moc"
