#pragma once

#include "datakeys.h"

namespace Sb::Vault {

// Moves vault keys between machines: the keys sealed with AES-256-GCM under a key derived from
// a passphrase with scrypt (N = 2^17, r = 8, p = 1, random 16-byte salt), as a small JSON file.
class KeyExport final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Vault::KeyExport)

public:
    static Result<QByteArray> protect(const DataKeys &keys, const Secret &passphrase);
    static Result<DataKeys> unprotect(const QByteArray &exported, const Secret &passphrase);
    static constexpr int MinimumPassphraseLength = 12;
};

} // namespace Sb::Vault
