#include "twilioeventparser.h"

#include <core/ingest/tenantresolver.h>

#include <QRegularExpression>

#include <algorithm>

namespace Sb::Providers::Twilio {

using namespace Sb::Ingest;

namespace {
bool isSid(const QString &value, const char *prefix)
{
    static const QRegularExpression hex32(QStringLiteral("^[0-9a-fA-F]{32}$"));
    return value.startsWith(QLatin1String(prefix)) && hex32.match(value.mid(2)).hasMatch();
}

// What the event tells the call log or the messages, in the store's terms.
Store::DomainChange changeOf(TwilioEndpoint endpoint, const FormFields &fields)
{
    const QString from = TenantResolver::bareNumber(fields.value(QStringLiteral("From")));
    const QString to = TenantResolver::bareNumber(fields.value(QStringLiteral("To")));
    switch (endpoint) {
    case TwilioEndpoint::IncomingSms:
    case TwilioEndpoint::IncomingWhatsApp:
    case TwilioEndpoint::MessageStatus: {
        const bool isIncoming = endpoint != TwilioEndpoint::MessageStatus;
        Store::MessageRecord message;
        message.channel = fields.value(QStringLiteral("From")).startsWith(u"whatsapp:")
                || fields.value(QStringLiteral("To")).startsWith(u"whatsapp:")
            ? QStringLiteral("whatsapp")
            : QStringLiteral("sms");
        message.isInbound = isIncoming;
        message.counterpartE164 = isIncoming ? from : to;
        message.ourE164 = isIncoming ? to : from;
        message.body = fields.value(QStringLiteral("Body"));
        message.status =
            isIncoming ? QStringLiteral("received") : fields.value(QStringLiteral("MessageStatus"));
        if (message.status.isEmpty())
            message.status = fields.value(QStringLiteral("SmsStatus"));
        message.errorCode = fields.value(QStringLiteral("ErrorCode"));
        message.providerMessageId = fields.value(QStringLiteral("MessageSid"));
        if (isIncoming) {
            // MediaUrl0…, MediaContentType0… (Twilio sends at most 10): pictures, vCards, PDFs.
            const int count = std::clamp(fields.value(QStringLiteral("NumMedia")).toInt(), 0, 10);
            for (int i = 0; i < count; ++i) {
                const QString url = fields.value(QStringLiteral("MediaUrl") + QString::number(i));
                if (!url.isEmpty()) {
                    message.media.append(
                        {url,
                         fields.value(QStringLiteral("MediaContentType") + QString::number(i))});
                }
            }
        }
        return message;
    }
    case TwilioEndpoint::IncomingCall:
    case TwilioEndpoint::CallStatus: {
        const QString direction = fields.value(QStringLiteral("Direction"));
        Store::CallProgress progress;
        progress.provider = QStringLiteral("twilio");
        progress.providerCallId = fields.value(QStringLiteral("CallSid"));
        progress.isInbound = direction != u"outbound-api" && direction != u"outbound-dial";
        progress.fromE164 = from;
        progress.toE164 = to;
        progress.status = fields.value(QStringLiteral("CallStatus"));
        bool isNumber = false;
        const int duration = fields.value(QStringLiteral("CallDuration")).toInt(&isNumber);
        if (isNumber)
            progress.durationSeconds = duration;
        return progress;
    }
    case TwilioEndpoint::RecordingStatus:
        // Attached only once complete: a recording fetched earlier does not play (pitfall 12).
        if (fields.value(QStringLiteral("RecordingStatus")) != u"completed")
            return std::monostate();
        return Store::CallRecording{QStringLiteral("twilio"),
                                    fields.value(QStringLiteral("CallSid")),
                                    fields.value(QStringLiteral("RecordingUrl"))};
    }
    return std::monostate();
}
} // namespace

QString TwilioEventParser::path(TwilioEndpoint endpoint)
{
    switch (endpoint) {
    case TwilioEndpoint::IncomingSms:
        return QStringLiteral("/twilio/sms");
    case TwilioEndpoint::IncomingWhatsApp:
        return QStringLiteral("/twilio/whatsapp");
    case TwilioEndpoint::IncomingCall:
        return QStringLiteral("/twilio/voice");
    case TwilioEndpoint::CallStatus:
        return QStringLiteral("/twilio/call-status");
    case TwilioEndpoint::MessageStatus:
        return QStringLiteral("/twilio/message-status");
    case TwilioEndpoint::RecordingStatus:
        return QStringLiteral("/twilio/recording-status");
    }
    return {};
}

std::optional<TwilioEndpoint> TwilioEventParser::endpointFor(const QString &path)
{
    for (TwilioEndpoint endpoint : {TwilioEndpoint::IncomingSms,
                                    TwilioEndpoint::IncomingWhatsApp,
                                    TwilioEndpoint::IncomingCall,
                                    TwilioEndpoint::CallStatus,
                                    TwilioEndpoint::MessageStatus,
                                    TwilioEndpoint::RecordingStatus}) {
        if (TwilioEventParser::path(endpoint) == path)
            return endpoint;
    }
    return std::nullopt;
}

Result<IngestEvent> TwilioEventParser::parse(TwilioEndpoint endpoint, const FormFields &fields)
{
    const auto missing = [](const char *field) {
        return Error{ErrorCode::InvalidArgument,
                     tr("The Twilio webhook lacks a valid %1").arg(QLatin1String(field))};
    };
    IngestEvent event;
    event.provider = QStringLiteral("twilio");
    event.endpoint = path(endpoint);
    event.fields = fields.items();
    event.accountSid = fields.value(QStringLiteral("AccountSid"));
    event.to = fields.value(QStringLiteral("To"));
    event.from = fields.value(QStringLiteral("From"));
    if (!isSid(event.accountSid, "AC"))
        return missing("AccountSid");
    const QString messageSid = fields.value(QStringLiteral("MessageSid"));
    const QString callSid = fields.value(QStringLiteral("CallSid"));
    switch (endpoint) {
    case TwilioEndpoint::IncomingSms:
    case TwilioEndpoint::IncomingWhatsApp:
        if (!isSid(messageSid, "SM") && !isSid(messageSid, "MM"))
            return missing("MessageSid");
        event.eventType = endpoint == TwilioEndpoint::IncomingSms
            ? QStringLiteral("sms.received")
            : QStringLiteral("whatsapp.received");
        event.eventKey = QStringLiteral("message:") + messageSid;
        break;
    case TwilioEndpoint::MessageStatus: {
        if (!isSid(messageSid, "SM") && !isSid(messageSid, "MM"))
            return missing("MessageSid");
        QString status = fields.value(QStringLiteral("MessageStatus"));
        if (status.isEmpty())
            status = fields.value(QStringLiteral("SmsStatus"));
        if (status.isEmpty())
            return missing("MessageStatus");
        event.eventType = QStringLiteral("message.status");
        event.eventKey = QStringLiteral("message-status:%1:%2").arg(messageSid, status);
        break;
    }
    case TwilioEndpoint::IncomingCall:
    case TwilioEndpoint::CallStatus: {
        if (!isSid(callSid, "CA"))
            return missing("CallSid");
        const QString status = fields.value(QStringLiteral("CallStatus"));
        if (status.isEmpty())
            return missing("CallStatus");
        event.eventType = endpoint == TwilioEndpoint::IncomingCall ? QStringLiteral("call.incoming")
                                                                   : QStringLiteral("call.status");
        event.eventKey = QStringLiteral("call:%1:%2:%3")
                             .arg(callSid, status, fields.value(QStringLiteral("SequenceNumber")));
        break;
    }
    case TwilioEndpoint::RecordingStatus: {
        const QString recordingSid = fields.value(QStringLiteral("RecordingSid"));
        if (!isSid(recordingSid, "RE"))
            return missing("RecordingSid");
        event.eventType = QStringLiteral("recording.status");
        event.eventKey = QStringLiteral("recording:%1:%2")
                             .arg(recordingSid, fields.value(QStringLiteral("RecordingStatus")));
        break;
    }
    }
    event.change = changeOf(endpoint, fields);
    return event;
}

} // namespace Sb::Providers::Twilio
