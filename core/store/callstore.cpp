#include "callstore.h"

#include "callmerge.h"
#include "callsearchquery.h"
#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

namespace {
// Listings leave out the transcript (long); one call is read whole.
const QString kListColumns = QStringLiteral(
    "id, provider, COALESCE(provider_call_id, ''), direction, from_e164, to_e164,"
    " counterpart_e164, status, started_at, duration_seconds,"
    " COALESCE(recording_url, ''), COALESCE(summary, ''), COALESCE(ended_reason, ''),"
    " COALESCE(lead_id, 0), COALESCE(vapi_call_id, ''), COALESCE(ended_at, 0),"
    " COALESCE(assistant_id, ''), cost_micros, COALESCE(owner_staff_id, 0)");
const QString kWholeColumns =
    kListColumns + QStringLiteral(", COALESCE(transcript, ''), COALESCE(transcript_json, '')");
// Listings and one call shown name the person when a lead of the tenant has the number
// (leads_phone index); the write path does not need to.
const QString kLeadName =
    QStringLiteral(", (SELECT l.name FROM leads l WHERE l.tenant_id = calls.tenant_id"
                   " AND l.phone_e164 = calls.counterpart_e164 ORDER BY l.id LIMIT 1)");
const QString kSelect =
    QStringLiteral("SELECT ") + kListColumns + kLeadName + QStringLiteral(" FROM calls");
const QString kSelectShown =
    QStringLiteral("SELECT ") + kWholeColumns + kLeadName + QStringLiteral(" FROM calls");
const QString kSelectWhole =
    QStringLiteral("SELECT ") + kWholeColumns + QStringLiteral(" FROM calls");

// A Twilio call forwarded to the assistant is linked to its report if it started this recently.
constexpr qint64 kLinkWindowMs = 6 * 60 * 60 * 1000;

enum class Read { Listed, Shown, WholeForWriting };

CallRecord callFrom(const SqlQuery &query, Read read = Read::Listed)
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
    if (!query.value(9).isNull())
        call.durationSeconds = query.value(9).toInt();
    call.recordingUrl = query.value(10).toString();
    call.summary = query.value(11).toString();
    call.endedReason = query.value(12).toString();
    call.leadId = LeadId(query.value(13).toLongLong());
    call.vapiCallId = query.value(14).toString();
    call.endedAt = query.value(15).toLongLong();
    call.assistantId = query.value(16).toString();
    if (!query.value(17).isNull())
        call.costMicros = query.value(17).toLongLong();
    call.ownerStaff = StaffId(query.value(18).toLongLong());
    if (read == Read::Listed) {
        call.counterpartName = query.value(19).toString();
    } else {
        call.transcript = query.value(19).toString();
        call.transcriptJson = query.value(20).toString();
        if (read == Read::Shown) // kSelectShown names the lead; the write path does not ask
            call.counterpartName = query.value(21).toString();
    }
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

QVariant optionalMsecs(qint64 value)
{
    return value > 0 ? QVariant(value) : QVariant(QMetaType::fromType<qint64>());
}

QVariant optionalCost(const std::optional<qint64> &micros)
{
    return micros ? QVariant(*micros) : QVariant(QMetaType::fromType<qint64>());
}

QVariant optionalSeconds(const std::optional<int> &seconds)
{
    return seconds ? QVariant(*seconds) : QVariant(QMetaType::fromType<int>());
}

QVariant optionalLead(LeadId lead)
{
    return lead.isValid() ? QVariant(lead.value()) : QVariant(QMetaType::fromType<qint64>());
}

// The values a row is written with, bound by name in INSERT and UPDATE alike.
SqlQuery &bindCall(SqlQuery &query, const CallRecord &call)
{
    return query.bind(QStringLiteral(":vapi"), optionalString(call.vapiCallId))
        .bind(QStringLiteral(":direction"),
              call.isInbound ? QStringLiteral("inbound") : QStringLiteral("outbound"))
        .bind(QStringLiteral(":from"), call.fromE164)
        .bind(QStringLiteral(":to"), call.toE164)
        .bind(QStringLiteral(":counterpart"), call.counterpartE164)
        .bind(QStringLiteral(":status"), call.status)
        .bind(QStringLiteral(":rank"), CallMerge::statusRank(call.status))
        .bind(QStringLiteral(":started"), call.startedAt)
        .bind(QStringLiteral(":ended"), optionalMsecs(call.endedAt))
        .bind(QStringLiteral(":duration"), optionalSeconds(call.durationSeconds))
        .bind(QStringLiteral(":assistant"), optionalString(call.assistantId))
        .bind(QStringLiteral(":lead"), optionalLead(call.leadId))
        .bind(QStringLiteral(":recording"), optionalString(call.recordingUrl))
        .bind(QStringLiteral(":transcript"), optionalString(call.transcript))
        .bind(QStringLiteral(":messages"), optionalString(call.transcriptJson))
        .bind(QStringLiteral(":summary"), optionalString(call.summary))
        .bind(QStringLiteral(":reason"), optionalString(call.endedReason))
        .bind(QStringLiteral(":cost"), optionalCost(call.costMicros))
        .bind(QStringLiteral(":now"), QDateTime::currentMSecsSinceEpoch());
}
} // namespace

CallStore::CallStore(Database &database)
    : m_database(database)
{}

Result<CallId> CallStore::insert(const Store::TenantScope &tenant, const CallRecord &call)
{
    CallId id;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        auto inserted = insertIn(db, tenant, call);
        if (!inserted)
            return Status(inserted.error());
        if (!*inserted)
            return Status(Error{ErrorCode::AlreadyExists,
                                tr("The call %1 is already in the log").arg(call.providerCallId)});
        id = **inserted;
        return ok();
    });
    if (!status)
        return status.error();
    return id;
}

Result<CallId> CallStore::recordPlaced(const Store::TenantScope &tenant,
                                       const CallPlacement &placed)
{
    CallId id;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        const CallRecord fresh = CallMerge::fresh(placed, QDateTime::currentMSecsSinceEpoch());
        auto inserted = insertIn(db, tenant, fresh);
        if (!inserted)
            return Status(inserted.error());
        if (*inserted) {
            id = **inserted;
            return ok();
        }
        auto stored = findIn(db, tenant, fresh.provider, fresh.providerCallId);
        if (!stored)
            return Status(stored.error());
        if (!*stored)
            return Status(Error{ErrorCode::DatabaseError, tr("The call was not recorded")});
        id = (*stored)->id;
        return updateIn(db, tenant, **stored, CallMerge::merged(**stored, placed));
    });
    if (!status)
        return status.error();
    return id;
}

Result<CallRecord>
CallStore::applyIn(QSqlDatabase &db, const Store::TenantScope &tenant, const CallProgress &progress)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    CallRecord fresh = CallMerge::fresh(progress, now);
    auto inserted = insertIn(db, tenant, fresh); // most callbacks of a new call: one statement
    if (!inserted)
        return inserted.error();
    if (*inserted) {
        fresh.id = **inserted;
        return fresh;
    }
    auto stored = findIn(db, tenant, progress.provider, progress.providerCallId);
    if (!stored)
        return stored.error();
    if (!*stored)
        return Error{ErrorCode::DatabaseError, tr("The call was not recorded")};
    const CallRecord merged = CallMerge::merged(**stored, progress, now);
    if (auto updated = updateIn(db, tenant, **stored, merged); !updated)
        return updated.error();
    return merged;
}

Result<int> CallStore::applyLog(const Store::TenantScope &tenant, const QList<CallLogEntry> &entries)
{
    int added = 0;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
        added = 0;
        for (const CallLogEntry &entry : entries) {
            auto inserted = insertIn(db, tenant, CallMerge::fresh(entry));
            if (!inserted)
                return inserted.error();
            if (*inserted) {
                ++added;
                continue;
            }
            // Known already (an earlier pass, or a webhook's word on it): the log completes it.
            auto stored = findIn(db, tenant, entry.provider, entry.providerCallId);
            if (!stored)
                return stored.error();
            if (*stored) {
                if (auto updated = updateIn(db, tenant, **stored, CallMerge::merged(**stored, entry)); !updated)
                    return updated;
            }
        }
        return ok();
    });
    if (!status)
        return status.error();
    return added;
}

Result<std::optional<CallRecord>> CallStore::applyIn(QSqlDatabase &db,
                                                     const Store::TenantScope &tenant,
                                                     const CallRecording &recording)
{
    auto stored = findIn(db, tenant, recording.provider, recording.providerCallId);
    if (!stored || !*stored)
        return stored;
    const CallRecord merged = CallMerge::merged(**stored, recording);
    if (auto updated = updateIn(db, tenant, **stored, merged); !updated)
        return updated.error();
    return std::optional<CallRecord>(merged);
}

Result<CallRecord>
CallStore::applyIn(QSqlDatabase &db, const Store::TenantScope &tenant, const CallReport &report)
{
    // Twice at most: a report whose row another server inserted meanwhile is merged into it.
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto stored = findReportedIn(db, tenant, report);
        if (!stored)
            return stored.error();
        if (*stored) {
            const CallRecord merged = CallMerge::merged(**stored, report);
            if (auto updated = updateIn(db, tenant, **stored, merged); !updated)
                return updated.error();
            return merged;
        }
        CallRecord fresh = CallMerge::fresh(report);
        auto inserted = insertIn(db, tenant, fresh);
        if (!inserted)
            return inserted.error();
        if (*inserted) {
            fresh.id = **inserted;
            return fresh;
        }
    }
    return Error{ErrorCode::DatabaseError, tr("The assistant's report was not recorded")};
}

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

Result<std::optional<CallRecord>> CallStore::findIn(QSqlDatabase &db,
                                                    const Store::TenantScope &tenant,
                                                    const QString &provider,
                                                    const QString &providerCallId) const
{
    // Read under a row lock on PostgreSQL (SQLite's writer holds the whole file): the merge
    // happens in C++ between this read and the write.
    SqlQuery query(db,
                   kSelectWhole
                       + QStringLiteral(" WHERE tenant_id = :tenant AND provider = :provider"
                                        " AND provider_call_id = :sid")
                       + (m_database.backend() == Backend::Postgres ? QStringLiteral(" FOR UPDATE")
                                                                    : QString()));
    auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                   .bind(QStringLiteral(":provider"), provider)
                   .bind(QStringLiteral(":sid"), providerCallId)
                   .exec();
    if (!ran)
        return ran.error();
    if (!query.next())
        return std::optional<CallRecord>();
    return std::optional<CallRecord>(callFrom(query, Read::WholeForWriting));
}

Result<std::optional<CallRecord>> CallStore::findReportedIn(QSqlDatabase &db,
                                                            const Store::TenantScope &tenant,
                                                            const CallReport &report) const
{
    SqlQuery query(
        db,
        kSelectWhole
            + QStringLiteral(
                " WHERE tenant_id = :tenant AND (vapi_call_id = :vapi"
                " OR (provider = 'vapi' AND provider_call_id = :vapi)"
                " OR (vapi_call_id IS NULL AND counterpart_e164 = :customer AND started_at > "
                ":since))"
                " ORDER BY CASE WHEN vapi_call_id = :vapi THEN 0 ELSE 1 END, started_at DESC"
                " LIMIT 1")
            + (m_database.backend() == Backend::Postgres ? QStringLiteral(" FOR UPDATE")
                                                         : QString()));
    auto ran =
        query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":vapi"), report.vapiCallId)
            .bind(QStringLiteral(":customer"), report.customerE164)
            .bind(QStringLiteral(":since"), QDateTime::currentMSecsSinceEpoch() - kLinkWindowMs)
            .exec();
    if (!ran)
        return ran.error();
    if (!query.next())
        return std::optional<CallRecord>();
    return std::optional<CallRecord>(callFrom(query, Read::WholeForWriting));
}

Result<std::optional<CallId>>
CallStore::insertIn(QSqlDatabase &db, const Store::TenantScope &tenant, const CallRecord &call)
{
    SqlQuery insert(
        db,
        QStringLiteral(
            "INSERT INTO calls (tenant_id, provider, provider_call_id, vapi_call_id, direction,"
            " from_e164, to_e164, counterpart_e164, status, status_rank, started_at, ended_at,"
            " duration_seconds, assistant_id, lead_id, recording_url, transcript,"
            " transcript_json, summary, ended_reason, cost_micros, owner_staff_id, created_at,"
            " updated_at) VALUES (:tenant, :provider, :sid, :vapi, :direction, :from, :to,"
            " :counterpart, :status, :rank, :started, :ended, :duration, :assistant, :lead,"
            " :recording, :transcript, :messages, :summary, :reason, :cost, :owner, :now, :now)"
            " ON CONFLICT (tenant_id, provider, provider_call_id) DO NOTHING RETURNING id"));
    bindCall(insert, call)
        .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
        .bind(QStringLiteral(":provider"), call.provider)
        .bind(QStringLiteral(":sid"), optionalString(call.providerCallId))
        .bind(QStringLiteral(":owner"),
              call.ownerStaff.isValid() ? QVariant(call.ownerStaff.value()) : QVariant(QMetaType::fromType<qint64>()));
    if (auto ran = insert.exec(); !ran)
        return ran.error();
    if (!insert.next())
        return std::optional<CallId>();
    const CallId id(insert.value(0).toLongLong());
    m_database.noteChange({tenant.tenantId(), ChangeKind::Calls, id.value()});
    return std::optional<CallId>(id);
}

Status CallStore::updateIn(QSqlDatabase &db,
                           const Store::TenantScope &tenant,
                           const CallRecord &stored,
                           const CallRecord &merged)
{
    if (merged == stored)
        return ok(); // a repeat, or a status the call has moved past: nothing changes
    SqlQuery update(
        db,
        QStringLiteral("UPDATE calls SET vapi_call_id = :vapi, direction = :direction,"
                       " from_e164 = :from, to_e164 = :to, counterpart_e164 = :counterpart,"
                       " status = :status, status_rank = :rank, started_at = :started,"
                       " ended_at = :ended, duration_seconds = :duration,"
                       " assistant_id = :assistant, lead_id = :lead, recording_url = :recording,"
                       " transcript = :transcript, transcript_json = :messages,"
                       " summary = :summary, ended_reason = :reason, cost_micros = :cost,"
                       " updated_at = :now WHERE tenant_id = :tenant AND id = :id"));
    bindCall(update, merged)
        .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
        .bind(QStringLiteral(":id"), stored.id.value());
    if (auto ran = update.exec(); !ran)
        return ran;
    m_database.noteChange({tenant.tenantId(), ChangeKind::Calls, stored.id.value()});
    return ok();
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
