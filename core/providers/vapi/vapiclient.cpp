#include "vapiclient.h"

#include <core/net/httpclient.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace Sb::Providers::Vapi {

using Net::HttpResult;

namespace {
VapiCall callFrom(const QJsonObject &json)
{
    return {json.value(u"id").toString(),
            json.value(u"status").toString(),
            json.value(u"type").toString(),
            json.value(u"assistantId").toString(),
            json.value(u"customer").toObject().value(u"number").toString(),
            json.value(u"endedReason").toString()};
}

// VAPI lists are bare JSON arrays.
template<typename T, typename Convert>
auto onArray(VapiClient::Done<QList<T>> done, Convert convert)
{
    return Net::onResponse<QList<T>>(
        std::move(done), [convert = std::move(convert)](const Net::HttpResponse &response) {
            QList<T> items;
            for (const QJsonValue &item : QJsonDocument::fromJson(response.body).array())
                items.append(convert(item.toObject()));
            return items;
        });
}

auto onCall(VapiClient::Done<VapiCall> done)
{
    return Net::onResponse<VapiCall>(std::move(done), [](const Net::HttpResponse &response) {
        return callFrom(response.json());
    });
}
} // namespace

VapiClient::VapiClient(
    Net::HttpClient &http, qint64 tenantId, Secret privateKey, QUrl apiBase, const QObject *context)
    : m_http(http)
    , m_context(context)
    , m_tenantId(tenantId)
    , m_privateKey(std::move(privateKey))
    , m_apiBase(std::move(apiBase))
{}

Net::HttpRequest VapiClient::request(const QByteArray &method, const QString &path) const
{
    Net::HttpRequest request;
    // One organisation per tenant: its quota and its circuit are the tenant's own.
    request.key = {m_tenantId, QStringLiteral("vapi"), {}};
    request.method = method;
    request.url = m_apiBase.resolved(QUrl(path));
    request.setHeader("Authorization", "Bearer " + m_privateKey.reveal());
    return request;
}

void VapiClient::listAssistants(Done<QList<Assistant>> done) const
{
    m_http.send(request("GET", QStringLiteral("/assistant?limit=100")),
                m_context,
                onArray<Assistant>(std::move(done), [](const QJsonObject &json) {
                    return Assistant{json.value(u"id").toString(), json.value(u"name").toString()};
                }));
}

void VapiClient::listPhoneNumbers(Done<QList<VapiNumber>> done) const
{
    m_http.send(request("GET", QStringLiteral("/phone-number?limit=100")),
                m_context,
                onArray<VapiNumber>(std::move(done), [](const QJsonObject &json) {
                    return VapiNumber{json.value(u"id").toString(),
                                      json.value(u"number").toString(),
                                      json.value(u"assistantId").toString(),
                                      json.value(u"name").toString()};
                }));
}

void VapiClient::createCall(const CallRequest &call, Done<VapiCall> done) const
{
    // The tenant goes in both places VAPI may keep it (providers.md §2.1): the ingest server
    // routes by our own call record and only cross-checks this.
    const QJsonObject metadata{{QStringLiteral("tenantId"), QString::number(call.tenantId)}};
    QJsonObject overrides{{QStringLiteral("metadata"), metadata}};
    if (!call.variableValues.isEmpty())
        overrides.insert(QStringLiteral("variableValues"), call.variableValues);
    auto post = request("POST", QStringLiteral("/call"));
    post.setJson(QJsonObject{
        {QStringLiteral("assistantId"), call.assistantId},
        {QStringLiteral("phoneNumberId"), call.phoneNumberId},
        {QStringLiteral("customer"), QJsonObject{{QStringLiteral("number"), call.customerE164}}},
        {QStringLiteral("assistantOverrides"), overrides},
        {QStringLiteral("metadata"), metadata}});
    m_http.send(post, m_context, onCall(std::move(done)));
}

void VapiClient::fetchCall(const QString &id, Done<VapiCall> done) const
{
    m_http.send(
        request("GET", QStringLiteral("/call/") + QString::fromLatin1(QUrl::toPercentEncoding(id))),
        m_context,
        onCall(std::move(done)));
}

} // namespace Sb::Providers::Vapi
