// A bounded random client: for a given time it sends a live `switchboardctl serve` whatever a
// hostile or broken client might (random methods, paths, headers and bodies; lying and
// duplicate lengths; broken chunked encoding; pipelined, trickled, truncated requests; early
// hang-ups), from many connections at once, and checks between times that /healthz still
// answers. Exit 0 when the server answered to the end; 1 (with what was sent last) when not.
// Run by ./dev fuzz against a sanitizer build of switchboardctl.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTextStream>
#include <QTimer>

#include <memory>
#include <vector>

namespace {

const QList<QByteArray> kPaths{"/twilio/sms",
                               "/twilio/whatsapp",
                               "/twilio/voice",
                               "/twilio/call-status",
                               "/twilio/message-status",
                               "/twilio/recording-status",
                               "/vapi",
                               "/ringcentral",
                               "/healthz",
                               "/",
                               "/twilio/sms?x=1&y",
                               "/%00%ff",
                               "//../../etc/passwd",
                               "*"};
const QList<QByteArray> kMethods{"POST", "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "BREW", ""};
const QList<QByteArray> kVersions{
    "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.1 extra", "", "HTTP/x"};

class Chaos final
{
public:
    explicit Chaos(quint32 seed)
        : m_random(seed)
    {}

    int below(int bound) { return int(m_random.bounded(quint32(bound))); }
    bool oneIn(int n) { return below(n) == 0; }

    QByteArray bytes(int size)
    {
        QByteArray out(size, Qt::Uninitialized);
        for (char &c : out)
            c = char(m_random.generate() & 0xff);
        return out;
    }

    QByteArray body()
    {
        switch (below(6)) {
        case 0:
            return {};
        case 1:
            return bytes(below(2048));
        case 2:
            return "AccountSid=AC" + QByteArray(32, 'a') + "&MessageSid=SM" + bytes(8).toHex()
                + "&From=%2B15550001111&To=%2B14155550100&Body="
                + bytes(below(64)).toPercentEncoding();
        case 3:
            return R"({"message":{"type":"status-update","status":"ended","call":{"id":")"
                + bytes(6).toHex() + R"("},"phoneNumber":{"number":"+14155550199"}}})";
        case 4:
            return QByteArray(below(2) ? 900 * 1024 : 1200 * 1024, 'z'); // near and past the limit
        default:
            return "{\"message\": [" + QByteArray(below(4096), '[');
        }
    }

    // One request as a broken or hostile client writes it.
    QByteArray request()
    {
        const QByteArray body = this->body();
        QByteArray request = kMethods[below(kMethods.size())] + ' ' + kPaths[below(kPaths.size())]
            + ' ' + kVersions[below(kVersions.size())] + "\r\n";
        if (!oneIn(10))
            request += "Host: 127.0.0.1\r\n";
        const int headers = below(6);
        for (int i = 0; i < headers; ++i) {
            switch (below(9)) {
            case 0:
                request += "Content-Length: " + QByteArray::number(below(1 << 21)) + "\r\n";
                break;
            case 1:
                request += "Content-Length: -1\r\n";
                break;
            case 2:
                request += "Transfer-Encoding: chunked\r\n";
                break;
            case 3:
                request += "Connection: " + QByteArray(below(2) ? "close" : "keep-alive") + "\r\n";
                break;
            case 4:
                request += "X-Twilio-Signature: " + bytes(20).toBase64() + "\r\n";
                break;
            case 5:
                request += "X-Vapi-Secret: " + bytes(12).toHex() + "\r\n";
                break;
            case 6:
                request += "X-Junk: " + QByteArray(below(16384), 'h') + "\r\n";
                break;
            case 7:
                request += bytes(below(64)) + "\r\n"; // not a header at all
                break;
            default:
                request += "Content-Type: application/x-www-form-urlencoded\r\n";
            }
        }
        if (oneIn(2))
            request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        request += oneIn(8) ? "\n" : "\r\n";
        if (request.contains("chunked") && oneIn(2))
            request += QByteArray::number(body.size() + below(3) - 1, 16) + "\r\n" + body
                + "\r\n0\r\n\r\n";
        else
            request += body;
        return request;
    }

private:
    QRandomGenerator m_random;
};

// One connection's life: send a request or several in pieces, perhaps hang up early, then
// start over.
class Client final : public QObject
{
public:
    Client(quint16 port, Chaos &chaos, QByteArray &lastSent)
        : m_port(port)
        , m_chaos(chaos)
        , m_lastSent(lastSent)
    {
        connect(&m_socket, &QTcpSocket::connected, this, &Client::sendNextPiece);
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { m_socket.readAll(); });
        connect(&m_socket, &QTcpSocket::disconnected, this, &Client::restartSoon);
        connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
            if (m_socket.state() == QAbstractSocket::UnconnectedState)
                restartSoon();
        });
        restart();
    }

    quint64 requests() const { return m_requests; }

private:
    void restart()
    {
        m_pending.clear();
        const int pipelined = m_chaos.oneIn(4) ? 1 + m_chaos.below(4) : 1;
        for (int i = 0; i < pipelined; ++i)
            m_pending += m_chaos.request();
        m_requests += pipelined;
        m_lastSent = m_pending.left(512);
        m_socket.abort();
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    }

    void restartSoon()
    {
        QTimer::singleShot(m_chaos.below(20), this, [this] { restart(); });
    }

    void sendNextPiece()
    {
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            return;
        if (m_pending.isEmpty()) {
            // Done: linger for an answer, or leave at once.
            QTimer::singleShot(m_chaos.below(2) ? 0 : m_chaos.below(300), this, [this] {
                m_chaos.oneIn(2) ? m_socket.abort() : m_socket.disconnectFromHost();
            });
            return;
        }
        // Whole, in pieces, or a trickle; sometimes cut short.
        const int size = m_chaos.oneIn(3) ? int(m_pending.size()) : 1 + m_chaos.below(256);
        m_socket.write(m_pending.left(size));
        m_pending.remove(0, size);
        if (m_chaos.oneIn(40)) {
            m_socket.abort();
            return;
        }
        QTimer::singleShot(
            m_chaos.oneIn(10) ? m_chaos.below(200) : 0, this, [this] { sendNextPiece(); });
    }

    quint16 m_port;
    Chaos &m_chaos;
    QByteArray &m_lastSent;
    QTcpSocket m_socket;
    QByteArray m_pending;
    quint64 m_requests = 0;
};

// GET /healthz on a fresh connection: true when it answers 200 in time.
bool isHealthy(quint16 port, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    while (!answer.contains("\r\n\r\n") && timer.elapsed() < timeoutMs) {
        if (socket.waitForReadyRead(100))
            answer += socket.readAll();
    }
    return answer.startsWith("HTTP/1.1 200");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() < 3) {
        QTextStream(stderr) << "usage: http_chaos PORT SECONDS [SEED] [CONNECTIONS]\n";
        return 2;
    }
    const quint16 port = quint16(arguments.at(1).toUInt());
    const int seconds = arguments.at(2).toInt();
    const quint32 seed =
        arguments.size() > 3 ? arguments.at(3).toUInt() : QRandomGenerator::system()->generate();
    const int connections = arguments.size() > 4 ? arguments.at(4).toInt() : 48;
    QTextStream out(stdout);
    out << "http_chaos: seed " << seed << ", " << connections << " connections, " << seconds
        << " s against 127.0.0.1:" << port << Qt::endl;

    Chaos chaos(seed);
    QByteArray lastSent;
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < connections; ++i)
        clients.push_back(std::make_unique<Client>(port, chaos, lastSent));

    int status = 0;
    int checks = 0;
    QElapsedTimer elapsed;
    elapsed.start();
    QTimer health;
    health.setInterval(2000);
    QObject::connect(&health, &QTimer::timeout, &app, [&] {
        ++checks;
        // The server is loaded on purpose (a sanitizer build, on a small machine): generous.
        if (!isHealthy(port, 15000)) {
            out << "http_chaos: /healthz did not answer; last sent: "
                << lastSent.toPercentEncoding(" :/\r\n") << Qt::endl;
            status = 1;
            app.quit();
        } else if (elapsed.elapsed() > qint64(seconds) * 1000) {
            app.quit();
        }
    });
    health.start();
    app.exec();
    quint64 sent = 0;
    for (const auto &client : clients)
        sent += client->requests();
    out << "http_chaos: " << sent << " requests sent, " << checks << " health checks, "
        << (status == 0 ? "server alive" : "server gone") << Qt::endl;
    return status;
}
