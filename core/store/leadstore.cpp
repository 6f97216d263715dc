#include "leadstore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

namespace {
const QString kSelect =
    QStringLiteral("SELECT id, name, COALESCE(phone_e164, ''), COALESCE(email, ''), source,"
                   " status, created_at FROM leads WHERE tenant_id = :tenant");

Lead leadFrom(const SqlQuery &query)
{
    Lead lead;
    lead.id = LeadId(query.value(0).toLongLong());
    lead.name = query.value(1).toString();
    lead.phoneE164 = query.value(2).toString();
    lead.email = query.value(3).toString();
    lead.source = query.value(4).toString();
    lead.status = query.value(5).toString();
    lead.createdAt = query.value(6).toLongLong();
    return lead;
}
} // namespace

LeadStore::LeadStore(Database &database)
    : m_database(database)
{}

Result<Lead> LeadStore::add(const Store::TenantScope &tenant, const Lead &lead)
{
    Lead added = lead;
    added.createdAt = QDateTime::currentMSecsSinceEpoch();
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        auto id = SqlQuery(db,
                           QStringLiteral("INSERT INTO leads (tenant_id, name, phone_e164, email,"
                                          " source, status, created_at, updated_at) VALUES"
                                          " (:tenant, :name, :phone, :email, :source, :status,"
                                          " :at, :at) RETURNING id"))
                      .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                      .bind(QStringLiteral(":name"), text(added.name))
                      .bind(QStringLiteral(":phone"), optionalString(added.phoneE164))
                      .bind(QStringLiteral(":email"), optionalString(added.email))
                      .bind(QStringLiteral(":source"), text(added.source))
                      .bind(QStringLiteral(":status"), added.status)
                      .bind(QStringLiteral(":at"), added.createdAt)
                      .scalar();
        if (!id)
            return Status(id.error());
        added.id = LeadId(id->toLongLong());
        m_database.noteChange({tenant.tenantId(), ChangeKind::Leads, added.id.value()});
        return ok();
    });
    if (!status)
        return status.error();
    return added;
}

Result<Lead> LeadStore::find(const Store::TenantScope &tenant, LeadId id) const
{
    std::optional<Lead> found;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, kSelect + QStringLiteral(" AND id = :id"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":id"), id.value())
                       .exec();
        if (ran && query.next())
            found = leadFrom(query);
        return ran;
    });
    if (!status)
        return status.error();
    if (!found)
        return Error{ErrorCode::NotFound, tr("No lead %1 in this tenant").arg(id.value())};
    return *found;
}

Result<QList<Lead>>
LeadStore::newest(const Store::TenantScope &tenant, int limit, qint64 beforeId) const
{
    QList<Lead> leads;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       kSelect
                           + (beforeId > 0 ? keysetBefore(QStringLiteral("leads"),
                                                          QStringLiteral("created_at"))
                                           : QString())
                           + QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT :limit"));
        query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":limit"), limit);
        if (beforeId > 0)
            query.bind(QStringLiteral(":before"), beforeId);
        auto ran = query.exec();
        while (ran && query.next())
            leads.append(leadFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return leads;
}

} // namespace Sb::Store
