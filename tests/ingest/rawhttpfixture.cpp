#include "rawhttpfixture.h"

#include <QNetworkReply>
#include <QTest>

#include <sys/resource.h>

namespace Sb::Test {

QByteArray httpRequest(const QByteArray &method,
                       const QByteArray &path,
                       const QByteArray &body,
                       const QList<QPair<QByteArray, QByteArray>> &headers,
                       const QByteArray &version)
{
    QByteArray request = method + ' ' + path + ' ' + version + "\r\nHost: 127.0.0.1\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    if (method == "POST")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return request + "\r\n" + body;
}

void raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

std::unique_ptr<QTcpSocket> RawHttpFixture::connectRaw(const QString &from)
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

QByteArray RawHttpFixture::signedSmsRequest(const QString &messageSid,
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

QByteArray RawHttpFixture::readAnswer(QTcpSocket &socket, int timeoutMs)
{
    // The server runs on this thread: wait by spinning the event loop, never by blocking.
    QByteArray answer;
    const auto isWhole = [&] {
        answer += socket.readAll();
        const qsizetype headerEnd = answer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return false;
        const qsizetype lengthAt = answer.toLower().indexOf("content-length: ");
        const qsizetype length =
            lengthAt < 0 ? 0 : answer.mid(lengthAt + 16).split('\r').first().toLongLong();
        return answer.size() >= headerEnd + 4 + length;
    };
    // A partial answer is returned as it is: the caller's checks say what was missing.
    (void)QTest::qWaitFor(isWhole, timeoutMs);
    return answer;
}

bool RawHttpFixture::healthy()
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(m_port)));
    QNetworkReply *reply = m_network.get(request);
    (void)QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000); // else: not healthy
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
}

void RawHttpFixture::lockStore(QSqlQuery &lock)
{
    if (m_admin->backend() == Store::Backend::Sqlite) {
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    } else {
        QVERIFY(lock.exec(QStringLiteral("BEGIN")));
        QVERIFY(lock.exec(QStringLiteral("LOCK TABLE webhook_events IN SHARE ROW EXCLUSIVE MODE")));
    }
}

} // namespace Sb::Test
