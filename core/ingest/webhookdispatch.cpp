#include "webhookdispatch.h"

#include "webhookpipeline.h"

namespace Sb::Ingest {

WebhookDispatch::WebhookDispatch(const WebhookEndpoints &endpoints, WebhookServices services)
    : m_endpoints(endpoints)
    , m_services(services)
{}

Result<Verdict> WebhookDispatch::judge(const QString &path, const WebhookRequest &request) const
{
    if (const auto endpoint = endpointFor(m_endpoints, path))
        return endpoint->judge(m_services, request);
    return noEndpoint(path);
}

WebhookReply WebhookDispatch::handle(const QString &path, const WebhookRequest &request) const
{
    if (const auto endpoint = endpointFor(m_endpoints, path))
        return endpoint->handle(m_services, request);
    return WebhookPipeline::plain(404, noEndpoint(path).message.toUtf8());
}

Result<WebhookRequest> WebhookDispatch::fromKept(const QString &path,
                                                 const QString &publicUrl,
                                                 const QByteArray &body,
                                                 const QByteArray &headersJson) const
{
    if (const auto endpoint = endpointFor(m_endpoints, path))
        return endpoint->fromKept(publicUrl, body, headersJson);
    return noEndpoint(path);
}

Error WebhookDispatch::noEndpoint(const QString &path) const
{
    return Error{ErrorCode::Unsupported, tr("No webhook is served at %1").arg(path)};
}

} // namespace Sb::Ingest
