#pragma once

#include "callrecord.h"

namespace Sb::Store {

// The one rule for a call that several sources describe. Twilio's callbacks arrive in any order
// and may repeat; the assistant's report may come before or after them; a call we placed may be
// reported before the provider's reply is recorded. Each function gives the row a call has once
// a record is applied: fresh* for a call the log does not hold yet, merged for one it does.
// Pure functions: CallStore reads the row, applies one of these and writes the result.
class CallMerge final
{
public:
    // A status replaces only a lower-ranked one; 4 is final.
    static int statusRank(const QString &status);
    static constexpr int kFinalRank = 4;

    static CallRecord fresh(const CallProgress &progress, qint64 now);
    static CallRecord merged(const CallRecord &stored, const CallProgress &progress, qint64 now);

    // A recording attaches to a call the log holds; one for a call it does not hold is kept
    // only as the raw event (Twilio's recording callback carries no numbers to make a row of).
    static CallRecord merged(const CallRecord &stored, const CallRecording &recording);

    static CallRecord fresh(const CallReport &report);
    static CallRecord merged(const CallRecord &stored, const CallReport &report);

    // A call log describes a call that is over: it is final, and fills what the log lacks.
    static CallRecord fresh(const CallLogEntry &entry);
    static CallRecord merged(const CallRecord &stored, const CallLogEntry &entry);

    // A call as it happens: it rings, is answered, ends; a status it has moved past is ignored
    // (notifications may come out of order), and one that ended unanswered is no-answer.
    static CallRecord fresh(const CallSessionEvent &event);
    static CallRecord merged(const CallRecord &stored, const CallSessionEvent &event);

    static CallRecord fresh(const CallPlacement &placed, qint64 now);
    static CallRecord merged(const CallRecord &stored, const CallPlacement &placed);
};

} // namespace Sb::Store
