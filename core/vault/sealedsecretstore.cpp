#include "sealedsecretstore.h"

#include "vaultlog.h"

#include <core/store/envelopestore.h>

namespace Sb::Vault {

SealedSecretStore::SealedSecretStore(Store::Database &database, const Sealer &sealer)
    : m_database(database)
    , m_sealer(sealer)
{}

Status SealedSecretStore::put(const Store::TenantScope &tenant,
                              const QString &record,
                              const QString &purpose,
                              const Secret &secret)
{
    auto envelope = m_sealer.seal({tenant.tenantId(), record, purpose}, secret);
    if (!envelope)
        return envelope.error();
    qCDebug(lcVault) << "sealing" << purpose << "of" << record << "for tenant"
                     << tenant.tenantId().value();
    return Store::EnvelopeStore(m_database)
        .put(tenant, record, purpose, m_sealer.keys().activeKeyId(), *envelope);
}

Result<Secret> SealedSecretStore::get(const Store::TenantScope &tenant,
                                      const QString &record,
                                      const QString &purpose) const
{
    auto envelope = Store::EnvelopeStore(m_database).get(tenant, record, purpose);
    if (!envelope)
        return envelope.error();
    if (!*envelope) {
        return Error{ErrorCode::SecretMissing,
                     tr("No %1 is stored for %2 in this tenant").arg(purpose, record)};
    }
    return m_sealer.open({tenant.tenantId(), record, purpose}, **envelope);
}

Status SealedSecretStore::remove(const Store::TenantScope &tenant,
                                 const QString &record,
                                 const QString &purpose)
{
    return Store::EnvelopeStore(m_database).remove(tenant, record, purpose);
}

} // namespace Sb::Vault
