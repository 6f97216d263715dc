#pragma once

#include <core/store/tenant.h>
#include <core/store/tenantscope.h>

#include <core/common/result.h>

namespace Sb::Store {
class Database;
}

namespace Sb::Tenancy {

// Who signs in, and where they may act: the store's records.
using Store::Membership;
using Store::Role;
using Store::StaffMember;
using Store::Tenant;

// A signed-in staff member and the tenants they may act for. The console holds one; it is the
// only way the console gets a TenantScope, and only for a tenant in memberships().
class StaffSession final : private Store::ScopeIssuer
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Tenancy::StaffSession)

public:
    // SQLite: the staff account of that name in this local store. PostgreSQL: the staff account
    // bound to the login the database was opened with (the name, if given, must match it).
    static Result<StaffSession> signIn(Store::Database &database, const QString &staffName);

    const StaffMember &staff() const { return m_staff; }
    const QList<Membership> &memberships() const { return m_memberships; }
    Result<Store::TenantScope> scope(TenantId tenant) const;
    Role roleIn(TenantId tenant) const; // Staff where not a member

private:
    StaffSession(StaffMember staff, QList<Membership> memberships);

    StaffMember m_staff;
    QList<Membership> m_memberships;
};

// An administrator at switchboardctl: may name any tenant the database lets the login see.
class AdminSession final : private Store::ScopeIssuer
{
public:
    explicit AdminSession(Store::Database &database);
    Result<Store::TenantScope> scope(const QString &tenantIdOrName) const;

private:
    Store::Database &m_database;
};

} // namespace Sb::Tenancy
