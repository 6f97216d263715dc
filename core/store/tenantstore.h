#pragma once

#include "tenant.h"

#include <core/common/result.h>

namespace Sb::Store {

class Database;

// The list of tenants, for administrators. On PostgreSQL what a login sees is still limited by
// row-level security, so a staff login finds only its own tenants here.
class TenantStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::TenantStore)

public:
    explicit TenantStore(Store::Database &database);

    Result<Tenant> add(const QString &name, const QString &displayName);
    Result<QList<Tenant>> list();
    // `--tenant` semantics: a number is an id, anything else the unique name.
    Result<Tenant> find(const QString &idOrName);

    static Status validateName(const QString &name);

private:
    Store::Database &m_database;
};

} // namespace Sb::Store
