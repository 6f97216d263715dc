#include "twilioendpoint.h"

#include "twiliowebhook.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace Sb::Providers::Twilio {

using namespace Sb::Ingest;

TwilioWebhookEndpoint::TwilioWebhookEndpoint(TwilioEndpoint kind)
    : m_kind(kind)
{}

WebhookEndpoints TwilioWebhookEndpoint::all()
{
    WebhookEndpoints endpoints;
    for (TwilioEndpoint kind : {TwilioEndpoint::IncomingSms,
                                TwilioEndpoint::IncomingWhatsApp,
                                TwilioEndpoint::IncomingCall,
                                TwilioEndpoint::CallStatus,
                                TwilioEndpoint::MessageStatus,
                                TwilioEndpoint::RecordingStatus})
        endpoints.append(std::make_shared<TwilioWebhookEndpoint>(kind));
    return endpoints;
}

QString TwilioWebhookEndpoint::path() const
{
    return TwilioEventParser::path(m_kind);
}

WebhookRequest TwilioWebhookEndpoint::read(const QHttpServerRequest &request,
                                           const QString &publicUrl) const
{
    // The signature is no secret (an HMAC of this request): kept, so replay can check it.
    return {publicUrl,
            request.body(),
            request.value(QByteArrayLiteral("X-Twilio-Signature")),
            keptHeaders(request),
            request.remoteAddress().toString(),
            {}};
}

QString TwilioWebhookEndpoint::fairnessKey(const QByteArray &body) const
{
    QByteArray spaced = body;
    const QUrlQuery query(QString::fromLatin1(spaced.replace('+', "%20")));
    return QStringLiteral("twilio:") + query.queryItemValue(QStringLiteral("AccountSid"));
}

Verdict TwilioWebhookEndpoint::judge(const WebhookServices &services,
                                     const WebhookRequest &request) const
{
    return TwilioWebhook(services.database, services.sealer, services.cache, services.spool)
        .judge(m_kind, request);
}

Handled TwilioWebhookEndpoint::process(const WebhookServices &services,
                                       const WebhookRequest &request) const
{
    return TwilioWebhook(services.database, services.sealer, services.cache, services.spool)
        .process(m_kind, request);
}

std::optional<PendingCommit>
TwilioWebhookEndpoint::acceptFromMemory(const WebhookServices &services,
                                        const WebhookRequest &request) const
{
    return TwilioWebhook(services.database, services.sealer, services.cache, services.spool)
        .acceptFromCache(m_kind, request);
}

WebhookRequest TwilioWebhookEndpoint::fromKept(const QString &publicUrl,
                                               const QByteArray &body,
                                               const QByteArray &headersJson) const
{
    WebhookRequest request = WebhookEndpoint::fromKept(publicUrl, body, headersJson);
    request.signature = QJsonDocument::fromJson(headersJson)
                            .object()
                            .value(u"x-twilio-signature")
                            .toString()
                            .toLatin1();
    return request;
}

} // namespace Sb::Providers::Twilio
