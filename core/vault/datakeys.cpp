#include "datakeys.h"

#include <core/crypto/aesgcm.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Vault {

namespace {
Result<QString> newId(const char *prefix)
{
    auto bytes = Crypto::randomBytes(6);
    if (!bytes)
        return bytes.error();
    return QLatin1String(prefix) + QString::fromLatin1(bytes->toHex());
}
} // namespace

Result<DataKeys> DataKeys::generate()
{
    DataKeys keys;
    auto vaultId = newId("v");
    if (!vaultId)
        return vaultId.error();
    keys.m_vaultId = *vaultId;
    if (auto added = keys.addActiveKey(); !added)
        return added.error();
    return keys;
}

Result<QString> DataKeys::addActiveKey()
{
    auto keyId = newId("k");
    auto material = Crypto::randomBytes(Crypto::AesGcm::KeySize);
    if (!keyId || !material)
        return keyId ? material.error() : keyId.error();
    m_keys.insert(*keyId, Secret(*material));
    Crypto::wipe(*material);
    m_activeKeyId = *keyId;
    return *keyId;
}

void DataKeys::dropAllBut(const QString &keyId)
{
    m_activeKeyId = keyId;
    for (auto it = m_keys.begin(); it != m_keys.end();) {
        if (it.key() == keyId)
            ++it;
        else
            it = m_keys.erase(it);
    }
}

const Secret *DataKeys::key(const QString &keyId) const
{
    const auto it = m_keys.constFind(keyId);
    return it == m_keys.cend() ? nullptr : &*it;
}

Secret DataKeys::toSecret() const
{
    QJsonObject keys;
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it)
        keys.insert(it.key(), QString::fromLatin1(it->reveal().toBase64()));
    const QJsonObject object{{QStringLiteral("format"), QStringLiteral("switchboard-vault-keys")},
                             {QStringLiteral("version"), 1},
                             {QStringLiteral("vault"), m_vaultId},
                             {QStringLiteral("active"), m_activeKeyId},
                             {QStringLiteral("keys"), keys}};
    return Secret(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Result<DataKeys> DataKeys::fromSecret(const Secret &serialized)
{
    const QJsonObject object = QJsonDocument::fromJson(serialized.reveal()).object();
    const auto invalid = Error{ErrorCode::InvalidArgument,
                               tr("The stored vault keys are not in Switchboard's format")};
    if (object.value(u"format").toString() != u"switchboard-vault-keys"
        || object.value(u"version").toInt() != 1)
        return invalid;
    DataKeys keys;
    keys.m_vaultId = object.value(u"vault").toString();
    keys.m_activeKeyId = object.value(u"active").toString();
    const QJsonObject material = object.value(u"keys").toObject();
    for (auto it = material.constBegin(); it != material.constEnd(); ++it) {
        QByteArray key = QByteArray::fromBase64(it->toString().toLatin1());
        if (key.size() != Crypto::AesGcm::KeySize)
            return invalid;
        keys.m_keys.insert(it.key(), Secret(key));
        Crypto::wipe(key);
    }
    if (keys.m_vaultId.isEmpty() || !keys.m_keys.contains(keys.m_activeKeyId))
        return invalid;
    return keys;
}

} // namespace Sb::Vault
