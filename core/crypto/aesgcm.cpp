#include "aesgcm.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace Sb::Crypto {

namespace {
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext newContext()
{
    return CipherContext(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
}

auto data(const QByteArray &bytes)
{
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}

auto data(QByteArray &bytes)
{
    return reinterpret_cast<unsigned char *>(bytes.data());
}

Error failure(const char *what)
{
    return Error{ErrorCode::CryptoFailure,
                 QCoreApplication::translate("Sb::Crypto::AesGcm", "OpenSSL failed to %1")
                     .arg(QLatin1String(what))};
}
} // namespace

Result<QByteArray> randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (RAND_bytes(data(bytes), count) != 1)
        return failure("produce random bytes");
    return bytes;
}

Result<QByteArray>
AesGcm::seal(const QByteArray &key, const QByteArray &plaintext, const QByteArray &additionalData)
{
    if (key.size() != KeySize)
        return Error{ErrorCode::InvalidArgument, tr("An AES-256 key has 32 bytes")};
    auto nonce = randomBytes(NonceSize);
    if (!nonce)
        return nonce.error();
    auto context = newContext();
    int length = 0;
    QByteArray out = *nonce;
    out.resize(NonceSize + plaintext.size() + TagSize);
    unsigned char *cipherText = data(out) + NonceSize;
    if (!context
        || EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1
        || EVP_EncryptInit_ex(context.get(), nullptr, nullptr, data(key), data(*nonce)) != 1
        || EVP_EncryptUpdate(
               context.get(), nullptr, &length, data(additionalData), int(additionalData.size()))
            != 1
        || EVP_EncryptUpdate(
               context.get(), cipherText, &length, data(plaintext), int(plaintext.size()))
            != 1
        || EVP_EncryptFinal_ex(context.get(), cipherText + length, &length) != 1
        || EVP_CIPHER_CTX_ctrl(
               context.get(), EVP_CTRL_GCM_GET_TAG, TagSize, cipherText + plaintext.size())
            != 1) {
        return failure("encrypt");
    }
    return out;
}

Result<QByteArray>
AesGcm::open(const QByteArray &key, const QByteArray &sealed, const QByteArray &additionalData)
{
    if (key.size() != KeySize)
        return Error{ErrorCode::InvalidArgument, tr("An AES-256 key has 32 bytes")};
    if (sealed.size() < NonceSize + TagSize)
        return Error{ErrorCode::TamperedSecret, tr("The sealed secret is truncated")};
    const int cipherSize = int(sealed.size()) - NonceSize - TagSize;
    QByteArray tag = sealed.right(TagSize);
    QByteArray plain(cipherSize, Qt::Uninitialized);
    auto context = newContext();
    int length = 0;
    int finalLength = 0;
    const bool ok = context
        && EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) == 1
        && EVP_DecryptInit_ex(context.get(), nullptr, nullptr, data(key), data(sealed)) == 1
        && EVP_DecryptUpdate(
               context.get(), nullptr, &length, data(additionalData), int(additionalData.size()))
            == 1
        && EVP_DecryptUpdate(
               context.get(), data(plain), &length, data(sealed) + NonceSize, cipherSize)
            == 1
        && EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, TagSize, data(tag)) == 1
        && EVP_DecryptFinal_ex(context.get(), data(plain) + length, &finalLength) == 1;
    if (!ok) {
        wipe(plain);
        return Error{ErrorCode::TamperedSecret,
                     tr("The sealed secret does not verify: it was altered, belongs to another "
                        "record or tenant, or was sealed under another key")};
    }
    return plain;
}

Result<QByteArray> scryptKey(const QByteArray &passphrase,
                             const QByteArray &salt,
                             const ScryptParameters &parameters,
                             int keySize)
{
    QByteArray key(keySize, Qt::Uninitialized);
    // maxmem must cover 128 * n * r * p bytes (128 MiB for the defaults).
    const quint64 maxMemory = 128 * parameters.n * parameters.r * parameters.p + (1u << 20);
    if (EVP_PBE_scrypt(passphrase.constData(),
                       size_t(passphrase.size()),
                       data(salt),
                       size_t(salt.size()),
                       parameters.n,
                       parameters.r,
                       parameters.p,
                       maxMemory,
                       data(key),
                       size_t(keySize))
        != 1) {
        return failure("derive a key from the passphrase");
    }
    return key;
}

bool equalsConstantTime(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size()
        && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty() && !bytes.isDetached())
        bytes.detach(); // never scribble over a buffer another QByteArray still shares
    OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

} // namespace Sb::Crypto
