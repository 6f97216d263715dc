#pragma once

#include <core/ingest/formfields.h>
#include <core/ingest/ingestevent.h>

#include <optional>

namespace Sb::Providers::Twilio {

enum class TwilioEndpoint {
    IncomingSms,
    IncomingWhatsApp,
    IncomingCall,
    CallStatus,
    MessageStatus,
    RecordingStatus
};

// A verified-shape Twilio webhook -> Ingest::IngestEvent with its exactly-once key:
// MessageSid for incoming messages, MessageSid + status for message status (so a later status of
// the same message is not taken for a duplicate), CallSid + status + sequence for call status,
// RecordingSid + status for recordings.
class TwilioEventParser final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Twilio::TwilioEventParser)

public:
    static Result<Ingest::IngestEvent> parse(TwilioEndpoint endpoint,
                                             const Ingest::FormFields &fields);
    static QString path(TwilioEndpoint endpoint);
    static std::optional<TwilioEndpoint> endpointFor(const QString &path);
};

} // namespace Sb::Providers::Twilio
