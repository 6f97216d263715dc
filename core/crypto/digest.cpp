#include "digest.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>

namespace Sb::Crypto {

namespace {
QByteArray hmac(const char *digestName, const QByteArray &key, const QByteArray &data)
{
    // Fetched once: OpenSSL 3's one-shot HMAC() looks the algorithm up on every call, which
    // costs more than the MAC itself on a webhook's few hundred bytes. A fetched EVP_MAC may be
    // shared between threads; each call has its own context.
    static EVP_MAC *const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!mac)
        return {};
    std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> context(EVP_MAC_CTX_new(mac),
                                                                      &EVP_MAC_CTX_free);
    const OSSL_PARAM parameters[] = {
        OSSL_PARAM_construct_utf8_string("digest", const_cast<char *>(digestName), 0),
        OSSL_PARAM_construct_end()};
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!context
        || EVP_MAC_init(context.get(),
                        reinterpret_cast<const unsigned char *>(key.constData()),
                        size_t(key.size()),
                        parameters)
            != 1
        || EVP_MAC_update(context.get(),
                          reinterpret_cast<const unsigned char *>(data.constData()),
                          size_t(data.size()))
            != 1
        || EVP_MAC_final(context.get(), out, &length, sizeof out) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
}
} // namespace

QByteArray hmacSha1(const QByteArray &key, const QByteArray &data)
{
    return hmac("SHA1", key, data);
}

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    return hmac("SHA256", key, data);
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
