#include "callrows.h"

#include "personname.h"
#include "sqlquery.h"

namespace Sb::Store::CallRows {

namespace {
// Listings leave out the transcript (long); one call is read whole.
const QString kListColumns = QStringLiteral(
    "id, provider, COALESCE(provider_call_id, ''), direction, from_e164, to_e164,"
    " counterpart_e164, status, started_at, duration_seconds,"
    " COALESCE(recording_url, ''), COALESCE(summary, ''), COALESCE(ended_reason, ''),"
    " COALESCE(lead_id, 0), COALESCE(vapi_call_id, ''), COALESCE(ended_at, 0),"
    " COALESCE(assistant_id, ''), cost_micros, COALESCE(owner_staff_id, 0),"
    " COALESCE(provider_session_id, '')");
const QString kWholeColumns =
    kListColumns + QStringLiteral(", COALESCE(transcript, ''), COALESCE(transcript_json, '')");
// Listings and one call shown name the person (a lead, else a CRM contact of the tenant with
// the number); the write path does not need to.
const QString kPersonName = QStringLiteral(", ")
    + personNameSql(QStringLiteral("calls.tenant_id"), QStringLiteral("calls.counterpart_e164"));
} // namespace

const QString kSelect =
    QStringLiteral("SELECT ") + kListColumns + kPersonName + QStringLiteral(" FROM calls");
const QString kSelectShown =
    QStringLiteral("SELECT ") + kWholeColumns + kPersonName + QStringLiteral(" FROM calls");
const QString kSelectWhole =
    QStringLiteral("SELECT ") + kWholeColumns + QStringLiteral(" FROM calls");

CallRecord callFrom(const SqlQuery &query, Read read)
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
    call.sessionId = query.value(19).toString();
    if (read == Read::Listed) {
        call.counterpartName = query.value(20).toString();
    } else {
        call.transcript = query.value(20).toString();
        call.transcriptJson = query.value(21).toString();
        if (read == Read::Shown) // kSelectShown names the person; the write path does not ask
            call.counterpartName = query.value(22).toString();
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

} // namespace Sb::Store::CallRows
