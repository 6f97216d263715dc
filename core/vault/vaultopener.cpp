#include "vaultopener.h"

#include "secretstore.h"
#include "vaultadmin.h"

#include <core/common/continuation.h>
#include <core/store/database.h>

namespace Sb::Vault {

VaultOpener::VaultOpener(std::shared_ptr<Store::Database> database, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
{}

void VaultOpener::open()
{
    auto database = m_database;
    auto state = m_database->run([database] { return VaultAdmin::readState(*database); });
    onFinished(this, std::move(state), [this](Result<std::optional<VaultState>> state) {
        if (!state)
            return emit failed(state.error().message);
        if (!*state)
            return emit notSetUp();
        const QString vaultId = (*state)->vaultId;
        onFinished(this,
                   SecretStore().read(SecretKey::forVaultKeys(vaultId)),
                   [this, vaultId](Result<Secret> stored) {
                       if (!stored) {
                           if (stored.error().code == ErrorCode::SecretMissing) {
                               return emit failed(
                                   tr("This machine does not hold the keys of vault %1: import "
                                      "them with switchboardctl vault import-key")
                                       .arg(vaultId));
                           }
                           return emit failed(stored.error().message);
                       }
                       auto keys = DataKeys::fromSecret(*stored);
                       if (!keys)
                           return emit failed(keys.error().message);
                       emit opened(std::make_shared<const Sealer>(std::move(*keys)));
                   });
    });
}

} // namespace Sb::Vault
