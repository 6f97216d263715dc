#include "sealer.h"

#include <core/crypto/aesgcm.h>

namespace Sb::Vault {

namespace {
const QByteArray kMagic = QByteArrayLiteral("SBV1");
}

Sealer::Sealer(DataKeys keys)
    : m_keys(std::move(keys))
{}

QByteArray Sealer::additionalData(const SealContext &context, const QString &keyId)
{
    // Length-prefixed fields, so no choice of record text can imitate another binding.
    QByteArray aad = QByteArrayLiteral("switchboard-sealed-secret-v1");
    for (const QByteArray &field : {QByteArray::number(context.tenant.value()),
                                    context.record.toUtf8(),
                                    context.purpose.toUtf8(),
                                    keyId.toUtf8()}) {
        aad += QByteArray::number(field.size()) + ':' + field;
    }
    return aad;
}

Result<QString> Sealer::keyIdOf(const QByteArray &envelope)
{
    if (!envelope.startsWith(kMagic) || envelope.size() < kMagic.size() + 1)
        return Error{ErrorCode::TamperedSecret, tr("Not a Switchboard sealed secret")};
    const int length = quint8(envelope.at(kMagic.size()));
    if (length == 0 || envelope.size() < kMagic.size() + 1 + length)
        return Error{ErrorCode::TamperedSecret, tr("The sealed secret is truncated")};
    return QString::fromLatin1(envelope.mid(kMagic.size() + 1, length));
}

Result<QByteArray> Sealer::seal(const SealContext &context, const Secret &secret) const
{
    const QString keyId = m_keys.activeKeyId();
    const Secret *key = m_keys.key(keyId);
    if (!key)
        return Error{ErrorCode::UnknownKey, tr("The vault has no active key")};
    auto sealed =
        Crypto::AesGcm::seal(key->reveal(), secret.reveal(), additionalData(context, keyId));
    if (!sealed)
        return sealed.error();
    const QByteArray id = keyId.toLatin1();
    return kMagic + char(quint8(id.size())) + id + *sealed;
}

Result<Secret> Sealer::open(const SealContext &context, const QByteArray &envelope) const
{
    auto keyId = keyIdOf(envelope);
    if (!keyId)
        return keyId.error();
    const Secret *key = m_keys.key(*keyId);
    if (!key) {
        return Error{ErrorCode::UnknownKey,
                     tr("The secret was sealed under key %1, which this machine does not have; "
                        "import the vault key (switchboardctl vault import-key)")
                         .arg(*keyId)};
    }
    const int headerSize = int(kMagic.size()) + 1 + int(keyId->size());
    auto plain = Crypto::AesGcm::open(
        key->reveal(), envelope.mid(headerSize), additionalData(context, *keyId));
    if (!plain)
        return plain.error();
    Secret secret(*plain);
    Crypto::wipe(*plain);
    return secret;
}

} // namespace Sb::Vault
