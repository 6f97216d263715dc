#pragma once

#include "ingestfixture.h"

#include <QSqlQuery>
#include <QTcpSocket>

#include <memory>

namespace Sb::Test {

// A request as a raw client writes it, to say what well-behaved clients never would.
QByteArray httpRequest(const QByteArray &method,
                       const QByteArray &path,
                       const QByteArray &body,
                       const QList<QPair<QByteArray, QByteArray>> &headers,
                       const QByteArray &version = "HTTP/1.1");
// Thousands of client sockets and the server's own need more descriptors than a default soft
// limit.
void raiseFileLimit();

// The ingest server over raw sockets, for the tests that attack it: the server runs on the
// test's thread, so every wait here spins the event loop and never blocks.
class RawHttpFixture : protected IngestFixture
{
protected:
    // From 127.0.0.2 by default: hostile traffic comes from elsewhere than the providers'.
    std::unique_ptr<QTcpSocket> connectRaw(const QString &from = QStringLiteral("127.0.0.2"));
    QByteArray signedSmsRequest(const QString &messageSid, const QByteArray &extraHeader = {});
    QByteArray readAnswer(QTcpSocket &socket, int timeoutMs = 10000);
    bool healthy();
    // Holds the store's write lock until the query's transaction ends.
    void lockStore(QSqlQuery &lock);
};

} // namespace Sb::Test
