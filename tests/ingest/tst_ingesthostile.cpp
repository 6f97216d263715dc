#include "ingestfixture.h"

#include "../support/ctlrunner.h"

#include <core/store/sqlquery.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QTcpSocket>

#include <sys/resource.h>

using namespace Sb;
using namespace Sb::Ingest;

namespace {
// Warnings that report an outage; a bad request must never produce one.
QStringList s_outageLines;
QtMessageHandler s_previousHandler = nullptr;

void recordOutages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(QLatin1String("store unavailable")))
        s_outageLines.append(message);
    if (s_previousHandler)
        s_previousHandler(type, context, message);
}

// 2,000 client sockets and the server's own need more descriptors than a default soft limit.
void raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

QByteArray httpRequest(const QByteArray &method,
                       const QByteArray &path,
                       const QByteArray &body,
                       const QList<QPair<QByteArray, QByteArray>> &headers,
                       const QByteArray &version = "HTTP/1.1")
{
    QByteArray request = method + ' ' + path + ' ' + version + "\r\nHost: 127.0.0.1\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    if (method == "POST")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return request + "\r\n" + body;
}
} // namespace

// `serve` attacked as a hostile client or a careless load balancer would, over real sockets on
// both backends: early hang-ups, empty and malformed bodies, floods of unsigned megabytes, idle
// and slow connections, pipelining and connection closing.
class tst_IngestHostile : public QObject, protected Test::IngestFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup() { stop(); }
    void earlyHangUpsCostNothing_data() { Test::TestDatabase::addBackendRows(); }
    void earlyHangUpsCostNothing();
    void emptyAndMalformedBodiesAreBadRequests_data() { Test::TestDatabase::addBackendRows(); }
    void emptyAndMalformedBodiesAreBadRequests();
    void unsignedFloodIsSlowedAndBounded_data() { Test::TestDatabase::addBackendRows(); }
    void unsignedFloodIsSlowedAndBounded();
    void idleConnectionsCannotCrowdOutSignedRequests();
    void slowAndIdleConnectionsAreClosed();
    void oversizedRequestIsCutOff();
    void closesAfterConnectionCloseAndHttp10();
    void pipelinedAnswersKeepTheirOrder();

private:
    // From 127.0.0.2 by default: hostile traffic comes from elsewhere than the providers'.
    std::unique_ptr<QTcpSocket> connectRaw(const QString &from = QStringLiteral("127.0.0.2"));
    QByteArray signedSmsRequest(const QString &messageSid, const QByteArray &extraHeader = {});
    QByteArray readAnswer(QTcpSocket &socket, int timeoutMs = 10000);
    bool healthy();
    void lockStore(QSqlQuery &lock);
};

void tst_IngestHostile::initTestCase()
{
    raiseFileLimit();
    s_previousHandler = qInstallMessageHandler(recordOutages);
}

void tst_IngestHostile::init()
{
    reset();
    s_outageLines.clear();
}

std::unique_ptr<QTcpSocket> tst_IngestHostile::connectRaw(const QString &from)
{
    auto socket = std::make_unique<QTcpSocket>();
    if (!socket->bind(QHostAddress(from)))
        return nullptr;
    socket->connectToHost(QHostAddress::LocalHost, m_port);
    // The kernel completes the handshake (listen backlog); the server accepts when it runs.
    if (!socket->waitForConnected(5000))
        return nullptr;
    return socket;
}

QByteArray tst_IngestHostile::signedSmsRequest(const QString &messageSid,
                                               const QByteArray &extraHeader)
{
    const QString path = QStringLiteral("/twilio/sms");
    const QByteArray body = smsBody(m_accountA, m_numberA, messageSid);
    QList<QPair<QByteArray, QByteArray>> headers{
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"X-Twilio-Signature", sign(path, body, m_tokenA)}};
    if (!extraHeader.isEmpty())
        headers.append({extraHeader.split(':').first(), extraHeader.split(':').last().trimmed()});
    return httpRequest("POST", path.toLatin1(), body, headers);
}

QByteArray tst_IngestHostile::readAnswer(QTcpSocket &socket, int timeoutMs)
{
    // The server runs on this thread: wait by spinning the event loop, never by blocking.
    QElapsedTimer timer;
    timer.start();
    QByteArray answer;
    while (timer.elapsed() < timeoutMs) {
        answer += socket.readAll();
        const qsizetype headerEnd = answer.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
            const qsizetype lengthAt = answer.toLower().indexOf("content-length: ");
            const qsizetype length =
                lengthAt < 0 ? 0 : answer.mid(lengthAt + 16).split('\r').first().toLongLong();
            if (answer.size() >= headerEnd + 4 + length)
                return answer;
        }
        QTest::qWait(5);
    }
    return answer;
}

bool tst_IngestHostile::healthy()
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(m_port)));
    QNetworkReply *reply = m_network.get(request);
    QElapsedTimer timer;
    timer.start();
    while (!reply->isFinished() && timer.elapsed() < 10000)
        QTest::qWait(5);
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
}

void tst_IngestHostile::lockStore(QSqlQuery &lock)
{
    if (m_admin->backend() == Store::Backend::Sqlite) {
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    } else {
        QVERIFY(lock.exec(QStringLiteral("BEGIN")));
        QVERIFY(lock.exec(QStringLiteral("LOCK TABLE webhook_events IN SHARE ROW EXCLUSIVE MODE")));
    }
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
        socket->abort();
        QTest::qWait(200);
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
    QVERIFY2(s_outageLines.isEmpty(), qPrintable(s_outageLines.join(u'\n')));
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
    QVERIFY2(s_outageLines.isEmpty(), qPrintable(s_outageLines.join(u'\n')));

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

void tst_IngestHostile::idleConnectionsCannotCrowdOutSignedRequests()
{
    m_httpLimits.maxConnections = 500;
    m_httpLimits.idleTimeoutMs = 120'000; // the cap alone must do it
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    idle.reserve(2000);
    for (int i = 0; i < 2000; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, m_port);
        idle.push_back(std::move(socket));
        if (i % 25 == 24) // let the server accept; the kernel's backlog is short
            QCoreApplication::processEvents();
    }
    // Each one taken (or, were every connection busy, refused).
    QTRY_VERIFY_WITH_TIMEOUT(
        m_server->httpCounters().connectionsAccepted + m_server->httpCounters().refusedFull >= 1900,
        60000);
    QVERIFY(m_server->openConnections() <= 500);
    QElapsedTimer timer;
    timer.start();
    const QByteArray body =
        smsBody(m_accountA, m_numberA, QStringLiteral("SM") + QStringLiteral("9").repeated(32));
    const QString path = QStringLiteral("/twilio/sms");
    QCOMPARE(post(path, body, sign(path, body, m_tokenA)).status, 200);
    qInfo() << "signed request answered in" << timer.elapsed() << "ms with"
            << m_server->openConnections() << "connections open,"
            << m_server->httpCounters().idleEvicted << "idle ones closed for room";
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(m_server->httpCounters().idleEvicted >= 1400);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events")), 1);
}

void tst_IngestHostile::slowAndIdleConnectionsAreClosed()
{
    m_httpLimits.idleTimeoutMs = 300;
    m_httpLimits.requestTimeoutMs = 600;
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    auto idle = connectRaw();
    auto slow = connectRaw();
    QVERIFY(idle && slow);
    // Slowloris: a request that trickles in, a byte at a time, never finishing.
    const QByteArray partial = "POST /twilio/sms HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n";
    for (int i = 0; i < 8; ++i) {
        slow->write(partial.mid(i, 1));
        slow->flush();
        QTest::qWait(100);
    }
    QTRY_COMPARE_WITH_TIMEOUT(idle->state(), QAbstractSocket::UnconnectedState, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(slow->state(), QAbstractSocket::UnconnectedState, 5000);
    QVERIFY(m_server->httpCounters().idleClosed >= 1);
    QVERIFY(m_server->httpCounters().slowClosed >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 5000);
}

void tst_IngestHostile::oversizedRequestIsCutOff()
{
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    auto socket = connectRaw();
    QVERIFY(socket);
    // Announces 50 MB and keeps sending: the server stops well before buffering it.
    socket->write("POST /twilio/sms HTTP/1.1\r\nHost: x\r\nContent-Length: 52428800\r\n\r\n");
    const QByteArray chunk(64 * 1024, 'a');
    for (int i = 0; i < 64 && socket->state() == QAbstractSocket::ConnectedState; ++i) {
        socket->write(chunk);
        QTest::qWait(2);
    }
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(m_server->httpCounters().tooLarge, quint64(1));
    // Headers without end are cut off the same way.
    auto endless = connectRaw();
    QVERIFY(endless);
    endless->write("GET /healthz HTTP/1.1\r\n");
    const QByteArray header = "X-Filler: " + QByteArray(1000, 'h') + "\r\n";
    for (int i = 0; i < 1400 && endless->state() == QAbstractSocket::ConnectedState; ++i) {
        endless->write(header);
        if (i % 50 == 0)
            QTest::qWait(2);
    }
    QTRY_COMPARE_WITH_TIMEOUT(endless->state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(m_server->httpCounters().tooLarge, quint64(2));
    QVERIFY(healthy());
}

void tst_IngestHostile::closesAfterConnectionCloseAndHttp10()
{
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    const QList<QByteArray> closing{
        httpRequest("GET", "/healthz", {}, {{"Connection", "close"}}),
        httpRequest("GET", "/healthz", {}, {}, "HTTP/1.0"),
        signedSmsRequest(QStringLiteral("SM") + QStringLiteral("c").repeated(32),
                         "Connection: close")};
    for (const QByteArray &request : closing) {
        auto socket = connectRaw();
        QVERIFY(socket);
        socket->write(request);
        const QByteArray answer = readAnswer(*socket);
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY2(answer.contains("Connection: close"), answer.constData());
        QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 5000);
    }
    // HTTP/1.1 without it stays open for the next request.
    auto kept = connectRaw();
    QVERIFY(kept);
    kept->write(httpRequest("GET", "/healthz", {}, {}));
    QVERIFY(readAnswer(*kept).startsWith("HTTP/1.1 200"));
    QTest::qWait(100);
    QCOMPARE(kept->state(), QAbstractSocket::ConnectedState);
    kept->write(httpRequest("GET", "/healthz", {}, {}));
    QVERIFY(readAnswer(*kept).startsWith("HTTP/1.1 200"));
}

void tst_IngestHostile::pipelinedAnswersKeepTheirOrder()
{
    SB_VERIFY_OK(start(QStringLiteral("sqlite")));
    auto socket = connectRaw();
    QVERIFY(socket);
    // The first waits for the store; the second (an unknown path) is answered at once, but
    // must come second.
    QSqlQuery lock(*m_admin->connection());
    lockStore(lock);
    socket->write(signedSmsRequest(QStringLiteral("SM") + QStringLiteral("0").repeated(32))
                  + httpRequest("GET", "/nothing-here", {}, {}));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestsInFlight() > 0, 5000);
    QTest::qWait(200);
    QCOMPARE(socket->bytesAvailable(), 0); // nothing overtakes the answer still owed
    QVERIFY(lock.exec(QStringLiteral("COMMIT")));
    QByteArray both = readAnswer(*socket);
    QTRY_VERIFY_WITH_TIMEOUT((both += socket->readAll()).count("HTTP/1.1") == 2, 10000);
    QVERIFY2(both.startsWith("HTTP/1.1 200"), both.constData());
    QVERIFY2(both.indexOf("HTTP/1.1 404") > both.indexOf("HTTP/1.1 200"), both.constData());
}

QTEST_GUILESS_MAIN(tst_IngestHostile)
#include "tst_ingesthostile.moc"
