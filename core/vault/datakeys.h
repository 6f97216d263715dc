#pragma once

#include <core/common/result.h>
#include <core/crypto/secret.h>

#include <QMap>
#include <QString>

namespace Sb::Vault {

// A vault's data keys: 256-bit AES keys by key id, one of them active for new seals. Old keys
// stay until every secret sealed under them has been re-sealed (rotate-key).
class DataKeys final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Vault::DataKeys)

public:
    static Result<DataKeys> generate();
    static Result<DataKeys> fromSecret(const Secret &serialized);
    Secret toSecret() const;

    QString vaultId() const { return m_vaultId; }
    QString activeKeyId() const { return m_activeKeyId; }
    QStringList keyIds() const { return m_keys.keys(); }
    bool hasKey(const QString &keyId) const { return m_keys.contains(keyId); }
    const Secret *key(const QString &keyId) const;

    // Adds a fresh key and makes it the active one; returns its id.
    Result<QString> addActiveKey();
    // Keeps only keyId, which becomes the active key.
    void dropAllBut(const QString &keyId);

private:
    QString m_vaultId;
    QString m_activeKeyId;
    QMap<QString, Secret> m_keys;
};

} // namespace Sb::Vault
