#pragma once

#include <QSslCertificate>
#include <QString>

class QAbstractHttpServer;

namespace Sb::Fakes {

// How a fake serves: plain HTTP (most tests), or HTTPS as every provider does, with a
// certificate for 127.0.0.1 made fresh for this run; a client trusts it by adding it as a CA
// (HttpClient::Options::extraCaCertificates).
enum class Transport { Http, Https };

struct LoopbackEndpoint
{
    quint16 port = 0;
    QSslCertificate certificate; // null over plain HTTP

    QString baseUrl() const; // http(s)://127.0.0.1:port
};

// Starts `server` on 127.0.0.1 at a free port.
LoopbackEndpoint listenOnLoopback(QAbstractHttpServer &server, Transport transport);

} // namespace Sb::Fakes
