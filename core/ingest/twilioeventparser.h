#pragma once

#include "formfields.h"
#include "ingestevent.h"

#include <optional>

namespace Sb::Ingest {

// A verified-shape Twilio webhook -> IngestEvent with its exactly-once key:
// MessageSid for incoming messages, MessageSid + status for message status (so a later status of
// the same message is not taken for a duplicate), CallSid + status + sequence for call status,
// RecordingSid + status for recordings.
class TwilioEventParser final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ingest::TwilioEventParser)

public:
    static Result<IngestEvent> parse(TwilioEndpoint endpoint, const FormFields &fields);
    static QString path(TwilioEndpoint endpoint);
    static std::optional<TwilioEndpoint> endpointFor(const QString &path);
};

} // namespace Sb::Ingest
