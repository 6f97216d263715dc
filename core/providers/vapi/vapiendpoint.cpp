#include "vapiendpoint.h"

#include "vapiwebhook.h"

#include <core/ingest/sharedsecret.h>

#include <QHttpServerRequest>

namespace Sb::Providers::Vapi {

using namespace Sb::Ingest;

QString VapiWebhookEndpoint::path() const
{
    return VapiWebhook::path();
}

WebhookRequest VapiWebhookEndpoint::read(const QHttpServerRequest &request,
                                         const QString &publicUrl) const
{
    QByteArray secret = request.value(QByteArrayLiteral("X-Vapi-Secret"));
    const QByteArray authorization = request.value(QByteArrayLiteral("Authorization"));
    if (secret.isEmpty() && authorization.startsWith("Bearer "))
        secret = authorization.mid(7);
    return SharedSecret::requestOf(
        request, publicUrl, secret, {QByteArrayLiteral("x-vapi-secret")});
}

QString VapiWebhookEndpoint::fairnessKey(const QByteArray &body) const
{
    return jsonKey(
        QStringLiteral("vapi"),
        body,
        {QStringLiteral("message"), QStringLiteral("phoneNumber"), QStringLiteral("number")});
}

Verdict VapiWebhookEndpoint::judge(const WebhookServices &services,
                                   const WebhookRequest &request) const
{
    return VapiWebhook(services.database, services.sealer, services.cache, services.spool)
        .judge(request);
}

Handled VapiWebhookEndpoint::process(const WebhookServices &services,
                                     const WebhookRequest &request) const
{
    return VapiWebhook(services.database, services.sealer, services.cache, services.spool)
        .process(request);
}

} // namespace Sb::Providers::Vapi
