#include "twiliowebhook.h"

#include "eventstore.h"
#include "ingestlog.h"
#include "tenantresolver.h"
#include "twilioeventparser.h"
#include "twiliosignature.h"

#include <core/vault/sealedsecretstore.h>

namespace Sb::Ingest {

namespace {
WebhookReply plain(int status, const QByteArray &text)
{
    return {status, QByteArrayLiteral("text/plain; charset=utf-8"), text + '\n'};
}

WebhookReply unavailable(const Error &error)
{
    qCWarning(lcIngest) << "store unavailable:" << error.message;
    return plain(503, QByteArrayLiteral("store unavailable"));
}
} // namespace

TwilioWebhook::TwilioWebhook(Store::Database &database, const Vault::Sealer &sealer)
    : m_database(database)
    , m_sealer(sealer)
{}

WebhookReply TwilioWebhook::acknowledge(TwilioEndpoint endpoint) const
{
    // Messaging and voice webhooks read TwiML: an empty Response sends nothing back.
    if (endpoint == TwilioEndpoint::IncomingSms || endpoint == TwilioEndpoint::IncomingWhatsApp
        || endpoint == TwilioEndpoint::IncomingCall) {
        return {200,
                QByteArrayLiteral("text/xml"),
                QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>")};
    }
    return {200, QByteArrayLiteral("text/plain"), {}};
}

WebhookReply TwilioWebhook::handle(TwilioEndpoint endpoint, const WebhookRequest &request) const
{
    EventStore events(m_database);
    const QString path = TwilioEventParser::path(endpoint);
    auto fields = FormFields::parse(request.body);
    auto event =
        fields ? TwilioEventParser::parse(endpoint, *fields) : Result<IngestEvent>(fields.error());
    if (!event) {
        // Kept, so nothing is lost even when we cannot read it; refused, so the sender learns.
        if (auto kept = events.quarantine(QStringLiteral("twilio"),
                                          path,
                                          event.error().message,
                                          request.headersJson,
                                          request.body);
            !kept)
            return unavailable(kept.error());
        return plain(400, event.error().message.toUtf8());
    }
    event->rawBody = request.body;
    event->headersJson = request.headersJson;

    auto route = TenantResolver(m_database).routeTwilio(*event);
    if (!route) {
        if (route.error().code != ErrorCode::UnknownTenant)
            return unavailable(route.error());
        if (auto kept = events.quarantine(
                event->provider, path, route.error().message, request.headersJson, request.body);
            !kept)
            return unavailable(kept.error());
        qCInfo(lcIngest) << "quarantined" << event->eventType << ":" << route.error().message;
        return acknowledge(endpoint);
    }

    const QString record = QStringLiteral("twilio-account:") + event->accountSid;
    auto token = Vault::SealedSecretStore(m_database, m_sealer)
                     .get(route->tenant, record, QStringLiteral("auth-token"));
    if (!token) {
        if (token.error().code == ErrorCode::DatabaseUnavailable)
            return unavailable(token.error());
        // Routed but impossible to verify: keep it for an administrator, acknowledge.
        const QString reason = tr("Cannot verify: %1").arg(token.error().message);
        if (auto kept =
                events.quarantine(event->provider, path, reason, request.headersJson, request.body);
            !kept)
            return unavailable(kept.error());
        return acknowledge(endpoint);
    }
    if (!TwilioSignature::verify(request.publicUrl, *fields, request.signature, *token)) {
        const QString detail = tr("%1 signature check failed against %2 (from %3)")
                                   .arg(request.signature.isEmpty() ? tr("missing") : tr("wrong"),
                                        request.publicUrl,
                                        request.remoteAddress);
        qCWarning(lcIngest) << "refused" << path << ":" << detail;
        if (auto logged =
                events.audit(route->tenant, QStringLiteral("webhook.signature-refused"), detail);
            !logged)
            return unavailable(logged.error());
        return plain(403, QByteArrayLiteral("signature refused"));
    }

    auto stored = events.storeOnce(route->tenant, *event);
    if (!stored)
        return unavailable(stored.error());
    qCInfo(lcIngest) << (*stored ? "stored" : "duplicate") << event->eventType << event->eventKey
                     << "tenant" << route->tenant.tenantId().value() << "by" << route->matchedBy;
    return acknowledge(endpoint);
}

} // namespace Sb::Ingest
