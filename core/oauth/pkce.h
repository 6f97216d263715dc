#pragma once

#include <QByteArray>

namespace Sb::OAuth {

// RFC 7636 proof key for one authorization (Qt 6.4's flow has none): a fresh verifier from the
// system's random source, and its S256 challenge, both base64url without padding (6.4's query
// leaves '+' unencoded, so standard base64 would break).
struct Pkce
{
    QByteArray verifier; // 43 characters: 32 random bytes
    QByteArray challenge; // base64url(SHA-256(verifier))

    static Pkce generate();
    static QByteArray challengeOf(const QByteArray &verifier);
};

// A random value safe in a URL without encoding (the `state`, a verifier): `bytes` bytes
// from QRandomGenerator::system(), base64url without padding.
QByteArray randomUrlSafe(int bytes);

} // namespace Sb::OAuth
