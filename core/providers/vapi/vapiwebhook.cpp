#include "vapiwebhook.h"

#include "vapicallreport.h"
#include <core/ingest/sharedsecret.h>
#include <core/ingest/webhookpipeline.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Providers::Vapi {

using namespace Sb::Ingest;

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
    if (type == u"end-of-call-report")
        event.change = VapiCallReport::reportOf(message, event.from, event.to);
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
    Verdict verdict = shared().verify(request, *event, *route);
    // The tenant comes from our routing, never from the payload: a payload that claims another
    // tenant is kept for an administrator, as verified when the secret matched.
    const QString claimed = metadataTenant(call);
    if (verdict.kind == Kind::Accepted && !claimed.isEmpty()
        && claimed != QString::number(route->tenant.tenantId().value())) {
        Verdict unroutable{Kind::Unroutable,
                           tr("The call's metadata names tenant %1 but the call belongs to"
                              " tenant %2")
                               .arg(claimed)
                               .arg(route->tenant.tenantId().value()),
                           event.value(),
                           {}};
        unroutable.isVerified = true;
        return unroutable;
    }
    return verdict;
}

Handled VapiWebhook::process(const WebhookRequest &request) const
{
    // Only assistant-request and tool-calls read the reply; the rest expect 200 {}.
    const WebhookReply acknowledgement{
        200, QByteArrayLiteral("application/json"), QByteArrayLiteral("{}")};
    return shared().process(judge(request), request, acknowledgement);
}

SharedSecretWebhook VapiWebhook::shared() const
{
    return SharedSecretWebhook(m_database,
                               m_sealer,
                               m_cache,
                               m_spool,
                               {QStringLiteral("vapi"),
                                path(),
                                QStringLiteral("vapi-server"),
                                QStringLiteral("secret"),
                                tr("VAPI secret")});
}

} // namespace Sb::Providers::Vapi
