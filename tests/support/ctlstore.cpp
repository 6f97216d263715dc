#include "ctlstore.h"

#include "twiliotenant.h"

#include <core/store/tenantstore.h>

namespace Sb::Test {

Status CtlStore::create(const QString &tenant)
{
    auto database = m_databases.createMigrated(QStringLiteral("sqlite"));
    if (!database)
        return database.error();
    m_url = m_databases.lastUrl();
    m_tenant = tenant;
    if (auto vault = createVault(**database, keyFile()); !vault)
        return vault.error();
    if (auto added = Store::TenantStore(**database).add(tenant, {}); !added)
        return added.error();
    return ok();
}

QStringList CtlStore::arguments() const
{
    return {QStringLiteral("--tenant"),
            m_tenant,
            QStringLiteral("--db"),
            m_url,
            QStringLiteral("--key-file"),
            keyFile()};
}

} // namespace Sb::Test
