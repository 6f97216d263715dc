#pragma once

#include "secretstore.h"

namespace Sb::Vault {

// The keychain for command-line tools and the server: each call waits for its job in a local
// event loop (QtKeychain's jobs are asynchronous). A nested event loop in the console would run
// other views' slots mid-call, so in a GUI process every call is refused with an error, and the
// console's code (ui/) may not include this header (tests/layers/check_layers.sh).
class BlockingKeychain final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Vault::BlockingKeychain)

public:
    explicit BlockingKeychain(QString service = QStringLiteral("switchboard"));

    Result<Secret> read(const SecretKey &key) const;
    Status write(const SecretKey &key, const Secret &secret) const;
    Status remove(const SecretKey &key) const;

private:
    static Status refuseInGui();

    SecretStore m_store;
};

} // namespace Sb::Vault
