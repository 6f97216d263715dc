#include "ringcentralwebhook.h"

#include <core/ingest/sharedsecret.h>
#include <core/ingest/webhookpipeline.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Providers::RingCentral {

using namespace Sb::Ingest;

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
    return shared().verify(request, *event, *route);
}

Handled RingCentralWebhook::process(const WebhookRequest &request) const
{
    const WebhookReply acknowledgement{200, QByteArrayLiteral("application/json"), {}};
    return shared().process(judge(request), request, acknowledgement);
}

SharedSecretWebhook RingCentralWebhook::shared() const
{
    return SharedSecretWebhook(m_database,
                               m_sealer,
                               m_cache,
                               m_spool,
                               {QStringLiteral("ringcentral"),
                                path(),
                                QStringLiteral("ringcentral-webhook"),
                                QStringLiteral("verification-token"),
                                tr("RingCentral verification token")});
}

} // namespace Sb::Providers::RingCentral
