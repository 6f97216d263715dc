#pragma once

#include "secretkey.h"

#include <core/common/result.h>
#include <core/crypto/secret.h>

#include <QFuture>

namespace Sb::Vault {

// The system keychain (Secret Service, macOS Keychain, Windows Credential Manager) through
// QtKeychain, the only QtKeychain user in Switchboard. The plaintext fallback stays off.
//
// read/write/remove start a keychain job on the calling thread, which must run an event loop,
// and never block it; the future finishes on that thread. switchboardctl and the server wait
// for them with BlockingKeychain, which the console cannot use.
//
// Errors: KeychainUnavailable (no Secret Service/keychain), KeychainLocked (locked, or the
// unlock prompt was dismissed), SecretMissing, AccessDenied; messages say what to do.
class SecretStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Vault::SecretStore)

public:
    explicit SecretStore(QString service = QStringLiteral("switchboard"));

    QFuture<Result<Secret>> read(const SecretKey &key) const;
    QFuture<Status> write(const SecretKey &key, const Secret &secret) const;
    QFuture<Status> remove(const SecretKey &key) const;


private:
    QString m_service;
};

} // namespace Sb::Vault
