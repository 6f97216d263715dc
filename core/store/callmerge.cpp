#include "callmerge.h"

#include <QHash>

#include <algorithm>

namespace Sb::Store {

int CallMerge::statusRank(const QString &status)
{
    static const QHash<QString, int> ranks = {
        {QStringLiteral("queued"), 1},
        {QStringLiteral("initiated"), 1},
        {QStringLiteral("ringing"), 2},
        {QStringLiteral("in-progress"), 3},
        {QStringLiteral("completed"), kFinalRank},
        {QStringLiteral("busy"), kFinalRank},
        {QStringLiteral("no-answer"), kFinalRank},
        {QStringLiteral("canceled"), kFinalRank},
        {QStringLiteral("failed"), kFinalRank},
    };
    return ranks.value(status, 0);
}

CallRecord CallMerge::fresh(const CallProgress &progress, qint64 now)
{
    CallRecord call;
    call.provider = progress.provider;
    call.providerCallId = progress.providerCallId;
    call.isInbound = progress.isInbound;
    call.fromE164 = progress.fromE164;
    call.toE164 = progress.toE164;
    call.counterpartE164 = progress.isInbound ? progress.fromE164 : progress.toE164;
    call.status = progress.status;
    call.startedAt = now;
    call.endedAt = statusRank(progress.status) == kFinalRank ? now : 0;
    call.durationSeconds = progress.durationSeconds;
    return call;
}

CallRecord CallMerge::merged(const CallRecord &stored, const CallProgress &progress, qint64 now)
{
    if (statusRank(progress.status) <= statusRank(stored.status))
        return stored; // an earlier status, or a repeat: the call has moved past it
    CallRecord call = stored;
    call.status = progress.status;
    if (statusRank(progress.status) == kFinalRank && call.endedAt == 0)
        call.endedAt = now;
    if (progress.durationSeconds)
        call.durationSeconds = *progress.durationSeconds;
    return call;
}

CallRecord CallMerge::fresh(const CallLogEntry &entry)
{
    CallRecord call;
    call.provider = entry.provider;
    call.providerCallId = entry.providerCallId;
    call.sessionId = entry.sessionId;
    call.ownerStaff = entry.ownerStaff;
    call.isInbound = entry.isInbound;
    call.fromE164 = entry.fromE164;
    call.toE164 = entry.toE164;
    call.counterpartE164 = entry.isInbound ? entry.fromE164 : entry.toE164;
    call.status = entry.status;
    call.startedAt = entry.startedAt;
    call.durationSeconds = entry.durationSeconds;
    call.endedAt = entry.startedAt + qint64(entry.durationSeconds.value_or(0)) * 1000;
    call.recordingUrl = entry.recordingUrl;
    return call;
}

CallRecord CallMerge::merged(const CallRecord &stored, const CallLogEntry &entry)
{
    CallRecord call = stored;
    if (call.providerCallId.isEmpty()) { // a call seen live: the log's entry names it from now on
        call.providerCallId = entry.providerCallId;
        call.startedAt = entry.startedAt; // when RingCentral says it started, not when we heard
        call.endedAt = 0;
    }
    if (call.sessionId.isEmpty())
        call.sessionId = entry.sessionId;
    // The log is written once a call is over: its outcome is the final one.
    if (statusRank(entry.status) == kFinalRank)
        call.status = entry.status;
    if (entry.durationSeconds)
        call.durationSeconds = entry.durationSeconds;
    if (call.endedAt == 0 && entry.startedAt > 0)
        call.endedAt = entry.startedAt + qint64(entry.durationSeconds.value_or(0)) * 1000;
    if (call.recordingUrl.isEmpty())
        call.recordingUrl = entry.recordingUrl;
    return call;
}

CallRecord CallMerge::merged(const CallRecord &stored, const CallRecording &recording)
{
    CallRecord call = stored;
    call.recordingUrl = recording.url;
    return call;
}

CallRecord CallMerge::fresh(const CallReport &report)
{
    CallRecord call;
    call.provider = QStringLiteral("vapi");
    call.providerCallId = report.vapiCallId;
    call.isInbound = report.isInbound;
    call.fromE164 = report.isInbound ? report.customerE164 : report.ourE164;
    call.toE164 = report.isInbound ? report.ourE164 : report.customerE164;
    call.counterpartE164 = report.customerE164;
    call.status = QStringLiteral("completed");
    call.startedAt = report.startedAt > 0 ? report.startedAt : report.endedAt;
    return merged(call, report);
}

CallRecord CallMerge::merged(const CallRecord &stored, const CallReport &report)
{
    CallRecord call = stored;
    call.vapiCallId = report.vapiCallId;
    if (!report.recordingUrl.isEmpty())
        call.recordingUrl = report.recordingUrl;
    call.transcript = report.transcript;
    call.transcriptJson = report.transcriptJson;
    call.summary = report.summary;
    call.endedReason = report.endedReason;
    call.costMicros = report.costMicros;
    // The telephony provider's own times and outcome, when it gave them, are the better ones.
    if (call.endedAt == 0)
        call.endedAt = report.endedAt;
    if (!call.durationSeconds && report.startedAt > 0 && report.endedAt >= report.startedAt)
        call.durationSeconds = int((report.endedAt - report.startedAt + 500) / 1000);
    if (statusRank(call.status) < kFinalRank)
        call.status = QStringLiteral("completed"); // the assistant's report comes only at the end
    return call;
}

namespace {
QString statusOf(const CallSessionEvent &event)
{
    switch (event.stage) {
    case CallSessionEvent::Stage::Ringing:
        return QStringLiteral("ringing");
    case CallSessionEvent::Stage::Talking:
        return QStringLiteral("in-progress");
    case CallSessionEvent::Stage::Ended:
        break;
    }
    return event.isMissed ? QStringLiteral("no-answer") : QStringLiteral("completed");
}
} // namespace

CallRecord CallMerge::fresh(const CallSessionEvent &event)
{
    CallRecord call;
    call.provider = event.provider;
    call.sessionId = event.sessionId;
    call.ownerStaff = event.ownerStaff;
    call.isInbound = event.isInbound;
    call.fromE164 = event.fromE164;
    call.toE164 = event.toE164;
    call.counterpartE164 = event.isInbound ? event.fromE164 : event.toE164;
    call.status = statusOf(event);
    call.startedAt = event.at;
    call.endedAt = statusRank(call.status) == kFinalRank ? event.at : 0;
    return call;
}

CallRecord CallMerge::merged(const CallRecord &stored, const CallSessionEvent &event)
{
    QString status = statusOf(event);
    if (statusRank(status) <= statusRank(stored.status))
        return stored; // a repeat, a late notification, or the log's outcome already there
    // Ended, never answered that we heard of: nobody talked (the log, later, says for sure).
    if (status == u"completed" && statusRank(stored.status) < statusRank(QStringLiteral("in-progress")))
        status = QStringLiteral("no-answer");
    CallRecord call = stored;
    call.status = status;
    if (statusRank(status) == kFinalRank && call.endedAt == 0)
        call.endedAt = std::max(event.at, call.startedAt);
    if (call.startedAt == 0 || (event.at > 0 && event.at < call.startedAt))
        call.startedAt = event.at; // an earlier notification came late
    return call;
}

CallRecord CallMerge::fresh(const CallPlacement &placed, qint64 now)
{
    CallRecord call = placed.call;
    call.id = CallId();
    if (call.status.isEmpty())
        call.status = QStringLiteral("queued");
    // VAPI's reports find the call by this id.
    call.vapiCallId = call.provider == u"vapi" ? call.providerCallId : QString();
    call.startedAt = now;
    call.assistantId = placed.assistantId;
    return call;
}

CallRecord CallMerge::merged(const CallRecord &stored, const CallPlacement &placed)
{
    // A report that arrived first made the row: it keeps its outcome and gains lead and assistant.
    CallRecord call = stored;
    call.leadId = placed.call.leadId;
    if (call.assistantId.isEmpty())
        call.assistantId = placed.assistantId;
    return call;
}

} // namespace Sb::Store
