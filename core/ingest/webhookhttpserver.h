#pragma once

#include "webhook.h"

#include <core/common/result.h>

#include <QAbstractHttpServer>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QList>
#include <QPair>

#include <functional>
#include <memory>
#include <unordered_map>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace Sb::Ingest {

// What one client may hold of the server. The defaults suit webhooks: providers send a request
// of a few KB and wait for its answer; nobody has a reason to keep a connection idle.
struct HttpLimits
{
    int maxConnections = 1000; // then the longest-idle connection makes room for a new one
    int idleTimeoutMs = 30'000; // a connection with nothing asked and nothing owed
    int requestTimeoutMs = 20'000; // a begun request must arrive whole within this (slowloris)
    qsizetype maxRequestBytes = (1 << 20) + 64 * 1024; // request line, headers and body
};

// What the front door has turned away since it started (docs/ingest.md).
struct HttpCounters
{
    quint64 connectionsAccepted = 0;
    quint64 idleEvicted = 0; // closed to make room under the connection cap
    quint64 refusedFull = 0; // every connection owed an answer: the new one was closed
    quint64 idleClosed = 0; // idle past the idle timeout
    quint64 slowClosed = 0; // a request that did not arrive whole in time
    quint64 tooLarge = 0; // past maxRequestBytes before the request was whole
    quint64 answersDropped = 0; // the client had gone before its answer was ready
};

struct HttpConnection;

// The answer to one request. It is written at most once, after the answers to the requests
// sent before it on the same connection (HTTP/1.1 pipelining), and only while that connection
// is still open: a client that hung up early costs nothing. Copyable; use it on the server's
// thread only.
class HttpAnswer final
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    void send(const WebhookReply &reply, const Headers &extraHeaders = {}) const;
    bool isConnected() const;

private:
    friend class WebhookHttpServer;
    HttpAnswer(std::shared_ptr<HttpConnection> connection, quint64 sequence);

    std::shared_ptr<HttpConnection> m_connection;
    quint64 m_sequence = 0;
};

// Qt 6.4's QHttpServer hands out responders that write to a raw socket pointer, so an answer
// written after the client left writes to freed memory; it never closes a connection after
// `Connection: close` or HTTP/1.0, and it reads request lines, headers and bodies without a
// limit. This server sits on QAbstractHttpServer (Qt still parses HTTP) and owns what Qt
// leaves open: connection lifetimes, a connection cap, idle and slow-request timeouts, a size
// bound, and answers in request order.
class WebhookHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Handler = std::function<void(const QHttpServerRequest &request, HttpAnswer answer)>;

    explicit WebhookHttpServer(HttpLimits limits, QObject *parent = nullptr);
    ~WebhookHttpServer() override;

    void route(QHttpServerRequest::Method method, const QString &path, Handler handler);
    Result<quint16> start(const QHostAddress &address, quint16 port);
    void stopListening();

    int openConnections() const { return int(m_connections.size()); }
    const HttpCounters &counters() const { return *m_counters; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    friend class CappedTcpServer;
    QTcpSocket *admit(qintptr descriptor, QTcpServer *server); // null: refused
    bool evictOneIdle();
    void onBytesArrived(HttpConnection &connection);
    void sweep();

    struct Route
    {
        QHttpServerRequest::Method method;
        Handler handler;
    };
    HttpLimits m_limits;
    std::shared_ptr<HttpCounters> m_counters;
    QHash<QString, Route> m_routes; // by exact path
    std::unordered_map<QTcpSocket *, std::shared_ptr<HttpConnection>> m_connections;
    QTimer *m_sweeper;
};

} // namespace Sb::Ingest
