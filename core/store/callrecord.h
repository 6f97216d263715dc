#pragma once

#include <core/common/id.h>

#include <QString>
#include <QStringList>

#include <optional>

namespace Sb::Store {

// One call as the call log keeps it.
struct CallRecord
{
    CallId id;
    QString provider;
    QString providerCallId;
    QString sessionId; // the provider's session, when its live events and its log name it apart
    QString vapiCallId; // the assistant's call, when it took part
    bool isInbound = true;
    QString fromE164;
    QString toE164;
    QString counterpartE164; // the party outside the tenant: what a screen-pop looks up
    QString counterpartName; // listed or shown: the tenant's lead, else CRM contact, with that number
    QString status;
    qint64 startedAt = 0;
    qint64 endedAt = 0; // 0: not ended (or not known to have)
    std::optional<int> durationSeconds; // unknown until the provider says
    QString recordingUrl;
    QString summary; // the assistant's, from VAPI's end-of-call report
    QString endedReason;
    QString assistantId;
    std::optional<qint64> costMicros; // the assistant's cost, in millionths of a dollar
    LeadId leadId; // the lead an assistant called, if any
    StaffId ownerStaff; // a staff member's own line (their RingCentral); invalid: the clinic's
    // Read for one call (CallStore::call), not for listings: they can be long.
    QString transcript;
    QString transcriptJson; // the assistant's messages with their timestamps, a JSON array

    bool operator==(const CallRecord &) const = default;
};

// The domain records providers hand to the store about calls; the call log merges them
// (CallMerge), whatever order they arrive in.

// A provider's word on a call's progress (Twilio's voice and status webhooks).
struct CallProgress
{
    QString provider;
    QString providerCallId;
    bool isInbound = true;
    QString fromE164;
    QString toE164;
    QString status;
    std::optional<int> durationSeconds;
};

// A call's recording, once complete (a recording fetched earlier does not play: pitfall 12).
struct CallRecording
{
    QString provider;
    QString providerCallId;
    QString url;
};

// An entry of a staff member's own call log (RingCentral's): a call already over, with its
// outcome and, when it was recorded, where its recording is (fetched with their token).
struct CallLogEntry
{
    QString provider;
    QString providerCallId;
    QString sessionId; // the call's session: a live row of it (CallSessionEvent) is completed
    StaffId ownerStaff;
    bool isInbound = true;
    QString fromE164;
    QString toE164;
    QString status; // completed, no-answer, busy, failed, canceled
    qint64 startedAt = 0;
    std::optional<int> durationSeconds;
    QString recordingUrl;
};

// A staff member's call as it happens (RingCentral's telephony session notifications): it rings,
// is answered, ends. Kept by its session until the call log's entry for it completes the row.
struct CallSessionEvent
{
    enum class Stage { Ringing, Talking, Ended };

    QString provider;
    QString sessionId;
    StaffId ownerStaff;
    bool isInbound = true;
    QString fromE164;
    QString toE164;
    Stage stage = Stage::Ringing;
    bool isMissed = false; // ended without being answered, as the provider says
    qint64 at = 0; // when the provider says it happened (epoch ms)
};

// The assistant's end-of-call report (VAPI): it completes the call that was forwarded to the
// assistant, or the assistant's own call, or makes a record of its own.
struct CallReport
{
    QString vapiCallId;
    bool isInbound = true;
    QString customerE164;
    QString ourE164;
    qint64 startedAt = 0; // 0: not reported
    qint64 endedAt = 0;
    QString recordingUrl;
    QString transcript;
    QString transcriptJson;
    QString summary;
    QString endedReason;
    std::optional<qint64> costMicros;
};

// A call a provider has just placed for us (CallStore::recordPlaced).
struct CallPlacement
{
    CallRecord call; // provider, providerCallId, from, to, counterpart, status, leadId
    QString assistantId;
};

// What a search of the call log looks for: words of the summary or transcript (each a prefix,
// all of them), and/or a number in any format (its digits, and its E.164 form when it parses).
struct CallSearch
{
    // How a call ended, as people sort them: the assistant handled it alone, handed it on to a
    // person, a person answered it, or nobody did.
    enum class Outcome { Any, Assistant, Transferred, Answered, Missed };

    QStringList words;
    QString digits;
    QString e164;
    // Filters beside the words: since when and until when (epoch ms; 0: ever, now), which way,
    // how it ended.
    qint64 since = 0;
    qint64 until = 0; // calls that started before this
    std::optional<bool> isInbound;
    Outcome outcome = Outcome::Any;

    bool isEmpty() const
    {
        return words.isEmpty() && digits.isEmpty() && e164.isEmpty() && since == 0 && until == 0
            && !isInbound && outcome == Outcome::Any;
    }
};

// Keyset position: the last row of the previous page (never OFFSET on big tables).
// Which end of the log a listing starts from (its keyset pages run on from there).
enum class CallOrder { NewestFirst, OldestFirst };

struct CallCursor
{
    qint64 startedAt = 0;
    CallId id;
    bool isStart() const { return !id.isValid(); }
};

} // namespace Sb::Store
