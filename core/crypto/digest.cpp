#include "digest.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace Sb::Crypto {

namespace {
QByteArray hmac(const EVP_MD *digest, const QByteArray &key, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(digest,
              key.constData(),
              int(key.size()),
              reinterpret_cast<const unsigned char *>(data.constData()),
              size_t(data.size()),
              out,
              &length)) {
        return {};
    }
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}
} // namespace

QByteArray hmacSha1(const QByteArray &key, const QByteArray &data)
{
    return hmac(EVP_sha1(), key, data);
}

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    return hmac(EVP_sha256(), key, data);
}

QByteArray sha256(const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.constData(), size_t(data.size()), out, &length, EVP_sha256(), nullptr) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

} // namespace Sb::Crypto
