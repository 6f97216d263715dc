#pragma once

#include <core/common/result.h>

#include <QByteArray>

namespace Sb::Crypto {

// AES-256-GCM through OpenSSL EVP, the only cipher Switchboard uses. seal() draws a fresh
// 96-bit nonce for every call and returns nonce | ciphertext | 128-bit tag; open() refuses
// anything whose tag does not verify against the same key and additional data.
class AesGcm final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Crypto::AesGcm)

public:
    static constexpr int KeySize = 32;
    static constexpr int NonceSize = 12;
    static constexpr int TagSize = 16;

    static Result<QByteArray>
    seal(const QByteArray &key, const QByteArray &plaintext, const QByteArray &additionalData);
    static Result<QByteArray>
    open(const QByteArray &key, const QByteArray &sealed, const QByteArray &additionalData);
};

// Cryptographically secure random bytes (OpenSSL RAND_bytes).
Result<QByteArray> randomBytes(int count);

// A key from a passphrase with scrypt (OpenSSL EVP_PBE_scrypt).
struct ScryptParameters
{
    quint64 n = 1u << 17;
    quint64 r = 8;
    quint64 p = 1;
};
Result<QByteArray> scryptKey(const QByteArray &passphrase,
                             const QByteArray &salt,
                             const ScryptParameters &parameters,
                             int keySize = AesGcm::KeySize);

// Constant-time comparison (CRYPTO_memcmp); false for different lengths.
bool equalsConstantTime(const QByteArray &a, const QByteArray &b);
// Overwrites the bytes in place (OPENSSL_cleanse), so a wiped secret leaves no copy behind.
void wipe(QByteArray &bytes);

} // namespace Sb::Crypto
