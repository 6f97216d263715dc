#include "vaultadmin.h"

#include "keyexport.h"
#include "vaultlog.h"

#include <core/store/database.h>
#include <core/store/sqlquery.h>

#include <QDateTime>

namespace Sb::Vault {

using Store::SqlQuery;
using Store::TransactionMode;

VaultAdmin::VaultAdmin(Store::Database &database, KeySource keySource)
    : m_database(database)
    , m_keySource(std::move(keySource))
{}

Result<std::optional<VaultState>> VaultAdmin::readState(Store::Database &database)
{
    std::optional<VaultState> state;
    auto status = database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, QStringLiteral("SELECT vault_id, active_key_id FROM vault_state"));
        auto ran = query.exec();
        if (ran && query.next())
            state = VaultState{query.value(0).toString(), query.value(1).toString()};
        return ran;
    });
    if (!status)
        return status.error();
    return state;
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
    auto inserted = m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        return SqlQuery(db,
                        QStringLiteral("INSERT INTO vault_state (id, vault_id, active_key_id,"
                                       " created_at) VALUES (1, :vault, :key, :at)"))
            .bind(QStringLiteral(":vault"), state.vaultId)
            .bind(QStringLiteral(":key"), state.activeKeyId)
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .exec();
    });
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
    auto counted = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(
            db, QStringLiteral("SELECT key_id, COUNT(*) FROM sealed_secrets GROUP BY key_id"));
        auto ran = query.exec();
        while (ran && query.next())
            result.secretsByKeyId.insert(query.value(0).toString(), query.value(1).toInt());
        return ran;
    });
    if (!counted)
        return counted.error();
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
    int resealed = 0;
    auto rotated = m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        SqlQuery rows(db,
                      QStringLiteral("SELECT id, tenant_id, record, purpose, envelope"
                                     " FROM sealed_secrets ORDER BY id"));
        if (auto ran = rows.exec(); !ran)
            return ran;
        struct Row
        {
            qint64 id;
            SealContext context;
            QByteArray envelope;
        };
        QList<Row> all;
        while (rows.next()) {
            all.append({rows.value(0).toLongLong(),
                        {TenantId(rows.value(1).toLongLong()),
                         rows.value(2).toString(),
                         rows.value(3).toString()},
                        rows.value(4).toByteArray()});
        }
        for (const Row &row : std::as_const(all)) {
            auto secret = sealer.open(row.context, row.envelope);
            if (!secret)
                return Status(secret.error());
            auto envelope = sealer.seal(row.context, *secret);
            if (!envelope)
                return Status(envelope.error());
            auto updated = SqlQuery(db,
                                    QStringLiteral("UPDATE sealed_secrets SET key_id = :key,"
                                                   " envelope = :envelope WHERE id = :id"))
                               .bind(QStringLiteral(":key"), *newKeyId)
                               .bind(QStringLiteral(":envelope"), *envelope)
                               .bind(QStringLiteral(":id"), row.id)
                               .exec();
            if (!updated)
                return updated;
            ++resealed;
        }
        return SqlQuery(db,
                        QStringLiteral("UPDATE vault_state SET active_key_id = :key,"
                                       " rotated_at = :at WHERE id = 1"))
            .bind(QStringLiteral(":key"), *newKeyId)
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .exec();
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
                    << resealed << "secrets";
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
