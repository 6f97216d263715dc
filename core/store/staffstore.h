#pragma once

#include "tenant.h"

#include <core/common/result.h>

namespace Sb::Store {

class Database;

// Staff accounts and their memberships, for administrators. One staff member may serve
// several tenants (agencies do). On PostgreSQL each staff member also gets a login of their
// own in the sb_staff group, whose row-level policies admit only their tenants.
class StaffStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::StaffStore)

public:
    explicit StaffStore(Store::Database &database);

    // Adds the staff member if new, then grants (or changes) the role in the tenant.
    Result<StaffMember> addToTenant(const QString &name, const Tenant &tenant, Role role);
    // PostgreSQL only: CREATE ROLE … LOGIN in sb_staff, or a new password for an existing one.
    Status setLogin(const StaffMember &staff, const QString &password);
    Result<StaffMember> find(const QString &name);
    // PostgreSQL: the staff member whose login opened this connection.
    Result<QString> nameOfThisLogin();
    Result<QList<Membership>> memberships(const StaffMember &staff);

    static Status validateName(const QString &name);

private:
    Store::Database &m_database;
};

} // namespace Sb::Store
