#pragma once

#include "keysource.h"
#include "sealer.h"

#include <QMap>

#include <optional>

namespace Sb::Store {
class Database;
}

namespace Sb::Vault {

struct VaultState
{
    QString vaultId;
    QString activeKeyId;
};

struct VaultStatus
{
    std::optional<VaultState> state; // empty: `vault init` has not run on this store
    QMap<QString, int> secretsByKeyId; // sealed secrets per key id, all tenants
    QStringList localKeyIds; // what the key source on this machine holds
    std::optional<Error> keyProblem; // why the key source could not be read
};

// The vault's administration for switchboardctl: init, status, rotate-key, export/import.
// Reads and writes the store as an administrator (all tenants) and the keys through a
// KeySource. Blocking.
class VaultAdmin final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Vault::VaultAdmin)

public:
    VaultAdmin(Store::Database &database, KeySource keySource);

    Result<VaultState> init();
    Result<VaultStatus> status();
    Result<Sealer> sealer();
    // A new key seals everything again in one transaction; the old key is dropped only after.
    Result<QString> rotateKey();
    Result<QByteArray> exportKeys(const Secret &passphrase);
    Result<VaultState> importKeys(const QByteArray &exported, const Secret &passphrase);

    static Result<std::optional<VaultState>> readState(Store::Database &database);

private:
    Result<VaultState> requireState();
    Result<DataKeys> localKeys();

    Store::Database &m_database;
    KeySource m_keySource;
};

} // namespace Sb::Vault
