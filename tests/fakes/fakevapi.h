#pragma once

#include "loopbackendpoint.h"

#include <QHttpServer>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

#include <functional>

class QHttpServerRequest;
class QHttpServerResponder;

namespace Sb::Fakes {

// A loopback VAPI (../shared/providers.md §2) with several organisations: Bearer private keys
// (a public key or anything else gets VAPI's 401 body), assistants and phone numbers per
// organisation, POST /call → 201 queued echoing metadata, then server messages (status-update,
// end-of-call-report) posted to the organisation's server URL with its X-Vapi-Secret, no
// retries. Errors in VAPI's shape; 429 and 5xx on demand. Records what it was sent.
class FakeVapi final
{
public:
    struct Org
    {
        QString id;
        QString privateKey;
        QString publicKey;
        QString serverUrl; // as configured in VAPI: the public URL of our /vapi
        QString serverSecret;
    };
    struct Seen
    {
        QString method;
        QString path;
        QString orgId; // empty if refused
    };
    struct Delivery
    {
        QString callId;
        QString type;
        int httpStatus = 0;
    };

    explicit FakeVapi(Transport transport = Transport::Http);
    QString baseUrl() const { return m_endpoint.baseUrl(); }
    QSslCertificate certificate() const { return m_endpoint.certificate; } // null over HTTP

    Org addOrg(const QString &serverUrl, const QString &serverSecret);
    QString addAssistant(const QString &orgId, const QString &name);
    QString addNumber(const QString &orgId, const QString &e164, const QString &assistantId);
    // Server messages go to this address (path and query from the server URL kept).
    void sendMessagesTo(const QUrl &localBase) { m_messageTarget = localBase; }
    // The call ends: status-update "ended", then the end-of-call-report with a recording,
    // a transcript and a summary.
    void endCall(const QString &callId, const QString &summary);
    // Every call created from now on ends by itself this long after it was created (by hand).
    void endCallsAfter(int milliseconds) { m_endAfterMs = milliseconds; }
    // The next `count` requests of this organisation (empty: any) get `status` (429 with
    // Retry-After: retryAfter seconds, or a 5xx).
    void failNext(int count, int status, const QString &orgId = {}, int retryAfter = 1);

    QList<QJsonObject> createdCalls() const { return m_callRequests; }
    QJsonObject call(const QString &id) const { return m_calls.value(id); }
    const QList<Seen> &seen() const { return m_seen; }
    const QList<Delivery> &deliveries() const { return m_deliveries; }

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    QString orgOf(const QHttpServerRequest &request) const;
    void deliver(const QString &orgId, QList<QJsonObject> messages);
    QString newId();

    QHttpServer m_server;
    LoopbackEndpoint m_endpoint;
    QMap<QString, Org> m_orgs;
    QMap<QString, QJsonObject> m_assistants; // by id; "orgId" inside
    QMap<QString, QJsonObject> m_numbers;
    QMap<QString, QJsonObject> m_calls;
    QMap<QString, QString> m_callOrg;
    QList<QJsonObject> m_callRequests;
    QList<Seen> m_seen;
    QList<Delivery> m_deliveries;
    QUrl m_messageTarget;
    int m_endAfterMs = -1;
    int m_failing = 0;
    int m_failStatus = 0;
    int m_retryAfter = 1;
    QString m_failingOrg;
    quint64 m_nextId = 1;
    QNetworkAccessManager m_network;
};

} // namespace Sb::Fakes
