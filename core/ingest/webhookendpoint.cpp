#include "webhookendpoint.h"

#include "sharedsecret.h"
#include "webhookpipeline.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Ingest {

std::optional<WebhookReply> WebhookEndpoint::answerAtOnce(const QHttpServerRequest &) const
{
    return std::nullopt;
}

std::optional<PendingCommit> WebhookEndpoint::acceptFromMemory(const WebhookServices &,
                                                               const WebhookRequest &) const
{
    return std::nullopt;
}

WebhookReply WebhookEndpoint::handle(const WebhookServices &services,
                                     const WebhookRequest &request) const
{
    return WebhookPipeline(services.database).settle(process(services, request));
}

QByteArray WebhookEndpoint::keptHeaders(const QHttpServerRequest &request,
                                        const QByteArrayList &credentialHeaders,
                                        const QByteArray &proof)
{
    QJsonObject headers;
    if (!proof.isEmpty())
        headers.insert(QLatin1String(SharedSecret::kProofHeader), QString::fromLatin1(proof));
    for (const auto &[name, value] : request.headers()) {
        const QByteArray lower = name.toLower();
        if (lower == "authorization" || lower == "cookie" || lower == "proxy-authorization"
            || credentialHeaders.contains(lower))
            continue;
        headers.insert(QString::fromLatin1(lower), QString::fromLatin1(value));
    }
    return QJsonDocument(headers).toJson(QJsonDocument::Compact);
}

WebhookRequest WebhookEndpoint::fromKept(const QString &publicUrl,
                                         const QByteArray &body,
                                         const QByteArray &headersJson) const
{
    const QJsonObject headers = QJsonDocument::fromJson(headersJson).object();
    WebhookRequest request;
    request.publicUrl = publicUrl;
    request.body = body;
    request.secretProof =
        headers.value(QLatin1String(SharedSecret::kProofHeader)).toString().toLatin1();
    request.headersJson = headersJson;
    request.remoteAddress = QStringLiteral("replay");
    return request;
}

QString
WebhookEndpoint::jsonKey(const QString &provider, const QByteArray &body, const QStringList &path)
{
    QJsonValue value = QJsonDocument::fromJson(body).object();
    for (const QString &step : path)
        value = value.toObject().value(step);
    return provider + u':' + value.toVariant().toString();
}

std::shared_ptr<const WebhookEndpoint> endpointFor(const WebhookEndpoints &endpoints,
                                                   const QString &path)
{
    for (const auto &endpoint : endpoints) {
        if (endpoint->path() == path)
            return endpoint;
    }
    return nullptr;
}

} // namespace Sb::Ingest
