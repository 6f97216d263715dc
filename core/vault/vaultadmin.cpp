#include "vaultadmin.h"

#include "keyexport.h"
#include "vaultlog.h"

#include <core/store/database.h>
#include <core/store/envelopestore.h>


namespace Sb::Vault {

VaultAdmin::VaultAdmin(Store::Database &database, KeySource keySource)
    : m_database(database)
    , m_keySource(std::move(keySource))
{}

Result<std::optional<VaultState>> VaultAdmin::readState(Store::Database &database)
{
    auto vault = Store::EnvelopeStore(database).vault();
    if (!vault)
        return vault.error();
    if (!*vault)
        return std::optional<VaultState>();
    return std::optional<VaultState>(VaultState{(*vault)->vaultId, (*vault)->activeKeyId});
}

Result<VaultState> VaultAdmin::requireState()
{
    auto state = readState(m_database);
    if (!state)
        return state.error();
    if (!*state) {
        return Error{
            ErrorCode::NotFound,
            tr("The vault of this store is not set up yet: run switchboardctl vault init")};
    }
    return **state;
}

Result<VaultState> VaultAdmin::init()
{
    auto existing = readState(m_database);
    if (!existing)
        return existing.error();
    if (*existing) {
        return Error{ErrorCode::AlreadyExists,
                     tr("The vault of this store already exists (%1); to use it on this machine, "
                        "import its key with switchboardctl vault import-key")
                         .arg((*existing)->vaultId)};
    }
    auto keys = DataKeys::generate();
    if (!keys)
        return keys.error();
    // Keys first: a store that names a key nobody holds would be worse than no vault.
    if (auto saved = m_keySource.save(*keys); !saved)
        return saved.error();
    const VaultState state{keys->vaultId(), keys->activeKeyId()};
    auto inserted =
        Store::EnvelopeStore(m_database).createVault({state.vaultId, state.activeKeyId});
    if (!inserted)
        return inserted.error();
    qCInfo(lcVault) << "vault" << state.vaultId << "created, key" << state.activeKeyId << "in"
                    << m_keySource.describe();
    return state;
}

Result<VaultStatus> VaultAdmin::status()
{
    VaultStatus result;
    auto state = readState(m_database);
    if (!state)
        return state.error();
    result.state = *state;
    auto counted = Store::EnvelopeStore(m_database).countByKey();
    if (!counted)
        return counted.error();
    for (auto it = counted->cbegin(); it != counted->cend(); ++it)
        result.secretsByKeyId.insert(it.key(), it.value());
    if (result.state) {
        auto keys = m_keySource.load(result.state->vaultId);
        if (keys)
            result.localKeyIds = keys->keyIds();
        else
            result.keyProblem = keys.error();
    } else if (!m_keySource.isKeychain()) {
        // No vault yet, but a key file was named: it is judged all the same (a server about to
        // use it would refuse it).
        auto keys = m_keySource.load(QString());
        if (keys || keys.error().code == ErrorCode::UnknownKey) {
            result.keyProblem = Error{ErrorCode::UnknownKey,
                                      tr("%1 holds the keys of a vault, but this store has no"
                                         " vault: is --db the store they belong to?")
                                          .arg(m_keySource.describe())};
        } else {
            result.keyProblem = keys.error();
        }
    }
    return result;
}

Result<DataKeys> VaultAdmin::localKeys()
{
    auto state = requireState();
    if (!state)
        return state.error();
    return m_keySource.load(state->vaultId);
}

Result<Sealer> VaultAdmin::sealer()
{
    auto keys = localKeys();
    if (!keys)
        return keys.error();
    return Sealer(*keys);
}

Result<QString> VaultAdmin::rotateKey()
{
    auto original = localKeys();
    if (!original)
        return original.error();
    DataKeys keys = *original;
    auto newKeyId = keys.addActiveKey();
    if (!newKeyId)
        return newKeyId.error();
    // 1. Both keys where this machine keeps them, so nothing is unreadable at any moment.
    if (auto saved = m_keySource.save(keys); !saved)
        return saved.error();
    // 2. Every secret of every tenant opened with its old key and sealed under the new one.
    const Sealer sealer(keys);
    auto rotated = Store::EnvelopeStore(m_database)
                       .resealAll(*newKeyId, [&](const Store::SealedEnvelope &row) {
                           const SealContext context{row.tenant, row.record, row.purpose};
                           auto secret = sealer.open(context, row.envelope);
                           if (!secret)
                               return Result<QByteArray>(secret.error());
                           return sealer.seal(context, *secret);
                       });
    if (!rotated) {
        m_keySource.save(*original).hasValue(); // back to how it was; the store is unchanged
        return rotated.error();
    }
    // 3. Only now is the old key no longer needed.
    keys.dropAllBut(*newKeyId);
    if (auto saved = m_keySource.save(keys); !saved)
        return saved.error();
    qCInfo(lcVault) << "rotated vault" << keys.vaultId() << "to key" << *newKeyId << "resealed"
                    << *rotated << "secrets";
    return *newKeyId;
}

Result<QByteArray> VaultAdmin::exportKeys(const Secret &passphrase)
{
    auto keys = localKeys();
    if (!keys)
        return keys.error();
    return KeyExport::protect(*keys, passphrase);
}

Result<VaultState> VaultAdmin::importKeys(const QByteArray &exported, const Secret &passphrase)
{
    auto state = requireState();
    if (!state)
        return state.error();
    auto keys = KeyExport::unprotect(exported, passphrase);
    if (!keys)
        return keys.error();
    if (keys->vaultId() != state->vaultId) {
        return Error{ErrorCode::UnknownKey,
                     tr("These are the keys of vault %1, but this store's vault is %2")
                         .arg(keys->vaultId(), state->vaultId)};
    }
    if (!keys->hasKey(state->activeKeyId)) {
        return Error{ErrorCode::UnknownKey,
                     tr("This export predates the store's current key %1: export the key again")
                         .arg(state->activeKeyId)};
    }
    if (auto saved = m_keySource.save(*keys); !saved)
        return saved.error();
    return *state;
}

} // namespace Sb::Vault
