#pragma once

#include <core/crypto/secret.h>
#include <core/net/httptypes.h>

#include <QJsonObject>

#include <functional>

namespace Sb::Net {
class HttpClient;
}

namespace Sb::Providers::Vapi {

struct Assistant
{
    QString id;
    QString name;
};

struct VapiNumber
{
    QString id; // VAPI's phoneNumberId
    QString e164;
    QString assistantId; // the assistant that answers it, if any
    QString name;
};

struct CallRequest
{
    QString assistantId;
    QString phoneNumberId; // the assistant number the call is made from
    QString customerE164;
    qint64 tenantId = 0; // metadata, only ever cross-checked by the ingest server
    QJsonObject variableValues; // filled into the assistant's prompt
};

struct VapiCall
{
    QString id;
    QString status; // scheduled, queued, ringing, in-progress, forwarding, ended
    QString type; // outboundPhoneCall, inboundPhoneCall, webCall
    QString assistantId;
    QString customerE164;
    QString endedReason;
};

// VAPI's REST API over the HTTP core, as one tenant's organisation (its private key):
// assistants, phone numbers, outbound calls. Asynchronous: done runs on the HttpClient's thread.
class VapiClient final
{
public:
    template<typename T>
    using Done = std::function<void(Result<T, Net::ProviderError>)>;

    // context: as for TwilioClient, whose callbacks these are; null: the HttpClient's lifetime.
    VapiClient(Net::HttpClient &http,
               qint64 tenantId,
               Secret privateKey,
               QUrl apiBase = QUrl(QStringLiteral("https://api.vapi.ai")),
               const QObject *context = nullptr);

    void listAssistants(Done<QList<Assistant>> done) const;
    void listPhoneNumbers(Done<QList<VapiNumber>> done) const;
    // Never retried on a network error or 5xx: a second POST could ring the patient twice.
    void createCall(const CallRequest &call, Done<VapiCall> done) const;
    void fetchCall(const QString &id, Done<VapiCall> done) const;

private:
    Net::HttpRequest request(const QByteArray &method, const QString &path) const;

    Net::HttpClient &m_http;
    const QObject *m_context;
    qint64 m_tenantId;
    Secret m_privateKey;
    QUrl m_apiBase;
};

} // namespace Sb::Providers::Vapi
