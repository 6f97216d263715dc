#include "blockingkeychain.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFutureWatcher>

namespace Sb::Vault {

namespace {
template<typename T>
T waitFor(QFuture<T> future)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    return future.result();
}
} // namespace

BlockingKeychain::BlockingKeychain(QString service)
    : m_store(std::move(service))
{}

Status BlockingKeychain::refuseInGui()
{
    // Named by class: core links no GUI module.
    if (QCoreApplication::instance() && QCoreApplication::instance()->inherits("QGuiApplication"))
        return Error{ErrorCode::Unsupported,
                     tr("The console does not wait for the keychain; this is a defect, please "
                        "report it")};
    return ok();
}

Result<Secret> BlockingKeychain::read(const SecretKey &key) const
{
    if (auto allowed = refuseInGui(); !allowed)
        return allowed.error();
    return waitFor(m_store.read(key));
}

Status BlockingKeychain::write(const SecretKey &key, const Secret &secret) const
{
    if (auto allowed = refuseInGui(); !allowed)
        return allowed;
    return waitFor(m_store.write(key, secret));
}

Status BlockingKeychain::remove(const SecretKey &key) const
{
    if (auto allowed = refuseInGui(); !allowed)
        return allowed;
    return waitFor(m_store.remove(key));
}

} // namespace Sb::Vault
