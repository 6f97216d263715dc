#include "callstore.h"

#include "callmerge.h"
#include "callrows.h"
#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

// CallStore's write path: what providers say about calls, merged into rows (CallMerge).
namespace Sb::Store {

using CallRows::callFrom;
using CallRows::kSelectWhole;
using CallRows::Read;

namespace {
// A Twilio call forwarded to the assistant is linked to its report if it started this recently.
constexpr qint64 kLinkWindowMs = 6 * 60 * 60 * 1000;

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
        auto written = writeIn(db, tenant, fresh, [&](const CallRecord &stored) {
            return CallMerge::merged(stored, placed);
        });
        if (!written)
            return Status(written.error());
        id = written->call.id;
        return ok();
    });
    if (!status)
        return status.error();
    return id;
}

Result<CallRecord>
CallStore::applyIn(QSqlDatabase &db, const Store::TenantScope &tenant, const CallProgress &progress)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto written = writeIn(db, tenant, CallMerge::fresh(progress, now), [&](const CallRecord &stored) {
        return CallMerge::merged(stored, progress, now);
    });
    if (!written)
        return written.error();
    return written->call;
}

Result<int> CallStore::applyLog(const Store::TenantScope &tenant, const QList<CallLogEntry> &entries)
{
    int added = 0;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
        added = 0;
        for (const CallLogEntry &entry : entries) {
            // Known already (an earlier pass, a webhook's word on it, its live session): the log
            // completes it.
            auto written = writeIn(db, tenant, CallMerge::fresh(entry), [&](const CallRecord &stored) {
                return CallMerge::merged(stored, entry);
            });
            if (!written)
                return written.error();
            added += written->isNew ? 1 : 0;
        }
        return ok();
    });
    if (!status)
        return status.error();
    return added;
}

Result<CallRecord> CallStore::apply(const Store::TenantScope &tenant, const CallSessionEvent &event)
{
    CallRecord call;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
        auto written = writeIn(db, tenant, CallMerge::fresh(event), [&](const CallRecord &stored) {
            return CallMerge::merged(stored, event);
        });
        if (!written)
            return written.error();
        call = written->call;
        return ok();
    });
    if (!status)
        return status.error();
    return call;
}

Result<CallStore::Written>
CallStore::writeIn(QSqlDatabase &db, const Store::TenantScope &tenant, const CallRecord &fresh, const Merge &merge)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto inserted = insertIn(db, tenant, fresh); // a new call's first word: one statement
        if (!inserted)
            return inserted.error();
        if (*inserted) {
            Written written{fresh, true};
            written.call.id = **inserted;
            return written;
        }
        auto stored = findIn(db, tenant, fresh.provider, fresh.providerCallId, fresh.sessionId);
        if (!stored)
            return stored.error();
        if (*stored) {
            Written written{merge(**stored), false};
            if (auto updated = updateIn(db, tenant, **stored, written.call); !updated)
                return updated.error();
            return written;
        }
    }
    return Error{ErrorCode::DatabaseError, tr("The call was not recorded")};
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

Result<std::optional<CallRecord>> CallStore::findIn(QSqlDatabase &db,
                                                    const Store::TenantScope &tenant,
                                                    const QString &provider,
                                                    const QString &providerCallId,
                                                    const QString &sessionId) const
{
    // Read under a row lock on PostgreSQL (SQLite's writer holds the whole file): the merge
    // happens in C++ between this read and the write. By the provider's id for the call, else
    // by its session (a call seen live before its log entry came).
    const bool bySession = !sessionId.isEmpty();
    SqlQuery query(db,
                   kSelectWhole
                       + QStringLiteral(" WHERE tenant_id = :tenant AND provider = :provider")
                       + (bySession ? QStringLiteral(" AND (provider_call_id = :sid OR provider_session_id = :session)"
                                                     " ORDER BY CASE WHEN provider_call_id = :sid THEN 0 ELSE 1 END"
                                                     " LIMIT 1")
                                    : QStringLiteral(" AND provider_call_id = :sid"))
                       + (m_database.backend() == Backend::Postgres ? QStringLiteral(" FOR UPDATE")
                                                                    : QString()));
    query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
        .bind(QStringLiteral(":provider"), provider)
        .bind(QStringLiteral(":sid"), providerCallId);
    if (bySession)
        query.bind(QStringLiteral(":session"), sessionId);
    if (auto ran = query.exec(); !ran)
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
    InsertQuery insert(
        db,
        QStringLiteral(
            "INSERT INTO calls (tenant_id, provider, provider_call_id, vapi_call_id, direction,"
            " from_e164, to_e164, counterpart_e164, status, status_rank, started_at, ended_at,"
            " duration_seconds, assistant_id, lead_id, recording_url, transcript,"
            " transcript_json, summary, ended_reason, cost_micros, owner_staff_id,"
            " provider_session_id, created_at, updated_at) VALUES (:tenant, :provider, :sid, :vapi,"
            " :direction, :from, :to, :counterpart, :status, :rank, :started, :ended, :duration,"
            " :assistant, :lead, :recording, :transcript, :messages, :summary, :reason, :cost,"
            " :owner, :session, :now, :now)"
            // The call's id or its session is there already (calls_session): the caller merges.
            " ON CONFLICT DO NOTHING"));
    bindCall(insert.query(), call)
        .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
        .bind(QStringLiteral(":provider"), call.provider)
        .bind(QStringLiteral(":sid"), optionalString(call.providerCallId))
        .bind(QStringLiteral(":session"), optionalString(call.sessionId))
        .bind(QStringLiteral(":owner"),
              call.ownerStaff.isValid() ? QVariant(call.ownerStaff.value()) : QVariant(QMetaType::fromType<qint64>()));
    auto inserted = insert.exec();
    if (!inserted)
        return inserted.error();
    if (!*inserted)
        return std::optional<CallId>();
    const CallId id(**inserted);
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
        QStringLiteral("UPDATE calls SET provider_call_id = :sid, provider_session_id = :session,"
                       " vapi_call_id = :vapi, direction = :direction,"
                       " from_e164 = :from, to_e164 = :to, counterpart_e164 = :counterpart,"
                       " status = :status, status_rank = :rank, started_at = :started,"
                       " ended_at = :ended, duration_seconds = :duration,"
                       " assistant_id = :assistant, lead_id = :lead, recording_url = :recording,"
                       " transcript = :transcript, transcript_json = :messages,"
                       " summary = :summary, ended_reason = :reason, cost_micros = :cost,"
                       " updated_at = :now WHERE tenant_id = :tenant AND id = :id"));
    bindCall(update, merged)
        .bind(QStringLiteral(":sid"), optionalString(merged.providerCallId))
        .bind(QStringLiteral(":session"), optionalString(merged.sessionId))
        .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
        .bind(QStringLiteral(":id"), stored.id.value());
    if (auto ran = update.exec(); !ran)
        return ran;
    m_database.noteChange({tenant.tenantId(), ChangeKind::Calls, stored.id.value()});
    return ok();
}
} // namespace Sb::Store
