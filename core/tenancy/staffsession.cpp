#include "staffsession.h"

#include <core/common/excerpt.h>

#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>

#include <core/store/database.h>

namespace Sb::Tenancy {

using Store::Backend;

StaffSession::StaffSession(StaffMember staff, QList<Membership> memberships)
    : m_staff(std::move(staff))
    , m_memberships(std::move(memberships))
{}

Result<StaffSession> StaffSession::signIn(Store::Database &database, const QString &staffName)
{
    QString name = staffName;
    if (name.isEmpty() && database.backend() == Backend::Sqlite) {
        return Error{ErrorCode::InvalidArgument,
                     tr("No staff name to sign in with: start the console with --staff NAME")};
    }
    if (database.backend() == Backend::Postgres) {
        auto login = Store::StaffStore(database).nameOfThisLogin();
        if (!login) {
            return Error{ErrorCode::AccessDenied,
                         tr("This PostgreSQL login is not a Switchboard staff account")};
        }
        if (!staffName.isEmpty() && *login != staffName) {
            return Error{ErrorCode::AccessDenied,
                         tr("This PostgreSQL login belongs to '%1', not '%2'")
                             .arg(*login, excerpt(staffName))};
        }
        name = *login;
    }
    Store::StaffStore directory(database);
    auto staff = directory.find(name);
    if (!staff) {
        if (staff.error().code == ErrorCode::NotFound) {
            return Error{ErrorCode::AccessDenied,
                         tr("No staff account '%1' in this store. To get started: "
                            "switchboardctl tenant add TENANT, then switchboardctl staff add %1 "
                            "--tenant TENANT --role owner")
                             .arg(excerpt(name))};
        }
        return staff.error();
    }
    auto memberships = directory.memberships(*staff);
    if (!memberships)
        return memberships.error();
    return StaffSession(*staff, *memberships);
}

Role StaffSession::roleIn(TenantId tenant) const
{
    for (const Membership &membership : m_memberships) {
        if (membership.tenant.id == tenant)
            return membership.role;
    }
    return Role::Staff;
}

Result<Store::TenantScope> StaffSession::scope(TenantId tenant) const
{
    for (const Membership &membership : m_memberships) {
        if (membership.tenant.id == tenant)
            return issueScope(tenant);
    }
    return Error{ErrorCode::AccessDenied,
                 tr("%1 is not a member of tenant %2").arg(m_staff.name).arg(tenant.value())};
}

AdminSession::AdminSession(Store::Database &database)
    : m_database(database)
{}

Result<Store::TenantScope> AdminSession::scope(const QString &tenantIdOrName) const
{
    auto tenant = Store::TenantStore(m_database).find(tenantIdOrName);
    if (!tenant)
        return tenant.error();
    return issueScope(tenant->id);
}

} // namespace Sb::Tenancy
