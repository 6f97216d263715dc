#pragma once

#include <QByteArray>

namespace Sb::Crypto {

// Message authentication and digests through OpenSSL; never hand-rolled.
QByteArray hmacSha1(const QByteArray &key, const QByteArray &data);
QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);
QByteArray sha256(const QByteArray &data);

} // namespace Sb::Crypto
