#include "ringcentralwebhook.h"

#include "routecache.h"
#include "sharedsecret.h"
#include "webhookpipeline.h"

#include <core/vault/sealedsecretstore.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Ingest {

RingCentralWebhook::RingCentralWebhook(Store::Database &database,
                                       const Vault::Sealer &sealer,
                                       RouteCache *cache,
                                       Spool *spool)
    : m_database(database)
    , m_sealer(sealer)
    , m_cache(cache)
    , m_spool(spool)
{}

Result<IngestEvent> RingCentralWebhook::parse(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonObject object = QJsonDocument::fromJson(body, &parseError).object();
    const QString uuid = object.value(u"uuid").toString();
    const QString owner = object.value(u"ownerId").toVariant().toString();
    if (parseError.error != QJsonParseError::NoError || uuid.isEmpty() || owner.isEmpty()) {
        return Error{ErrorCode::InvalidArgument,
                     tr("Not a RingCentral notification: %1")
                         .arg(parseError.error != QJsonParseError::NoError
                                  ? parseError.errorString()
                                  : tr("no uuid or ownerId"))};
    }
    IngestEvent event;
    event.provider = QStringLiteral("ringcentral");
    event.eventType = QStringLiteral("ringcentral.notification");
    event.eventKey = QStringLiteral("ringcentral:") + uuid;
    event.endpoint = path();
    event.accountSid = owner;
    event.rawBody = body;
    return event;
}

Verdict RingCentralWebhook::judge(const WebhookRequest &request) const
{
    using Kind = Verdict::Kind;
    auto event = parse(request.body);
    if (!event)
        return {Kind::Malformed, event.error().message, {}, {}};
    event->headersJson = request.headersJson;
    auto route = TenantResolver(m_database)
                     .routeConnection(QStringLiteral("ringcentral"), event->accountSid);
    if (!route) {
        const Kind kind =
            route.error().code == ErrorCode::UnknownTenant ? Kind::Unroutable : Kind::Unavailable;
        return {kind, route.error().message, event.value(), {}};
    }
    auto token = Vault::SealedSecretStore(m_database, m_sealer)
                     .get(route->tenant,
                          QStringLiteral("ringcentral-webhook"),
                          QStringLiteral("verification-token"));
    if (!token) {
        const Kind kind = token.error().code == ErrorCode::DatabaseUnavailable ? Kind::Unavailable
                                                                               : Kind::Unverifiable;
        return {kind, tr("Cannot verify: %1").arg(token.error().message), event.value(), *route};
    }
    if (!SharedSecret::matches(request, *token)) {
        return {Kind::BadSignature,
                tr("%1 RingCentral verification token (from %2)")
                    .arg(SharedSecret::isPresented(request) ? tr("wrong") : tr("missing"),
                         request.remoteAddress),
                event.value(),
                *route};
    }
    if (m_cache)
        m_cache->rememberSecret(QStringLiteral("ringcentral"), route->tenant.tenantId(), *token);
    return {Kind::Accepted, {}, event.value(), *route, *token, {}, {}};
}

Handled RingCentralWebhook::process(const WebhookRequest &request) const
{
    const Verdict verdict = judge(request);
    const QuarantinedEvent kept{QStringLiteral("ringcentral"),
                                path(),
                                request.publicUrl,
                                verdict.reason,
                                request.headersJson,
                                request.body};
    const WebhookReply acknowledgement{200, QByteArrayLiteral("application/json"), {}};
    return WebhookPipeline(m_database)
        .decide(verdict,
                kept,
                acknowledgement,
                [cache = m_cache, spool = m_spool, request, acknowledgement](const QString &why) {
                    return SharedSecret::spoolIfVouchedFor(QStringLiteral("ringcentral"),
                                                           path(),
                                                           request,
                                                           acknowledgement,
                                                           why,
                                                           cache,
                                                           spool);
                });
}

WebhookReply RingCentralWebhook::handle(const WebhookRequest &request) const
{
    return WebhookPipeline(m_database).settle(process(request));
}

} // namespace Sb::Ingest
