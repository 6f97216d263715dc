#include "webhookdispatch.h"

#include "ringcentralwebhook.h"
#include "sharedsecret.h"
#include "twilioeventparser.h"
#include "twiliowebhook.h"
#include "vapiwebhook.h"
#include "webhookpipeline.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Ingest {

WebhookDispatch::WebhookDispatch(Store::Database &database,
                                 const Vault::Sealer &sealer,
                                 RouteCache *cache)
    : m_database(database)
    , m_sealer(sealer)
    , m_cache(cache)
{}

Result<Verdict> WebhookDispatch::judge(const QString &path, const WebhookRequest &request) const
{
    if (const auto endpoint = TwilioEventParser::endpointFor(path))
        return TwilioWebhook(m_database, m_sealer, m_cache).judge(*endpoint, request);
    if (path == VapiWebhook::path())
        return VapiWebhook(m_database, m_sealer, m_cache).judge(request);
    if (path == RingCentralWebhook::path())
        return RingCentralWebhook(m_database, m_sealer, m_cache).judge(request);
    return Error{ErrorCode::Unsupported, tr("No webhook is served at %1").arg(path)};
}

WebhookReply WebhookDispatch::handle(const QString &path, const WebhookRequest &request) const
{
    if (const auto endpoint = TwilioEventParser::endpointFor(path))
        return TwilioWebhook(m_database, m_sealer, m_cache).handle(*endpoint, request);
    if (path == VapiWebhook::path())
        return VapiWebhook(m_database, m_sealer, m_cache).handle(request);
    if (path == RingCentralWebhook::path())
        return RingCentralWebhook(m_database, m_sealer, m_cache).handle(request);
    return WebhookPipeline::plain(404, tr("No webhook is served at %1").arg(path).toUtf8());
}

WebhookRequest WebhookDispatch::fromKept(const QString &publicUrl,
                                         const QByteArray &body,
                                         const QByteArray &headersJson)
{
    const QJsonObject headers = QJsonDocument::fromJson(headersJson).object();
    WebhookRequest request;
    request.publicUrl = publicUrl;
    request.body = body;
    request.signature = headers.value(u"x-twilio-signature").toString().toLatin1();
    request.secretProof =
        headers.value(QLatin1String(SharedSecret::kProofHeader)).toString().toLatin1();
    request.headersJson = headersJson;
    request.remoteAddress = QStringLiteral("replay");
    return request;
}

} // namespace Sb::Ingest
