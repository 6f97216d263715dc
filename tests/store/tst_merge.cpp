#include <core/store/callmerge.h>
#include <core/store/messagerecord.h>

#include <QTest>

using namespace Sb;
using namespace Sb::Store;
using namespace Qt::StringLiterals;

// The merge rules on their own, with the orders providers really use: callbacks out of order,
// repeated, the assistant's report before or after Twilio's, our send's reply after a callback.
// (tst_groupcommit runs them through the store, and holds PostgreSQL's batch function to them.)
class tst_Merge : public QObject
{
    Q_OBJECT

private slots:
    void callStatusOnlyMovesForward()
    {
        const qint64 t0 = 1'000'000;
        CallProgress ringing{u"twilio"_s,
                             u"CA1"_s,
                             true,
                             u"+15550001111"_s,
                             u"+14155550100"_s,
                             u"ringing"_s,
                             std::nullopt};
        CallRecord call = CallMerge::fresh(ringing, t0);
        QCOMPARE(call.counterpartE164, u"+15550001111"_s);
        QCOMPARE(call.endedAt, 0);
        CallProgress completed = ringing;
        completed.status = u"completed"_s;
        completed.durationSeconds = 42;
        call = CallMerge::merged(call, completed, t0 + 42'000);
        QCOMPARE(call.status, u"completed"_s);
        QCOMPARE(call.endedAt, t0 + 42'000);
        QCOMPARE(call.durationSeconds, 42);
        // A late "in-progress" (or a repeat of "completed") changes nothing.
        CallProgress late = ringing;
        late.status = u"in-progress"_s;
        QCOMPARE(CallMerge::merged(call, late, t0 + 50'000), call);
        QCOMPARE(CallMerge::merged(call, completed, t0 + 60'000), call);
    }

    // RingCentral's telephony sessions: a call seen live moves forward only; one that ended
    // without being answered (as far as we heard) is no-answer; the log's entry then names the
    // row by its own id, with RingCentral's start, length and outcome.
    void aLiveCallIsCompletedByItsLogEntry()
    {
        const qint64 t0 = 2'000'000;
        CallSessionEvent event{u"ringcentral"_s, u"4047"_s, StaffId(7), true, u"+16175550123"_s,
                               u"+16505550300"_s, CallSessionEvent::Stage::Ringing, false, t0};
        const CallRecord ringing = CallMerge::fresh(event);
        QCOMPARE(ringing.status, u"ringing"_s);
        QCOMPARE(ringing.providerCallId, QString());
        QCOMPARE(ringing.counterpartE164, u"+16175550123"_s);
        QCOMPARE(ringing.ownerStaff, StaffId(7));
        CallSessionEvent ended = event;
        ended.stage = CallSessionEvent::Stage::Ended;
        ended.at = t0 + 9'000;
        const CallRecord unanswered = CallMerge::merged(ringing, ended);
        QCOMPARE(unanswered.status, u"no-answer"_s);
        QCOMPARE(unanswered.endedAt, t0 + 9'000);
        CallSessionEvent talking = event;
        talking.stage = CallSessionEvent::Stage::Talking;
        const CallRecord answered = CallMerge::merged(CallMerge::merged(ringing, talking), ended);
        QCOMPARE(answered.status, u"completed"_s);
        QCOMPARE(CallMerge::merged(answered, talking), answered); // late: changes nothing
        CallLogEntry entry{u"ringcentral"_s, u"IXtV"_s, u"4047"_s, StaffId(7), true, u"+16175550123"_s,
                           u"+16505550300"_s, u"completed"_s, t0 - 500, 8, u"https://media.example/r"_s};
        const CallRecord logged = CallMerge::merged(answered, entry);
        QCOMPARE(logged.providerCallId, u"IXtV"_s);
        QCOMPARE(logged.sessionId, u"4047"_s);
        QCOMPARE(logged.startedAt, t0 - 500);
        QCOMPARE(logged.endedAt, t0 + 7'500);
        QCOMPARE(logged.durationSeconds, 8);
        QCOMPARE(logged.recordingUrl, u"https://media.example/r"_s);
        QCOMPARE(CallMerge::merged(logged, entry), logged); // the next pass: the same row
    }

    void reportCompletesTheForwardedCallKeepingTwiliosFigures()
    {
        CallProgress completed{
            u"twilio"_s, u"CA1"_s, true, u"+15550001111"_s, u"+14155550100"_s, u"completed"_s, 30};
        const CallRecord twilio = CallMerge::fresh(completed, 5'000);
        CallReport report;
        report.vapiCallId = u"vapi-1"_s;
        report.customerE164 = u"+15550001111"_s;
        report.startedAt = 1'000;
        report.endedAt = 61'000;
        report.summary = u"Booked."_s;
        report.transcript = u"AI: Hello"_s;
        report.costMicros = 87'500;
        const CallRecord merged = CallMerge::merged(twilio, report);
        QCOMPARE(merged.provider, u"twilio"_s);
        QCOMPARE(merged.vapiCallId, u"vapi-1"_s);
        QCOMPARE(merged.durationSeconds, 30); // Twilio's, not the report's 60
        QCOMPARE(merged.endedAt, 5'000);
        QCOMPARE(merged.summary, u"Booked."_s);
        QCOMPARE(merged.costMicros, 87'500);
        QCOMPARE(merged.status, u"completed"_s);

        // No call of ours: the report makes its own record, timed by VAPI.
        const CallRecord own = CallMerge::fresh(report);
        QCOMPARE(own.provider, u"vapi"_s);
        QCOMPARE(own.providerCallId, u"vapi-1"_s);
        QCOMPARE(own.durationSeconds, 60);
        QCOMPARE(own.startedAt, 1'000);
        QCOMPARE(own.status, u"completed"_s);
    }

    void placedCallReportedFirstKeepsItsOutcome()
    {
        CallReport report;
        report.vapiCallId = u"vapi-2"_s;
        report.isInbound = false;
        report.endedAt = 9'000;
        report.endedReason = u"customer-ended-call"_s;
        const CallRecord reported = CallMerge::fresh(report);
        CallPlacement placed;
        placed.call.provider = u"vapi"_s;
        placed.call.providerCallId = u"vapi-2"_s;
        placed.call.status = u"queued"_s;
        placed.call.leadId = LeadId(7);
        placed.assistantId = u"asst-1"_s;
        const CallRecord merged = CallMerge::merged(reported, placed);
        QCOMPARE(merged.status, u"completed"_s);
        QCOMPARE(merged.endedReason, u"customer-ended-call"_s);
        QCOMPARE(merged.leadId, LeadId(7));
        QCOMPARE(merged.assistantId, u"asst-1"_s);
    }

    void messageStatusAndErrorTravelTogether()
    {
        MessageRecord stored;
        stored.providerMessageId = u"SM1"_s;
        stored.status = u"undelivered"_s;
        stored.errorCode = u"30003"_s;
        MessageRecord failed = stored;
        failed.status = u"failed"_s;
        failed.errorCode = u"30008"_s;
        // Equal rank: the first stays, with its own error code.
        QCOMPARE(MessageMerge::merged(stored, failed, MessageSource::Webhook), stored);
        MessageRecord sent = stored;
        sent.status = u"sent"_s;
        sent.errorCode.clear();
        QCOMPARE(MessageMerge::merged(stored, sent, MessageSource::Webhook).status,
                 u"undelivered"_s);
    }

    void ourSendFillsWhatOnlyItKnows()
    {
        // A "delivered" callback beat the send's own reply ("queued").
        MessageRecord callback;
        callback.providerMessageId = u"SM2"_s;
        callback.status = u"delivered"_s;
        callback.sentAt = 2'000;
        MessageRecord send = callback;
        send.status = u"queued"_s;
        send.body = u"See you Tuesday"_s;
        send.sentAt = 1'000;
        const MessageRecord merged = MessageMerge::merged(callback, send, MessageSource::OurSend);
        QCOMPARE(merged.status, u"delivered"_s);
        QCOMPARE(merged.body, u"See you Tuesday"_s);
        QCOMPARE(merged.sentAt, 1'000);
        // The same reply as a webhook would not have touched the body.
        QCOMPARE(MessageMerge::merged(callback, send, MessageSource::Webhook).body, QString());
    }
};

QTEST_GUILESS_MAIN(tst_Merge)
#include "tst_merge.moc"
