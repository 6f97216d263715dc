#include "vapiwebhook.h"

#include "routecache.h"
#include "sharedsecret.h"
#include "webhookpipeline.h"

#include <core/vault/sealedsecretstore.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Ingest {

namespace {
QString metadataTenant(const QJsonObject &call)
{
    const QString direct =
        call.value(u"metadata").toObject().value(u"tenantId").toVariant().toString();
    if (!direct.isEmpty())
        return direct;
    return call.value(u"assistantOverrides")
        .toObject()
        .value(u"metadata")
        .toObject()
        .value(u"tenantId")
        .toVariant()
        .toString();
}
} // namespace

VapiWebhook::VapiWebhook(Store::Database &database,
                         const Vault::Sealer &sealer,
                         RouteCache *cache,
                         Spool *spool)
    : m_database(database)
    , m_sealer(sealer)
    , m_cache(cache)
    , m_spool(spool)
{}

Result<IngestEvent> VapiWebhook::parse(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject message = document.object().value(u"message").toObject();
    const QString type = message.value(u"type").toString();
    if (parseError.error != QJsonParseError::NoError || !document.isObject() || type.isEmpty()) {
        return Error{ErrorCode::InvalidArgument,
                     tr("Not a VAPI server message: %1")
                         .arg(parseError.error != QJsonParseError::NoError
                                  ? parseError.errorString()
                                  : tr("no message type"))};
    }
    const QJsonObject call = message.value(u"call").toObject();
    const QString callId = call.value(u"id").toString();
    if (callId.isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("The VAPI message names no call")};
    IngestEvent event;
    event.provider = QStringLiteral("vapi");
    event.eventType = QStringLiteral("vapi.") + type;
    event.endpoint = path();
    event.rawBody = body;
    event.accountSid = callId; // VAPI's routing key: the call
    event.to = message.value(u"phoneNumber").toObject().value(u"number").toString();
    event.from = message.value(u"customer").toObject().value(u"number").toString();
    if (event.from.isEmpty())
        event.from = call.value(u"customer").toObject().value(u"number").toString();
    QString key = QStringLiteral("vapi:%1:%2").arg(callId, type);
    if (type == u"status-update")
        key += u':' + message.value(u"status").toString();
    else if (type != u"end-of-call-report")
        key += u':' + message.value(u"timestamp").toVariant().toString();
    event.eventKey = key;
    return event;
}

Verdict VapiWebhook::judge(const WebhookRequest &request) const
{
    using Kind = Verdict::Kind;
    auto event = parse(request.body);
    if (!event)
        return {Kind::Malformed, event.error().message, {}, {}};
    event->headersJson = request.headersJson;
    auto route = TenantResolver(m_database).routeVapi(event->accountSid, event->to);
    if (!route) {
        const Kind kind =
            route.error().code == ErrorCode::UnknownTenant ? Kind::Unroutable : Kind::Unavailable;
        return {kind, route.error().message, event.value(), {}};
    }
    const QJsonObject call = QJsonDocument::fromJson(request.body)
                                 .object()
                                 .value(u"message")
                                 .toObject()
                                 .value(u"call")
                                 .toObject();
    const QString claimed = metadataTenant(call);
    if (!claimed.isEmpty() && claimed != QString::number(route->tenant.tenantId().value())) {
        return {Kind::Unroutable,
                tr("The call's metadata names tenant %1 but the call belongs to tenant %2")
                    .arg(claimed)
                    .arg(route->tenant.tenantId().value()),
                event.value(),
                {}};
    }
    auto secret = Vault::SealedSecretStore(m_database, m_sealer)
                      .get(route->tenant, QStringLiteral("vapi-server"), QStringLiteral("secret"));
    if (!secret) {
        const Kind kind = secret.error().code == ErrorCode::DatabaseUnavailable
            ? Kind::Unavailable
            : Kind::Unverifiable;
        return {kind, tr("Cannot verify: %1").arg(secret.error().message), event.value(), *route};
    }
    if (!SharedSecret::matches(request, *secret)) {
        return {Kind::BadSignature,
                tr("%1 VAPI secret (from %2)")
                    .arg(SharedSecret::isPresented(request) ? tr("wrong") : tr("missing"),
                         request.remoteAddress),
                event.value(),
                *route};
    }
    if (m_cache)
        m_cache->rememberSecret(QStringLiteral("vapi"), route->tenant.tenantId(), *secret);
    return {Kind::Accepted, {}, event.value(), *route, *secret, {}, {}};
}

Handled VapiWebhook::process(const WebhookRequest &request) const
{
    const Verdict verdict = judge(request);
    const QuarantinedEvent kept{QStringLiteral("vapi"),
                                path(),
                                request.publicUrl,
                                verdict.reason,
                                request.headersJson,
                                request.body};
    // Only assistant-request and tool-calls read the reply; the rest expect 200 {}.
    const WebhookReply acknowledgement{
        200, QByteArrayLiteral("application/json"), QByteArrayLiteral("{}")};
    return WebhookPipeline(m_database)
        .decide(
            verdict,
            kept,
            acknowledgement,
            [cache = m_cache, spool = m_spool, request, acknowledgement](const QString &why) {
                return SharedSecret::spoolIfVouchedFor(
                    QStringLiteral("vapi"), path(), request, acknowledgement, why, cache, spool);
            });
}

WebhookReply VapiWebhook::handle(const WebhookRequest &request) const
{
    return WebhookPipeline(m_database).settle(process(request));
}

} // namespace Sb::Ingest
