#pragma once

#include "sealer.h"

#include <QObject>

#include <memory>

namespace Sb::Store {
class Database;
}

namespace Sb::Vault {

// Opens the store's vault for the console without blocking it: the vault's state is read on a
// store thread, the keys from the keychain by an asynchronous keychain job on this thread.
// Emits opened() or failed() once; failed() carries a message that says what to do.
class VaultOpener final : public QObject
{
    Q_OBJECT

public:
    explicit VaultOpener(std::shared_ptr<Store::Database> database, QObject *parent = nullptr);
    void open();

signals:
    void opened(std::shared_ptr<const Sb::Vault::Sealer> sealer);
    void notSetUp();
    void failed(const QString &message);

private:
    std::shared_ptr<Store::Database> m_database;
};

} // namespace Sb::Vault
