#pragma once

#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QHash>
#include <QString>
#include <QStringList>

namespace Sb::Store {

class Database;

// The name a tenant knows a number by, as an SQL expression over a row's tenant and number
// columns: the tenant's lead with that number (the clinic's own record), else its unified CRM
// contact; NULL when neither names it. Each is one lookup by a (tenant, phone) index, so a
// listing can name every row it shows. The tenant is the row's own: a contact of another clinic
// with the same number never names it. Built from column names only (no input).
QString personNameSql(const QString &tenantColumn, const QString &numberColumn);

// The same names for numbers a caller holds (a notification's senders).
class PersonNames final
{
public:
    explicit PersonNames(Database &database);

    // Number (E.164) → name, for the numbers the tenant has a name for.
    Result<QHash<QString, QString>> namesOf(const TenantScope &tenant,
                                            const QStringList &numbers) const;

private:
    Database &m_database;
};

} // namespace Sb::Store
