#include "callstore.h"

#include "callrows.h"
#include "callsearchquery.h"
#include "database.h"
#include "sqlquery.h"

// CallStore's read path (listings, search, one call) and removal; the write path is in
// callwrites.cpp.
namespace Sb::Store {

using CallRows::callFrom;
using CallRows::collect;
using CallRows::kSelect;
using CallRows::kSelectShown;
using CallRows::Read;

CallStore::CallStore(Database &database)
    : m_database(database)
{}


Result<CallRecord> CallStore::call(const Store::TenantScope &tenant, CallId id) const
{
    std::optional<CallRecord> found;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       kSelectShown + QStringLiteral(" WHERE tenant_id = :tenant AND id = :id"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":id"), id.value())
                       .exec();
        if (ran && query.next())
            found = callFrom(query, Read::Shown);
        return ran;
    });
    if (!status)
        return status.error();
    if (!found)
        return Error{ErrorCode::NotFound, tr("No such call in this tenant")};
    return *found;
}

Result<QList<CallRecord>>
CallStore::newest(const Store::TenantScope &tenant, const CallCursor &after, int limit) const
{
    return search(tenant, CallSearch{}, after, limit);
}

Result<QList<CallRecord>> CallStore::search(const Store::TenantScope &tenant,
                                            const CallSearch &search,
                                            const CallCursor &after,
                                            int limit,
                                            CallOrder order) const
{
    using WordPlan = CallSearchQuery::WordPlan;
    const CallSearchQuery where(m_database.backend(), search, after, order);
    QList<CallRecord> calls;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        auto page = [&](WordPlan plan) {
            calls.clear();
            SqlQuery query(db,
                           kSelect + QStringLiteral(" WHERE ") + where.where(plan) + where.orderBy()
                               + QStringLiteral(" LIMIT :limit"));
            query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                .bind(QStringLiteral(":limit"), limit);
            where.bindTo(query, plan);
            return collect(query, calls);
        };
        if (!where.hasWords())
            return page(WordPlan::Walk);
        if (m_database.backend() == Backend::Postgres) {
            if (auto recent = page(WordPlan::RecentWindow); !recent || calls.size() == limit)
                return recent;
        }
        SqlQuery matches(db, where.countWordMatches());
        where.bindWordCount(matches, tenant.tenantId().value());
        auto counted = matches.scalar();
        if (!counted)
            return Status(counted.error());
        return page(counted->toInt() <= CallSearchQuery::kFewMatches ? WordPlan::Matches
                                                                     : WordPlan::Walk);
    });
    if (!status)
        return status.error();
    return calls;
}

Result<QList<CallRecord>>
CallStore::newestBefore(const Store::TenantScope &tenant, qint64 beforeId, int limit) const
{
    QList<CallRecord> calls;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       kSelect + QStringLiteral(" WHERE tenant_id = :tenant")
                           + keysetBefore(QStringLiteral("calls"), QStringLiteral("started_at"))
                           + QStringLiteral(" ORDER BY started_at DESC, id DESC LIMIT :limit"));
        query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":before"), beforeId)
            .bind(QStringLiteral(":limit"), limit);
        return collect(query, calls);
    });
    if (!status)
        return status.error();
    return calls;
}

Result<QList<CallRecord>>
CallStore::byCounterpart(const Store::TenantScope &tenant, const QString &e164, int limit) const
{
    QList<CallRecord> calls;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(
            db,
            kSelect
                + QStringLiteral(
                    " WHERE tenant_id = :tenant"
                    " AND counterpart_e164 = :e164 ORDER BY started_at DESC LIMIT :limit"));
        query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":e164"), e164)
            .bind(QStringLiteral(":limit"), limit);
        return collect(query, calls);
    });
    if (!status)
        return status.error();
    return calls;
}

Status CallStore::remove(const Store::TenantScope &tenant, CallId id)
{
    int removed = 0;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        SqlQuery deletion(
            db, QStringLiteral("DELETE FROM calls WHERE tenant_id = :tenant AND id = :id"));
        auto ran = deletion.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":id"), id.value())
                       .exec();
        removed = deletion.numRowsAffected();
        if (removed > 0)
            m_database.noteChange({tenant.tenantId(), ChangeKind::Calls, id.value()});
        return ran;
    });
    if (!status)
        return status;
    if (removed == 0)
        return Error{ErrorCode::NotFound, tr("No such call in this tenant")};
    return ok();
}


} // namespace Sb::Store
