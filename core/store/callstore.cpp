#include "callstore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

namespace {
const QString kSelect = QStringLiteral(
    "SELECT id, provider, COALESCE(provider_call_id, ''), direction, from_e164, to_e164,"
    " counterpart_e164, status, started_at, COALESCE(duration_seconds, 0),"
    " COALESCE(recording_url, ''), COALESCE(summary, ''), COALESCE(ended_reason, ''),"
    " COALESCE(lead_id, 0) FROM calls");

CallRecord callFrom(const SqlQuery &query)
{
    CallRecord call;
    call.id = CallId(query.value(0).toLongLong());
    call.provider = query.value(1).toString();
    call.providerCallId = query.value(2).toString();
    call.isInbound = query.value(3).toString() == u"inbound";
    call.fromE164 = query.value(4).toString();
    call.toE164 = query.value(5).toString();
    call.counterpartE164 = query.value(6).toString();
    call.status = query.value(7).toString();
    call.startedAt = query.value(8).toLongLong();
    call.durationSeconds = query.value(9).toInt();
    call.recordingUrl = query.value(10).toString();
    call.summary = query.value(11).toString();
    call.endedReason = query.value(12).toString();
    call.leadId = LeadId(query.value(13).toLongLong());
    return call;
}

Status collect(SqlQuery &query, QList<CallRecord> &calls)
{
    if (auto ran = query.exec(); !ran)
        return ran;
    while (query.next())
        calls.append(callFrom(query));
    return ok();
}
} // namespace

CallStore::CallStore(Database &database)
    : m_database(database)
{}

Result<CallId> CallStore::insert(const Store::TenantScope &tenant, const CallRecord &call)
{
    CallId id;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        auto inserted =
            SqlQuery(db,
                     QStringLiteral(
                         "INSERT INTO calls (tenant_id, provider, provider_call_id, direction,"
                         " from_e164, to_e164, counterpart_e164, status, started_at,"
                         " duration_seconds, created_at, updated_at) VALUES (:tenant, :provider,"
                         " :sid, :direction, :from, :to, :counterpart, :status, :started,"
                         " :duration, :now, :now) RETURNING id"))
                .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                .bind(QStringLiteral(":provider"), call.provider)
                .bind(QStringLiteral(":sid"), optionalString(call.providerCallId))
                .bind(QStringLiteral(":direction"),
                      call.isInbound ? QStringLiteral("inbound") : QStringLiteral("outbound"))
                .bind(QStringLiteral(":from"), call.fromE164)
                .bind(QStringLiteral(":to"), call.toE164)
                .bind(QStringLiteral(":counterpart"), call.counterpartE164)
                .bind(QStringLiteral(":status"), call.status)
                .bind(QStringLiteral(":started"), call.startedAt)
                .bind(QStringLiteral(":duration"), call.durationSeconds)
                .bind(QStringLiteral(":now"), now)
                .scalar();
        if (!inserted)
            return Status(inserted.error());
        id = CallId(inserted->toLongLong());
        m_database.noteChange({tenant.tenantId(), ChangeKind::Calls, id.value()});
        return ok();
    });
    if (!status)
        return status.error();
    return id;
}

Result<CallId> CallStore::recordPlaced(const Store::TenantScope &tenant,
                                       const CallRecord &call,
                                       const QString &assistantId)
{
    CallId id;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        auto inserted =
            SqlQuery(db,
                     QStringLiteral(
                         "INSERT INTO calls (tenant_id, provider, provider_call_id, vapi_call_id,"
                         " direction, from_e164, to_e164, counterpart_e164, status, status_rank,"
                         " started_at, assistant_id, lead_id, created_at, updated_at) VALUES"
                         " (:tenant, :provider, :sid, :vapi, :direction, :from, :to, :counterpart,"
                         " :status, 0, :now, :assistant, :lead, :now, :now)"
                         " ON CONFLICT (tenant_id, provider, provider_call_id) DO UPDATE"
                         " SET lead_id = excluded.lead_id,"
                         " assistant_id = COALESCE(calls.assistant_id, excluded.assistant_id)"
                         " RETURNING id"))
                .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                .bind(QStringLiteral(":provider"), call.provider)
                .bind(QStringLiteral(":sid"), call.providerCallId)
                // VAPI's reports find the call by this id (the ingest server's routing).
                .bind(QStringLiteral(":vapi"),
                      optionalString(call.provider == u"vapi" ? call.providerCallId : QString()))
                .bind(QStringLiteral(":direction"),
                      call.isInbound ? QStringLiteral("inbound") : QStringLiteral("outbound"))
                .bind(QStringLiteral(":from"), call.fromE164)
                .bind(QStringLiteral(":to"), call.toE164)
                .bind(QStringLiteral(":counterpart"), call.counterpartE164)
                .bind(QStringLiteral(":status"),
                      call.status.isEmpty() ? QStringLiteral("queued") : call.status)
                .bind(QStringLiteral(":now"), now)
                .bind(QStringLiteral(":assistant"), optionalString(assistantId))
                .bind(QStringLiteral(":lead"),
                      call.leadId.isValid() ? QVariant(call.leadId.value()) : QVariant())
                .scalar();
        if (!inserted)
            return Status(inserted.error());
        id = CallId(inserted->toLongLong());
        m_database.noteChange({tenant.tenantId(), ChangeKind::Calls, id.value()});
        return ok();
    });
    if (!status)
        return status.error();
    return id;
}

Result<QList<CallRecord>>
CallStore::newest(const Store::TenantScope &tenant, const CallCursor &after, int limit) const
{
    QList<CallRecord> calls;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        // Row-value comparison walks the (tenant_id, started_at DESC, id DESC) index directly.
        SqlQuery query(db,
                       after.isStart() ? kSelect
                               + QStringLiteral(" WHERE tenant_id = :tenant"
                                                " ORDER BY started_at DESC, id DESC LIMIT :limit")
                                       : kSelect
                               + QStringLiteral(" WHERE tenant_id = :tenant"
                                                " AND (started_at, id) < (:at, :id)"
                                                " ORDER BY started_at DESC, id DESC LIMIT :limit"));
        query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":limit"), limit);
        if (!after.isStart()) {
            query.bind(QStringLiteral(":at"), after.startedAt)
                .bind(QStringLiteral(":id"), after.id.value());
        }
        return collect(query, calls);
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
