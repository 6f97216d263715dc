#include "keyexport.h"

#include <core/crypto/aesgcm.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Vault {

namespace {
const QByteArray kAdditionalData = QByteArrayLiteral("switchboard-vault-key-export-v1");
}

Result<QByteArray> KeyExport::protect(const DataKeys &keys, const Secret &passphrase)
{
    if (passphrase.size() < MinimumPassphraseLength) {
        return Error{
            ErrorCode::InvalidArgument,
            tr("The passphrase needs at least %1 characters").arg(MinimumPassphraseLength)};
    }
    auto salt = Crypto::randomBytes(16);
    if (!salt)
        return salt.error();
    const Crypto::ScryptParameters parameters;
    auto kek = Crypto::scryptKey(passphrase.reveal(), *salt, parameters);
    if (!kek)
        return kek.error();
    auto sealed = Crypto::AesGcm::seal(*kek, keys.toSecret().reveal(), kAdditionalData);
    Crypto::wipe(*kek);
    if (!sealed)
        return sealed.error();
    const QJsonObject object{
        {QStringLiteral("format"), QStringLiteral("switchboard-vault-key-export")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("vault"), keys.vaultId()},
        {QStringLiteral("kdf"), QStringLiteral("scrypt")},
        {QStringLiteral("n"), qint64(parameters.n)},
        {QStringLiteral("r"), qint64(parameters.r)},
        {QStringLiteral("p"), qint64(parameters.p)},
        {QStringLiteral("salt"), QString::fromLatin1(salt->toBase64())},
        {QStringLiteral("sealed"), QString::fromLatin1(sealed->toBase64())},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

Result<DataKeys> KeyExport::unprotect(const QByteArray &exported, const Secret &passphrase)
{
    const QJsonObject object = QJsonDocument::fromJson(exported).object();
    if (object.value(u"format").toString() != u"switchboard-vault-key-export"
        || object.value(u"version").toInt() != 1 || object.value(u"kdf").toString() != u"scrypt") {
        return Error{ErrorCode::InvalidArgument, tr("This is not a Switchboard vault key export")};
    }
    Crypto::ScryptParameters parameters;
    parameters.n = quint64(object.value(u"n").toInteger());
    parameters.r = quint64(object.value(u"r").toInteger());
    parameters.p = quint64(object.value(u"p").toInteger());
    // Bounds keep a crafted file from asking for gigabytes of memory.
    if (parameters.n < (1u << 14) || parameters.n > (1u << 20) || parameters.r != 8
        || parameters.p < 1 || parameters.p > 4) {
        return Error{ErrorCode::InvalidArgument,
                     tr("The key export's parameters are out of range")};
    }
    const QByteArray salt = QByteArray::fromBase64(object.value(u"salt").toString().toLatin1());
    auto kek = Crypto::scryptKey(passphrase.reveal(), salt, parameters);
    if (!kek)
        return kek.error();
    auto plain =
        Crypto::AesGcm::open(*kek,
                             QByteArray::fromBase64(object.value(u"sealed").toString().toLatin1()),
                             kAdditionalData);
    Crypto::wipe(*kek);
    if (!plain) {
        return Error{ErrorCode::AccessDenied,
                     tr("Wrong passphrase, or the key export was altered")};
    }
    auto keys = DataKeys::fromSecret(Secret(*plain));
    Crypto::wipe(*plain);
    return keys;
}

} // namespace Sb::Vault
