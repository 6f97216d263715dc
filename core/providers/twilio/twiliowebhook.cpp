#include "twiliowebhook.h"

#include "twilioeventparser.h"
#include "twiliosignature.h"
#include <core/ingest/ingestlog.h>
#include <core/ingest/routecache.h>
#include <core/ingest/spool.h>
#include <core/ingest/webhookpipeline.h>

#include <core/store/connectionstore.h>
#include <core/store/database.h>
#include <core/store/phonenumberstore.h>
#include <core/vault/sealedsecretstore.h>

#include <QDateTime>

namespace Sb::Providers::Twilio {

using namespace Sb::Ingest;

namespace {
WebhookReply unavailable(const QString &why)
{
    return WebhookPipeline::unavailable(why);
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
    if (auto accepted = acceptedByCache(endpoint, request, *fields, *event))
        return *accepted;
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
        if (token.error().code == ErrorCode::DatabaseUnavailable)
            return {Kind::Unavailable, token.error().message, event.value(), *route};
        if (route->matchedBy != u"account")
            return judgeForeignAccount(request, *fields, *event, *route);
        return {Kind::Unverifiable,
                tr("Cannot verify: %1").arg(token.error().message),
                event.value(),
                *route};
    }
    if (!TwilioSignature::verify(request.publicUrl, *fields, request.signature, *token)) {
        const QString reason = tr("%1 signature check failed against %2 (from %3)")
                                   .arg(request.signature.isEmpty() ? tr("missing") : tr("wrong"),
                                        request.publicUrl,
                                        request.remoteAddress);
        return {Kind::BadSignature, reason, event.value(), *route};
    }
    Verdict accepted{Kind::Accepted, {}, event.value(), *route, *token, {}, {}};
    if (endpoint == TwilioEndpoint::IncomingCall) {
        auto assistant = assistantNumber(route->tenant);
        if (!assistant)
            return {Kind::Unavailable, assistant.error().message, event.value(), *route};
        accepted.assistantE164 = *assistant;
        if (!assistant->isEmpty())
            accepted.acceptedReply =
                forwardToAssistant(*assistant, TenantResolver::bareNumber(event->from));
    }
    if (m_cache)
        m_cache->remember(*event, *route, *token, accepted.assistantE164);
    return accepted;
}

// A subaccount seen moments ago: its route and token from the cache, no store reads. A
// signature that fails against the cached token is judged again from the store (the token may
// have been rotated since). Calls are never taken from here: their TwiML needs the assistant.
std::optional<Verdict> TwilioWebhook::acceptedByCache(TwilioEndpoint endpoint,
                                                      const WebhookRequest &request,
                                                      const FormFields &fields,
                                                      const IngestEvent &event) const
{
    if (endpoint == TwilioEndpoint::IncomingCall || !m_cache)
        return std::nullopt;
    const auto fresh = m_cache->findFresh(event);
    if (!fresh
        || !TwilioSignature::verify(request.publicUrl, fields, request.signature, fresh->authToken))
        return std::nullopt;
    return Verdict{Verdict::Kind::Accepted, {}, event, fresh->route, fresh->authToken, {}, {}};
}

std::optional<PendingCommit> TwilioWebhook::acceptFromCache(TwilioEndpoint endpoint,
                                                            const WebhookRequest &request) const
{
    if (endpoint == TwilioEndpoint::IncomingCall || !m_cache)
        return std::nullopt;
    const auto fields = FormFields::parse(request.body);
    if (!fields)
        return std::nullopt;
    auto event = TwilioEventParser::parse(endpoint, *fields);
    if (!event)
        return std::nullopt;
    event->rawBody = request.body;
    event->headersJson = request.headersJson;
    const auto accepted = acceptedByCache(endpoint, request, *fields, *event);
    if (!accepted)
        return std::nullopt;
    return std::get<PendingCommit>(decide(endpoint, request, *accepted));
}

Result<QString> TwilioWebhook::assistantNumber(const Store::TenantScope &tenant) const
{
    return Store::PhoneNumberStore(m_database).assistantE164(tenant);
}

// Twilio signs with the auth token of the account an event names (pitfall 2), so an event that
// names an account the tenant has not connected cannot be accepted for it, even when the number
// is the tenant's: it is quarantined for an administrator. When it is signed with a token of
// one of the tenant's own accounts it is kept as verified (never crowded out by junk); the
// reason says what to connect before replaying it.
Verdict TwilioWebhook::judgeForeignAccount(const WebhookRequest &request,
                                           const FormFields &fields,
                                           const IngestEvent &event,
                                           const Route &route) const
{
    using Kind = Verdict::Kind;
    const qint64 tenantId = route.tenant.tenantId().value();
    auto accounts = Store::ConnectionStore(m_database).accountsOf(route.tenant, event.provider);
    if (!accounts)
        return {Kind::Unavailable, accounts.error().message, event, route};
    const Vault::SealedSecretStore secrets(m_database, m_sealer);
    for (const QString &account : std::as_const(*accounts)) {
        auto token = secrets.get(route.tenant,
                                 QStringLiteral("twilio-account:") + account,
                                 QStringLiteral("auth-token"));
        if (!token)
            continue;
        if (TwilioSignature::verify(request.publicUrl, fields, request.signature, *token)) {
            Verdict verdict{Kind::Unroutable,
                            tr("Signed with the auth token of tenant %1's Twilio account %2, but"
                               " names account %3, which that tenant has not connected (matched"
                               " by %4): connect it or register the number under it, then replay")
                                .arg(tenantId)
                                .arg(account, event.accountSid, route.matchedBy),
                            event,
                            {}};
            verdict.isVerified = true;
            return verdict;
        }
    }
    return {Kind::Unverifiable,
            tr("Twilio account %1 is not connected to tenant %2 (matched by %3) and no token of"
               " that tenant verifies the request: connect the account, then replay")
                .arg(event.accountSid)
                .arg(tenantId)
                .arg(route.matchedBy),
            event,
            route};
}

WebhookReply forwardToAssistant(const QString &assistantE164, const QString &callerE164)
{
    // Values are E.164 numbers we stored or Twilio sent; escaped all the same.
    const auto escaped = [](const QString &text) {
        return text.toHtmlEscaped().toUtf8();
    };
    QByteArray twiml =
        QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial");
    if (!callerE164.isEmpty())
        twiml += " callerId=\"" + escaped(callerE164) + "\"";
    twiml += " timeout=\"20\" record=\"record-from-answer-dual\"><Number>" + escaped(assistantE164)
        + "</Number></Dial></Response>";
    return {200, QByteArrayLiteral("text/xml"), twiml};
}

WebhookReply TwilioWebhook::spoolOrRefuse(TwilioEndpoint endpoint,
                                          const WebhookRequest &request,
                                          const QString &why) const
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
        return unavailable(why);
    if (auto spooled = m_spool->append(
            {TwilioEventParser::path(endpoint), request, QDateTime::currentMSecsSinceEpoch()});
        !spooled)
        return unavailable(spooled.error().message);
    qCWarning(lcIngest) << "store unavailable; spooled" << event->eventType << event->eventKey;
    // A caller still reaches the assistant while the store is down.
    if (endpoint == TwilioEndpoint::IncomingCall && !cached->assistantE164.isEmpty())
        return forwardToAssistant(cached->assistantE164, TenantResolver::bareNumber(event->from));
    return acknowledge(endpoint);
}

Handled TwilioWebhook::process(TwilioEndpoint endpoint, const WebhookRequest &request) const
{
    return decide(endpoint, request, judge(endpoint, request));
}

Handled TwilioWebhook::decide(TwilioEndpoint endpoint,
                              const WebhookRequest &request,
                              const Verdict &verdict) const
{
    const QuarantinedEvent kept{QStringLiteral("twilio"),
                                TwilioEventParser::path(endpoint),
                                request.publicUrl,
                                verdict.reason,
                                request.headersJson,
                                request.body};
    // Copies: the reply may be made on another thread, after this request's handler returned.
    return WebhookPipeline(m_database)
        .decide(verdict,
                !request.signature.isEmpty(),
                kept,
                acknowledge(endpoint),
                [webhook = *this, endpoint, request](const QString &why) {
                    return webhook.spoolOrRefuse(endpoint, request, why);
                });
}

} // namespace Sb::Providers::Twilio
