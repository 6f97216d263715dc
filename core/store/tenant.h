#pragma once

#include <core/common/id.h>

#include <QList>
#include <QString>

#include <optional>

namespace Sb::Store {

struct Tenant
{
    TenantId id;
    QString name; // unique slug, what `--tenant` accepts besides the id
    QString displayName;
    qint64 createdAt = 0;
};

enum class Role { Owner, Admin, Staff };
QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);

struct StaffMember
{
    StaffId id;
    QString name;
    QString displayName;
    QString postgresLogin;
};

struct Membership
{
    Tenant tenant;
    Role role = Role::Staff;
};

} // namespace Sb::Store
