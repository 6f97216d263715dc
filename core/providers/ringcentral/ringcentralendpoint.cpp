#include "ringcentralendpoint.h"

#include "ringcentralwebhook.h"

#include <core/ingest/sharedsecret.h>

#include <QHttpServerRequest>

namespace Sb::Providers::RingCentral {

using namespace Sb::Ingest;

QString RingCentralWebhookEndpoint::path() const
{
    return RingCentralWebhook::path();
}

WebhookRequest RingCentralWebhookEndpoint::read(const QHttpServerRequest &request,
                                                const QString &publicUrl) const
{
    return SharedSecret::requestOf(request,
                                   publicUrl,
                                   request.value(QByteArrayLiteral("Verification-Token")),
                                   {QByteArrayLiteral("verification-token")});
}

std::optional<WebhookReply>
RingCentralWebhookEndpoint::answerAtOnce(const QHttpServerRequest &request) const
{
    // The subscription handshake: echo the token at once, store nothing (RingCentral gives 3 s).
    const QByteArray validation = request.value(QByteArrayLiteral("Validation-Token"));
    if (validation.isEmpty())
        return std::nullopt;
    WebhookReply reply{200, QByteArrayLiteral("application/json"), {}};
    reply.headers.append({QByteArrayLiteral("Validation-Token"), validation});
    return reply;
}

QString RingCentralWebhookEndpoint::fairnessKey(const QByteArray &body) const
{
    return jsonKey(QStringLiteral("ringcentral"), body, {QStringLiteral("ownerId")});
}

Verdict RingCentralWebhookEndpoint::judge(const WebhookServices &services,
                                          const WebhookRequest &request) const
{
    return RingCentralWebhook(services.database, services.sealer, services.cache, services.spool)
        .judge(request);
}

Handled RingCentralWebhookEndpoint::process(const WebhookServices &services,
                                            const WebhookRequest &request) const
{
    return RingCentralWebhook(services.database, services.sealer, services.cache, services.spool)
        .process(request);
}

} // namespace Sb::Providers::RingCentral
