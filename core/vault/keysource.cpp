#include "keysource.h"

#include "blockingkeychain.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace Sb::Vault {

KeySource KeySource::keychain()
{
    return KeySource(QString());
}

KeySource KeySource::file(const QString &path)
{
    return KeySource(QFileInfo(path).absoluteFilePath());
}

KeySource KeySource::resolve(const QString &explicitPath)
{
    if (!explicitPath.isEmpty())
        return file(explicitPath);
    const QString fromEnvironment = qEnvironmentVariable("SWITCHBOARD_VAULT_KEY_FILE");
    if (!fromEnvironment.isEmpty())
        return file(fromEnvironment);
    const QString credentials = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
    if (!credentials.isEmpty()) {
        const QString path = QDir(credentials).filePath(QStringLiteral("switchboard-vault-key"));
        if (QFileInfo::exists(path))
            return file(path);
    }
    return keychain();
}

QString KeySource::describe() const
{
    return isKeychain() ? tr("the system keychain") : tr("the key file %1").arg(m_path);
}

Status KeySource::checkKeyFilePermissions(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error{ErrorCode::SecretMissing, tr("The key file %1 does not exist").arg(path)};
    const auto others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
        | QFile::WriteOther | QFile::ExeOther;
    if (info.permissions() & others) {
        return Error{
            ErrorCode::InsecureKeyFile,
            tr("The key file %1 can be read by other users; refusing it. Run: chmod 600 %1")
                .arg(path)};
    }
    return ok();
}

Result<DataKeys> KeySource::load(const QString &vaultId) const
{
    if (isKeychain()) {
        auto stored = BlockingKeychain().read(SecretKey::forVaultKeys(vaultId));
        if (!stored && stored.error().code == ErrorCode::SecretMissing) {
            return Error{ErrorCode::SecretMissing,
                         tr("This machine's keychain does not hold the keys of vault %1: import "
                            "them with switchboardctl vault import-key FILE")
                             .arg(vaultId)};
        }
        if (!stored)
            return stored.error();
        return DataKeys::fromSecret(*stored);
    }
    if (auto safe = checkKeyFilePermissions(m_path); !safe)
        return safe.error();
    QFile keyFile(m_path);
    if (!keyFile.open(QIODevice::ReadOnly))
        return Error{ErrorCode::AccessDenied, tr("Cannot read the key file %1").arg(m_path)};
    auto keys = DataKeys::fromSecret(Secret(keyFile.readAll()));
    if (keys && keys->vaultId() != vaultId) {
        return Error{ErrorCode::UnknownKey,
                     tr("The key file %1 holds the keys of vault %2, not %3")
                         .arg(m_path, keys->vaultId(), vaultId)};
    }
    return keys;
}

Status KeySource::save(const DataKeys &keys) const
{
    if (isKeychain())
        return BlockingKeychain().write(SecretKey::forVaultKeys(keys.vaultId()),
                                           keys.toSecret());
    QSaveFile keyFile(m_path);
    if (!keyFile.open(QIODevice::WriteOnly)
        || !keyFile.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
        return Error{ErrorCode::AccessDenied, tr("Cannot write the key file %1").arg(m_path)};
    }
    keyFile.write(keys.toSecret().reveal());
    if (!keyFile.commit())
        return Error{ErrorCode::AccessDenied, tr("Cannot write the key file %1").arg(m_path)};
    return ok();
}

} // namespace Sb::Vault
