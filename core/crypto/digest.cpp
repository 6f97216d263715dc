#include "digest.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <QtGlobal>

#include <memory>
#include <utility>
#include <vector>

namespace Sb::Crypto {

namespace {
using MacContext = std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)>;

// An HMAC context with its digest chosen, one per thread and digest: choosing the digest by name
// fetches the algorithm again each time, which cost more than the MAC on a webhook's few
// hundred bytes (OpenSSL 3's one-shot HMAC() does it on every call). Calls key a copy of it.
EVP_MAC_CTX *prepared(const char *digestName)
{
    static EVP_MAC *const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr); // shareable
    thread_local std::vector<std::pair<const char *, MacContext>> contexts;
    for (const auto &[name, context] : contexts) {
        if (qstrcmp(name, digestName) == 0)
            return context.get();
    }
    if (!mac)
        return nullptr;
    MacContext context(EVP_MAC_CTX_new(mac), &EVP_MAC_CTX_free);
    const OSSL_PARAM parameters[] = {
        OSSL_PARAM_construct_utf8_string("digest", const_cast<char *>(digestName), 0),
        OSSL_PARAM_construct_end()};
    if (!context || EVP_MAC_CTX_set_params(context.get(), parameters) != 1)
        return nullptr;
    contexts.emplace_back(digestName, std::move(context));
    return contexts.back().second.get();
}

QByteArray hmac(const char *digestName, const QByteArray &key, const QByteArray &data)
{
    EVP_MAC_CTX *const ready = prepared(digestName);
    MacContext context(ready ? EVP_MAC_CTX_dup(ready) : nullptr, &EVP_MAC_CTX_free);
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!context
        || EVP_MAC_init(context.get(),
                        reinterpret_cast<const unsigned char *>(key.constData()),
                        size_t(key.size()),
                        nullptr)
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
