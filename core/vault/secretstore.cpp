#include "secretstore.h"

#include "vaultlog.h"

#include <qt6keychain/keychain.h>

#include <QPromise>

#ifdef Q_OS_LINUX
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusReply>
#endif

#include <memory>

Q_LOGGING_CATEGORY(lcVault, "switchboard.vault", QtInfoMsg)

namespace Sb::Vault {

namespace {

// QtKeychain's libsecret backend reports a locked collection whose unlock prompt failed or was
// dismissed as "entry not found"; ask the Secret Service itself before calling it missing.
bool isDefaultCollectionLocked()
{
#ifdef Q_OS_LINUX
    QDBusInterface collection(QStringLiteral("org.freedesktop.secrets"),
                              QStringLiteral("/org/freedesktop/secrets/aliases/default"),
                              QStringLiteral("org.freedesktop.Secret.Collection"),
                              QDBusConnection::sessionBus());
    return collection.isValid() && collection.property("Locked").toBool();
#else
    return false;
#endif
}

// Whether a Secret Service runs, or could be started, on this session's bus.
bool isSecretServiceReachable()
{
#ifdef Q_OS_LINUX
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    const QString service = QStringLiteral("org.freedesktop.secrets");
    if (bus.interface()->isServiceRegistered(service).value())
        return true;
    const QDBusReply<QStringList> activatable =
        bus.interface()->call(QStringLiteral("ListActivatableNames"));
    return activatable.isValid() && activatable.value().contains(service);
#else
    return true;
#endif
}

Error keychainError(const QKeychain::Job &job, const QString &entry)
{
    const QString detail = job.errorString();
    const auto unavailable = [&] {
        return Error{ErrorCode::KeychainUnavailable,
                     SecretStore::tr("No keychain is available (%1). Start your desktop's keyring "
                                     "(GNOME Keyring, KWallet) and try again; a server without "
                                     "one uses a key file instead (--key-file).")
                         .arg(detail)};
    };
    const auto locked = [] {
        return Error{ErrorCode::KeychainLocked,
                     SecretStore::tr("The keychain is locked and was not unlocked. Unlock it "
                                     "(for example in Passwords and Keys) and try again.")};
    };
    switch (job.error()) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        if (isDefaultCollectionLocked())
            return locked();
        return Error{ErrorCode::SecretMissing,
                     SecretStore::tr("The keychain has no entry %1.").arg(entry)};
    case QKeychain::AccessDenied:
        return locked();
    case QKeychain::AccessDeniedByUser:
        return Error{ErrorCode::AccessDenied,
                     SecretStore::tr("Access to the keychain was refused. Allow Switchboard when "
                                     "your keychain asks, then try again.")};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unavailable();
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        if (!isSecretServiceReachable())
            return unavailable();
        if (isDefaultCollectionLocked())
            return locked();
        break;
    }
    return Error{ErrorCode::KeychainUnavailable,
                 SecretStore::tr("The keychain failed (%1). Check that your keyring is running and "
                                 "unlocked, then try again.")
                     .arg(detail)};
}

template<typename T>
QFuture<T> runJob(QKeychain::Job *job, std::function<T(QKeychain::Job &)> finish)
{
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    QFuture<T> future = promise->future();
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, [promise, finish](QKeychain::Job *done) {
        promise->addResult(finish(*done));
        promise->finish();
    });
    job->start();
    return future;
}

} // namespace

SecretStore::SecretStore(QString service)
    : m_service(std::move(service))
{}

QFuture<Result<Secret>> SecretStore::read(const SecretKey &key) const
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key.entryName());
    const QString entry = key.entryName();
    return runJob<Result<Secret>>(job, [entry](QKeychain::Job &done) -> Result<Secret> {
        if (done.error() != QKeychain::NoError)
            return keychainError(done, entry);
        auto &reader = static_cast<QKeychain::ReadPasswordJob &>(done);
        qCDebug(lcVault) << "read keychain entry" << entry;
        return Secret(reader.binaryData());
    });
}

QFuture<Status> SecretStore::write(const SecretKey &key, const Secret &secret) const
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key.entryName());
    job->setBinaryData(secret.reveal());
    const QString entry = key.entryName();
    return runJob<Status>(job, [entry](QKeychain::Job &done) -> Status {
        if (done.error() != QKeychain::NoError)
            return keychainError(done, entry);
        qCDebug(lcVault) << "wrote keychain entry" << entry;
        return ok();
    });
}

QFuture<Status> SecretStore::remove(const SecretKey &key) const
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key.entryName());
    const QString entry = key.entryName();
    return runJob<Status>(job, [entry](QKeychain::Job &done) -> Status {
        if (done.error() != QKeychain::NoError)
            return keychainError(done, entry);
        return ok();
    });
}

} // namespace Sb::Vault
