#include "rawhttpfixture.h"

#include <QElapsedTimer>
#include <QSqlQuery>

using namespace Sb;
using namespace Sb::Ingest;
using Test::httpRequest;

// `serve`'s connections as careless and hostile clients use them: thousands left idle, requests
// trickled in or never finished, bodies that never end, Connection: close and HTTP/1.0,
// pipelined requests whose answers must keep their order. The front door does not depend on
// the backend: SQLite.
class tst_IngestConnections : public QObject, protected Test::RawHttpFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::raiseFileLimit(); }
    void init() { reset(); }
    void cleanup() { stop(); }
    void idleConnectionsCannotCrowdOutSignedRequests();
    void slowAndIdleConnectionsAreClosed();
    void oversizedRequestIsCutOff();
    void closesAfterConnectionCloseAndHttp10();
    void pipelinedAnswersKeepTheirOrder();
};

void tst_IngestConnections::idleConnectionsCannotCrowdOutSignedRequests()
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

void tst_IngestConnections::slowAndIdleConnectionsAreClosed()
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

void tst_IngestConnections::oversizedRequestIsCutOff()
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

void tst_IngestConnections::closesAfterConnectionCloseAndHttp10()
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

void tst_IngestConnections::pipelinedAnswersKeepTheirOrder()
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

QTEST_GUILESS_MAIN(tst_IngestConnections)
#include "tst_ingestconnections.moc"
