// libFuzzer target: a Twilio webhook body through the form parser, every endpoint's event
// parser and the signature computation. Run by ./dev fuzz.
#include <core/providers/twilio/twilioeventparser.h>
#include <core/providers/twilio/twiliosignature.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Sb::Ingest;
    using namespace Sb::Providers::Twilio;
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    auto fields = FormFields::parse(body);
    if (!fields)
        return 0;
    static const Sb::Secret token =
        Sb::Secret::fromString(QStringLiteral("0123456789abcdef0123456789abcdef"));
    TwilioSignature::compute(
        QStringLiteral("https://hooks.example.org/twilio/sms"), *fields, token);
    for (TwilioEndpoint endpoint : {TwilioEndpoint::IncomingSms,
                                    TwilioEndpoint::IncomingWhatsApp,
                                    TwilioEndpoint::IncomingCall,
                                    TwilioEndpoint::CallStatus,
                                    TwilioEndpoint::MessageStatus,
                                    TwilioEndpoint::RecordingStatus}) {
        auto event = TwilioEventParser::parse(endpoint, *fields);
        if (event && event->eventKey.isEmpty())
            __builtin_trap(); // an accepted event always has its exactly-once key
    }
    return 0;
}
