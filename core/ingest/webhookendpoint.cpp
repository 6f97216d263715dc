#include "webhookendpoint.h"

#include "sharedsecret.h"
#include "webhookpipeline.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <vector>

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

namespace {
// A JSON string as QJsonDocument writes one: '"', '\\' and control characters escaped, the rest
// UTF-8 (header bytes are Latin-1, as Qt reads them). Written here because a QJsonObject built
// and serialised per request was a fifth of the server thread's instructions per event
// (callgrind, docs/benchmarks.md session 19); tst_keptheaders compares the two.
void appendJsonString(QByteArray &out, QByteArrayView latin1)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    const char *plain = latin1.data(); // the start of a run that needs no escaping
    const char *const end = latin1.data() + latin1.size();
    for (const char *at = plain; at != end; ++at) {
        const uchar u = uchar(*at);
        if (u >= 0x20 && u < 0x80 && u != '"' && u != '\\')
            continue;
        out.append(plain, at - plain);
        plain = at + 1;
        switch (u) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20) {
                const char escaped[] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 0xf]};
                out.append(escaped, sizeof escaped);
            } else { // Latin-1 above ASCII: two bytes of UTF-8
                const char encoded[] = {char(0xc0 | (u >> 6)), char(0x80 | (u & 0x3f))};
                out.append(encoded, sizeof encoded);
            }
        }
    }
    out.append(plain, end - plain);
    out += '"';
}
} // namespace

QByteArray WebhookEndpoint::keptHeaders(const QHttpServerRequest &request,
                                        const QByteArrayList &credentialHeaders,
                                        const QByteArray &proof)
{
    return keptHeaders(request.headers(), credentialHeaders, proof);
}

QByteArray WebhookEndpoint::keptHeaders(const QList<std::pair<QByteArray, QByteArray>> &headers,
                                        const QByteArrayList &credentialHeaders,
                                        const QByteArray &proof)
{
    const QByteArrayView proofName(SharedSecret::kProofHeader);
    std::vector<std::pair<QByteArray, QByteArrayView>> kept; // (lower-case name, value)
    kept.reserve(std::size_t(headers.size()) + 1);
    if (!proof.isEmpty())
        kept.emplace_back(QByteArray(proofName.data(), proofName.size()), proof);
    for (const auto &[name, value] : headers) {
        const QByteArray lower = name.toLower();
        if (lower == "authorization" || lower == "cookie" || lower == "proxy-authorization"
            || lower == proofName || credentialHeaders.contains(lower))
            continue;
        kept.emplace_back(lower, value);
    }
    // Sorted by name, a later value of a name in place of an earlier one (as QJsonObject keeps
    // them); the server's proof comes first, and no header can replace it.
    std::stable_sort(kept.begin(), kept.end(), [](const auto &a, const auto &b) {
        return a.first < b.first;
    });
    QByteArray json;
    json.reserve(256);
    json += '{';
    for (std::size_t i = 0; i < kept.size(); ++i) {
        if (i + 1 < kept.size() && kept[i + 1].first == kept[i].first)
            continue; // the last of a repeated name wins
        if (json.size() > 1)
            json += ',';
        appendJsonString(json, kept[i].first);
        json += ':';
        appendJsonString(json, kept[i].second);
    }
    json += '}';
    return json;
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
