#include "webhookhttpserver.h"

#include "ingestlog.h"

#include <QDateTime>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <map>

namespace Sb::Ingest {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool hasToken(const QByteArray &headerValue, const char *token)
{
    const QList<QByteArray> parts = headerValue.split(',');
    for (const QByteArray &part : parts) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

constexpr qsizetype kRequestLineLimit = 8 * 1024;
} // namespace

// One client connection, as long as its socket lives, and after that for answers still owed
// to it (which are then dropped).
struct HttpConnection
{
    struct Owed
    {
        QHttpServerResponder responder;
        bool closeAfter = false;
        std::optional<WebhookReply> reply;
        HttpAnswer::Headers headers;
    };

    QPointer<QTcpSocket> socket;
    std::shared_ptr<HttpCounters> counters;
    qint64 lastActivityMs = 0;
    qint64 requestStartedMs = 0; // the first byte of a request not yet whole; 0: none
    qint64 requestBytes = 0;
    QByteArray requestLine; // the current request's first line, until its end is seen
    bool requestLineSeen = false;
    bool isHttp10 = false; // the current request's version
    bool isClosing = false; // answered a request that asked to close: nothing more is read
    quint64 nextSequence = 0; // given to the next request
    quint64 nextToWrite = 0;
    std::map<quint64, Owed> owed; // answers not yet written, by request order

    bool isOpen() const
    {
        return socket && socket->state() == QAbstractSocket::ConnectedState && socket->isOpen();
    }
    quint64 owedCount() const { return nextSequence - nextToWrite; }
    bool isIdle() const { return owedCount() == 0 && requestBytes == 0; }

    void startRequest()
    {
        requestStartedMs = 0;
        requestBytes = 0;
        requestLine.clear();
        requestLineSeen = false;
    }

    // Writes every answer that is ready and whose predecessors are written.
    void flush()
    {
        for (auto it = owed.find(nextToWrite); it != owed.end() && it->second.reply;
             it = owed.find(nextToWrite)) {
            Owed &next = it->second;
            if (isOpen() && !isClosing) {
                HttpAnswer::Headers headers{{QByteArrayLiteral("Content-Type"),
                                             next.reply->contentType.isEmpty()
                                                 ? QByteArrayLiteral("text/plain")
                                                 : next.reply->contentType}};
                headers += next.reply->headers;
                headers += next.headers;
                if (next.closeAfter)
                    headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
                // Written piece by piece: Qt 6.4 takes a whole header list only as an
                // initializer_list.
                next.responder.writeStatusLine(
                    QHttpServerResponder::StatusCode(next.reply->status));
                for (const auto &[name, value] : std::as_const(headers))
                    next.responder.writeHeader(name, value);
                next.responder.writeHeader(QByteArrayLiteral("Content-Length"),
                                           QByteArray::number(next.reply->body.size()));
                next.responder.writeBody(next.reply->body);
                lastActivityMs = nowMs();
                if (next.closeAfter) {
                    isClosing = true;
                    socket->disconnectFromHost(); // after what is written has gone out
                }
            } else if (!isClosing) {
                ++counters->answersDropped;
            }
            owed.erase(it);
            ++nextToWrite;
        }
    }

    void close()
    {
        if (socket)
            socket->abort();
    }
};

HttpAnswer::HttpAnswer(std::shared_ptr<HttpConnection> connection, quint64 sequence)
    : m_connection(std::move(connection))
    , m_sequence(sequence)
{}

void HttpAnswer::send(const WebhookReply &reply, const Headers &extraHeaders) const
{
    const auto it = m_connection->owed.find(m_sequence);
    if (it == m_connection->owed.end() || it->second.reply)
        return; // answered already
    it->second.reply = reply;
    it->second.headers = extraHeaders;
    m_connection->flush();
}

bool HttpAnswer::isConnected() const
{
    return m_connection->isOpen() && !m_connection->isClosing;
}

// Hands each accepted socket to the server before Qt's HTTP layer sees it, so the cap, the
// byte count and the timeouts are in place from the first byte.
class CappedTcpServer final : public QTcpServer
{
public:
    explicit CappedTcpServer(WebhookHttpServer *owner)
        : QTcpServer(owner)
        , m_owner(owner)
    {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (QTcpSocket *socket = m_owner->admit(descriptor, this))
            addPendingConnection(socket);
    }

private:
    WebhookHttpServer *m_owner;
};

WebhookHttpServer::WebhookHttpServer(HttpLimits limits, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_limits(limits)
    , m_counters(std::make_shared<HttpCounters>())
    , m_sweeper(new QTimer(this))
{
    m_sweeper->setInterval(
        std::clamp(std::min(m_limits.idleTimeoutMs, m_limits.requestTimeoutMs) / 4, 50, 1000));
    connect(m_sweeper, &QTimer::timeout, this, &WebhookHttpServer::sweep);
    m_sweeper->start();
}

// Sockets are our listeners' children, deleted by ~QObject once it has cut our connections.
WebhookHttpServer::~WebhookHttpServer() = default;

void WebhookHttpServer::route(QHttpServerRequest::Method method,
                              const QString &path,
                              Handler handler)
{
    m_routes[path] = Route{method, std::move(handler)};
}

Result<quint16> WebhookHttpServer::start(const QHostAddress &address, quint16 port)
{
    auto *listener = new CappedTcpServer(this);
    if (!listener->listen(address, port)) {
        const QString why = listener->errorString();
        delete listener;
        return Error{ErrorCode::Unsupported,
                     tr("Cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(why)};
    }
    // Out of file descriptors, QTcpServer stops accepting for good: make room and go on.
    connect(
        listener, &QTcpServer::acceptError, this, [this, listener](QAbstractSocket::SocketError) {
            qCWarning(lcIngest) << "cannot accept a connection:" << listener->errorString() << ";"
                                << m_connections.size() << "open";
            evictOneIdle();
            QTimer::singleShot(100, listener, [listener] { listener->resumeAccepting(); });
        });
    bind(listener);
    return listener->serverPort();
}

void WebhookHttpServer::stopListening()
{
    const auto listeners = servers();
    for (QTcpServer *listener : listeners)
        listener->close();
}

QTcpSocket *WebhookHttpServer::admit(qintptr descriptor, QTcpServer *server)
{
    if (int(m_connections.size()) >= m_limits.maxConnections && !evictOneIdle()) {
        // Every connection is owed an answer: the newcomer waits for none.
        QTcpSocket refused;
        refused.setSocketDescriptor(descriptor);
        refused.abort();
        if (++m_counters->refusedFull % 1000 == 1)
            qCWarning(lcIngest) << "connection cap" << m_limits.maxConnections
                                << "reached with every connection busy; refused"
                                << m_counters->refusedFull << "so far";
        return nullptr;
    }
    auto *socket = new QTcpSocket(server);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return nullptr;
    }
    auto connection = std::make_shared<HttpConnection>();
    connection->socket = socket;
    connection->counters = m_counters;
    connection->lastActivityMs = nowMs();
    m_connections.emplace(socket, connection);
    ++m_counters->connectionsAccepted;
    // Connected before Qt's own readyRead handler (added when the server takes the socket):
    // each new byte is counted before Qt's parser buffers it.
    std::weak_ptr<HttpConnection> weak = connection;
    connect(socket, &QTcpSocket::readyRead, this, [this, weak] {
        if (auto alive = weak.lock())
            onBytesArrived(*alive);
    });
    // Counted open until closed, not until Qt gets round to deleting the socket.
    const auto forget = [this, socket] {
        m_connections.erase(socket);
    };
    connect(socket, &QTcpSocket::disconnected, this, forget);
    connect(socket, &QObject::destroyed, this, forget);
    return socket;
}

// Closes the connection that has been idle longest, if one is idle at all.
bool WebhookHttpServer::evictOneIdle()
{
    HttpConnection *oldest = nullptr;
    for (auto &[socket, connection] : m_connections) {
        if (connection->owedCount() > 0)
            continue;
        // A connection in the middle of a request counts from the request's start.
        const qint64 since = connection->requestBytes > 0 ? connection->requestStartedMs
                                                          : connection->lastActivityMs;
        const qint64 oldestSince = !oldest ? 0
            : oldest->requestBytes > 0     ? oldest->requestStartedMs
                                           : oldest->lastActivityMs;
        if (!oldest || since < oldestSince)
            oldest = connection.get();
    }
    if (!oldest)
        return false;
    if (++m_counters->idleEvicted % 1000 == 1)
        qCWarning(lcIngest) << "connection cap" << m_limits.maxConnections
                            << "reached: closing idle connections (" << m_counters->idleEvicted
                            << "so far)";
    oldest->close();
    return true;
}

void WebhookHttpServer::onBytesArrived(HttpConnection &connection)
{
    QTcpSocket *socket = connection.socket;
    if (!socket)
        return;
    if (connection.isClosing) {
        socket->readAll(); // nothing more is read after an answer that closes
        return;
    }
    // Qt's parser reads everything available each time, so what is available now is new.
    const qint64 fresh = socket->bytesAvailable();
    if (fresh <= 0)
        return;
    const qint64 now = nowMs();
    connection.lastActivityMs = now;
    if (connection.requestBytes == 0)
        connection.requestStartedMs = now;
    connection.requestBytes += fresh;
    if (!connection.requestLineSeen) {
        // Qt 6.4 does not tell a request's HTTP version; HTTP/1.0 closes after its answer.
        connection.requestLine += socket->peek(
            std::min<qint64>(fresh, kRequestLineLimit - connection.requestLine.size()));
        const QByteArray line = connection.requestLine.trimmed();
        if (const qsizetype end = line.indexOf('\n'); end >= 0) {
            connection.isHttp10 = line.left(end).trimmed().endsWith("HTTP/1.0");
            connection.requestLineSeen = true;
        } else if (connection.requestLine.size() >= kRequestLineLimit) {
            connection.requestLineSeen = true;
        }
    }
    if (connection.requestBytes > m_limits.maxRequestBytes) {
        ++m_counters->tooLarge;
        qCInfo(lcIngest) << "closing a connection from" << socket->peerAddress().toString()
                         << "whose request passed" << m_limits.maxRequestBytes << "bytes";
        if (connection.owedCount() == 0) {
            // Qt has no request to make a responder for yet: the canned answer is the status.
            socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: text/plain\r\n"
                          "Content-Length: 15\r\nConnection: close\r\n\r\nbody too large\n");
            socket->flush();
        }
        // Closed once Qt's handler for these bytes has run: aborting under it makes it read a
        // closed device.
        connection.isClosing = true;
        QMetaObject::invokeMethod(socket, &QTcpSocket::abort, Qt::QueuedConnection);
    }
}

void WebhookHttpServer::sweep()
{
    const qint64 now = nowMs();
    std::vector<HttpConnection *> expired;
    for (auto &[socket, connection] : m_connections) {
        if (connection->owedCount() > 0)
            continue; // an answer is on its way
        if (connection->requestBytes > 0) {
            if (now - connection->requestStartedMs > m_limits.requestTimeoutMs) {
                ++m_counters->slowClosed;
                expired.push_back(connection.get());
            }
        } else if (now - connection->lastActivityMs > m_limits.idleTimeoutMs) {
            ++m_counters->idleClosed;
            expired.push_back(connection.get());
        }
    }
    for (HttpConnection *connection : expired)
        connection->close();
}

bool WebhookHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const auto found = m_connections.find(socket);
    if (found == m_connections.end())
        return true; // not one of ours (cannot happen: every socket is admitted)
    std::shared_ptr<HttpConnection> connection = found->second;
    const bool isHttp10 = connection->isHttp10;
    connection->startRequest();
    connection->lastActivityMs = nowMs();
    if (connection->isClosing)
        return true;
    const QByteArray connectionHeader = request.value(QByteArrayLiteral("Connection"));
    const bool closeAfter =
        isHttp10 ? !hasToken(connectionHeader, "keep-alive") : hasToken(connectionHeader, "close");
    const quint64 sequence = connection->nextSequence++;
    connection->owed.emplace(
        sequence, HttpConnection::Owed{makeResponder(request, socket), closeAfter, {}, {}});
    const HttpAnswer answer(connection, sequence);
    const auto route = m_routes.constFind(request.url().path());
    if (route == m_routes.cend()) {
        answer.send({404, QByteArrayLiteral("text/plain"), QByteArrayLiteral("not found\n")});
    } else if (route->method != request.method()) {
        answer.send(
            {405, QByteArrayLiteral("text/plain"), QByteArrayLiteral("method not allowed\n")},
            {{QByteArrayLiteral("Allow"),
              route->method == QHttpServerRequest::Method::Get ? QByteArrayLiteral("GET")
                                                               : QByteArrayLiteral("POST")}});
    } else {
        route->handler(request, answer);
    }
    return true;
}

void WebhookHttpServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // handleRequest answers every request itself, unknown paths included.
}

} // namespace Sb::Ingest
