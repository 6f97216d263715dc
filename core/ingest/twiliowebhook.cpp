#include "twiliowebhook.h"

#include "eventstore.h"
#include "ingestlog.h"
#include "routecache.h"
#include "spool.h"
#include "twilioeventparser.h"
#include "twiliosignature.h"

#include <core/vault/sealedsecretstore.h>

#include <QDateTime>

namespace Sb::Ingest {

namespace {
WebhookReply plain(int status, const QByteArray &text)
{
    return {status, QByteArrayLiteral("text/plain; charset=utf-8"), text + '\n'};
}

WebhookReply unavailable(const QString &why)
{
    qCWarning(lcIngest) << "store unavailable:" << why;
    return plain(503, QByteArrayLiteral("store unavailable"));
}

WebhookReply acknowledge(TwilioEndpoint endpoint)
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
} // namespace

TwilioWebhook::TwilioWebhook(Store::Database &database,
                             const Vault::Sealer &sealer,
                             RouteCache *cache,
                             Spool *spool)
    : m_database(database)
    , m_sealer(sealer)
    , m_cache(cache)
    , m_spool(spool)
{}

Verdict TwilioWebhook::judge(TwilioEndpoint endpoint, const WebhookRequest &request) const
{
    using Kind = Verdict::Kind;
    auto fields = FormFields::parse(request.body);
    auto event =
        fields ? TwilioEventParser::parse(endpoint, *fields) : Result<IngestEvent>(fields.error());
    if (!event)
        return {Kind::Malformed, event.error().message, {}, {}};
    event->rawBody = request.body;
    event->headersJson = request.headersJson;

    auto route = TenantResolver(m_database).routeTwilio(*event);
    if (!route) {
        const Kind kind =
            route.error().code == ErrorCode::UnknownTenant ? Kind::Unroutable : Kind::Unavailable;
        return {kind, route.error().message, event.value(), {}};
    }
    const QString record = QStringLiteral("twilio-account:") + event->accountSid;
    auto token = Vault::SealedSecretStore(m_database, m_sealer)
                     .get(route->tenant, record, QStringLiteral("auth-token"));
    if (!token) {
        const Kind kind = token.error().code == ErrorCode::DatabaseUnavailable ? Kind::Unavailable
                                                                               : Kind::Unverifiable;
        return {kind, tr("Cannot verify: %1").arg(token.error().message), event.value(), *route};
    }
    if (!TwilioSignature::verify(request.publicUrl, *fields, request.signature, *token)) {
        const QString reason = tr("%1 signature check failed against %2 (from %3)")
                                   .arg(request.signature.isEmpty() ? tr("missing") : tr("wrong"),
                                        request.publicUrl,
                                        request.remoteAddress);
        return {Kind::BadSignature, reason, event.value(), *route};
    }
    return {Kind::Accepted, {}, event.value(), *route, *token};
}

WebhookReply TwilioWebhook::spoolOrRefuse(TwilioEndpoint endpoint,
                                          const WebhookRequest &request,
                                          const Verdict &verdict) const
{
    // Only an event we can still verify is acknowledged: from the routes and tokens of events
    // accepted while the store was up.
    auto fields = FormFields::parse(request.body);
    auto event =
        fields ? TwilioEventParser::parse(endpoint, *fields) : Result<IngestEvent>(fields.error());
    const auto cached = event && m_cache ? m_cache->find(*event) : std::nullopt;
    if (!m_spool || !cached
        || !TwilioSignature::verify(
            request.publicUrl, *fields, request.signature, cached->authToken))
        return unavailable(verdict.reason);
    if (auto spooled = m_spool->append({endpoint, request, QDateTime::currentMSecsSinceEpoch()});
        !spooled)
        return unavailable(spooled.error().message);
    qCWarning(lcIngest) << "store unavailable; spooled" << event->eventType << event->eventKey;
    return acknowledge(endpoint);
}

WebhookReply TwilioWebhook::handle(TwilioEndpoint endpoint, const WebhookRequest &request) const
{
    using Kind = Verdict::Kind;
    EventStore events(m_database);
    const Verdict verdict = judge(endpoint, request);
    const QuarantinedEvent kept{QStringLiteral("twilio"),
                                TwilioEventParser::path(endpoint),
                                request.publicUrl,
                                verdict.reason,
                                request.headersJson,
                                request.body};
    switch (verdict.kind) {
    case Kind::Unavailable:
        return spoolOrRefuse(endpoint, request, verdict);
    case Kind::Malformed:
        // Kept, so nothing is lost even when we cannot read it; refused, so the sender learns.
        if (auto stored = events.quarantine(kept); !stored)
            return unavailable(stored.error().message);
        return plain(400, verdict.reason.toUtf8());
    case Kind::Unroutable:
    case Kind::Unverifiable:
        // Kept for an administrator to replay; acknowledged, so the provider does not retry.
        if (auto stored = events.quarantine(kept); !stored)
            return unavailable(stored.error().message);
        qCInfo(lcIngest) << "quarantined" << verdict.event->eventType << ":" << verdict.reason;
        return acknowledge(endpoint);
    case Kind::BadSignature:
        qCWarning(lcIngest) << "refused" << kept.endpoint << ":" << verdict.reason;
        if (auto logged = events.audit(
                verdict.route->tenant, QStringLiteral("webhook.signature-refused"), verdict.reason);
            !logged)
            return unavailable(logged.error().message);
        return plain(403, QByteArrayLiteral("signature refused"));
    case Kind::Accepted:
        break;
    }
    if (m_cache)
        m_cache->remember(*verdict.event, *verdict.route, *verdict.authToken);
    auto stored = events.storeOnce(verdict.route->tenant, *verdict.event);
    if (!stored) {
        if (stored.error().code == ErrorCode::DatabaseUnavailable)
            return spoolOrRefuse(endpoint, request, {Kind::Unavailable, stored.error().message});
        return unavailable(stored.error().message);
    }
    qCInfo(lcIngest) << (*stored ? "stored" : "duplicate") << verdict.event->eventType
                     << verdict.event->eventKey << "tenant"
                     << verdict.route->tenant.tenantId().value() << "by"
                     << verdict.route->matchedBy;
    return acknowledge(endpoint);
}

} // namespace Sb::Ingest
