#include "vapiaccounts.h"

#include <core/store/connectionstore.h>
#include <core/store/database.h>
#include <core/store/phonenumberstore.h>
#include <core/vault/sealedsecretstore.h>

namespace Sb::Providers::Vapi {

namespace {
const QString kRecord = QStringLiteral("vapi-account");
const QString kPurpose = QStringLiteral("private-key");
} // namespace

VapiAccounts::VapiAccounts(Store::Database &database, const Vault::Sealer &sealer)
    : m_database(database)
    , m_sealer(sealer)
{}

Status VapiAccounts::record(const Store::TenantScope &tenant, const Secret &privateKey) const
{
    if (auto sealed = Vault::SealedSecretStore(m_database, m_sealer)
                          .put(tenant, kRecord, kPurpose, privateKey);
        !sealed)
        return sealed;
    return Store::ConnectionStore(m_database)
        .markConnected(tenant,
                       {QStringLiteral("provider"),
                        QStringLiteral("vapi"),
                        {},
                        QStringLiteral("VAPI"),
                        std::nullopt});
}

Result<Secret> VapiAccounts::privateKey(const Store::TenantScope &tenant) const
{
    auto key = Vault::SealedSecretStore(m_database, m_sealer).get(tenant, kRecord, kPurpose);
    if (!key && key.error().code == ErrorCode::SecretMissing)
        return Error{ErrorCode::SecretMissing,
                     tr("This tenant is not connected to VAPI yet (switchboardctl vapi connect)")};
    return key;
}

Result<QStringList> VapiAccounts::storeNumbers(const Store::TenantScope &tenant,
                                               const QList<VapiNumber> &numbers) const
{
    Store::PhoneNumberStore store(m_database);
    QStringList added;
    for (const VapiNumber &number : numbers) {
        if (number.e164.isEmpty() || store.find(tenant, number.e164))
            continue;
        Store::PhoneNumber phone;
        phone.e164 = number.e164;
        phone.provider = Store::NumberProvider::Vapi;
        phone.providerNumberId = number.id;
        phone.purpose = Store::NumberPurpose::Assistant;
        phone.assistantId = number.assistantId;
        phone.label = number.name;
        if (auto stored = store.add(tenant, phone); !stored)
            return stored.error();
        added.append(number.e164);
    }
    return added;
}

} // namespace Sb::Providers::Vapi
