#include "personname.h"

#include "database.h"
#include "sqlquery.h"

namespace Sb::Store {

QString personNameSql(const QString &tenantColumn, const QString &numberColumn)
{
    return QStringLiteral("COALESCE((SELECT NULLIF(l.name, '') FROM leads l WHERE l.tenant_id = %1"
                          " AND l.phone_e164 = %2 ORDER BY l.id LIMIT 1),"
                          " (SELECT NULLIF(c.name, '') FROM contacts c WHERE c.tenant_id = %1"
                          " AND c.phone_e164 = %2 ORDER BY c.id LIMIT 1))")
        .arg(tenantColumn, numberColumn);
}

PersonNames::PersonNames(Database &database)
    : m_database(database)
{}

Result<QHash<QString, QString>> PersonNames::namesOf(const TenantScope &tenant,
                                                     const QStringList &numbers) const
{
    static const QString sql = QStringLiteral("SELECT ")
        + personNameSql(QStringLiteral(":tenant"), QStringLiteral(":number"));
    QHash<QString, QString> names;
    QStringList distinct = numbers;
    distinct.removeDuplicates();
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        for (const QString &number : std::as_const(distinct)) {
            if (number.isEmpty())
                continue;
            SqlQuery query(db, sql);
            query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                .bind(QStringLiteral(":number"), number);
            auto name = query.scalar();
            if (!name)
                return Status(name.error());
            if (const QString text = name->toString(); !text.isEmpty())
                names.insert(number, text);
        }
        return ok();
    });
    if (!status)
        return status.error();
    return names;
}

} // namespace Sb::Store
