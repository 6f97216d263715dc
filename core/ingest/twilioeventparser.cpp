#include "twilioeventparser.h"

#include <QRegularExpression>

namespace Sb::Ingest {

namespace {
bool isSid(const QString &value, const char *prefix)
{
    static const QRegularExpression hex32(QStringLiteral("^[0-9a-fA-F]{32}$"));
    return value.startsWith(QLatin1String(prefix)) && hex32.match(value.mid(2)).hasMatch();
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
    return event;
}

} // namespace Sb::Ingest
