#pragma once

#include "datakeys.h"

namespace Sb::Vault {

// Where this machine keeps a vault's data keys: the system keychain (admin machines, consoles),
// or a key file for a headless server: --key-file, SWITCHBOARD_VAULT_KEY_FILE, or
// $CREDENTIALS_DIRECTORY/switchboard-vault-key as systemd hands credentials. A key file that
// its group or others can read is refused. Blocking: switchboardctl and the server only.
class KeySource final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Vault::KeySource)

public:
    static KeySource keychain();
    static KeySource file(const QString &path);
    // explicitPath (--key-file) first, then the environment, then the keychain.
    static KeySource resolve(const QString &explicitPath);

    bool isKeychain() const { return m_path.isEmpty(); }
    QString describe() const;

    Result<DataKeys> load(const QString &vaultId) const;
    Status save(const DataKeys &keys) const;

    static Status checkKeyFilePermissions(const QString &path);

private:
    explicit KeySource(QString path)
        : m_path(std::move(path))
    {}

    QString m_path; // empty: the keychain
};

} // namespace Sb::Vault
