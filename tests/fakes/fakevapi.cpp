#include "fakevapi.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

namespace Sb::Fakes {

namespace {
using StatusCode = QHttpServerResponder::StatusCode;

void reply(QHttpServerResponder &responder, const QJsonValue &body, int status)
{
    responder.write(body.isArray() ? QJsonDocument(body.toArray()) : QJsonDocument(body.toObject()),
                    StatusCode(status));
}

QJsonObject vapiError(const QJsonValue &message, const QString &error, int status)
{
    return {{QStringLiteral("message"), message},
            {QStringLiteral("error"), error},
            {QStringLiteral("statusCode"), status}};
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}
} // namespace

FakeVapi::FakeVapi(Transport transport)
{
    m_server.setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(request, std::move(responder));
        });
    m_endpoint = listenOnLoopback(m_server, transport);
}

QString FakeVapi::newId()
{
    // UUID-shaped and predictable, so failures are easy to read.
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(m_nextId++, 12, 16, QLatin1Char('0'));
}

FakeVapi::Org FakeVapi::addOrg(const QString &serverUrl, const QString &serverSecret)
{
    Org org{newId(), newId(), newId(), serverUrl, serverSecret};
    m_orgs.insert(org.id, org);
    return org;
}

QString FakeVapi::addAssistant(const QString &orgId, const QString &name)
{
    const QString id = newId();
    m_assistants.insert(id,
                        {{QStringLiteral("id"), id},
                         {QStringLiteral("orgId"), orgId},
                         {QStringLiteral("name"), name},
                         {QStringLiteral("createdAt"), isoNow()}});
    return id;
}

QString FakeVapi::addNumber(const QString &orgId, const QString &e164, const QString &assistantId)
{
    const QString id = newId();
    m_numbers.insert(id,
                     {{QStringLiteral("id"), id},
                      {QStringLiteral("orgId"), orgId},
                      {QStringLiteral("number"), e164},
                      {QStringLiteral("provider"), QStringLiteral("twilio")},
                      {QStringLiteral("assistantId"), assistantId},
                      {QStringLiteral("name"), QStringLiteral("Assistant line")},
                      {QStringLiteral("status"), QStringLiteral("active")}});
    return id;
}

void FakeVapi::failNext(int count, int status, const QString &orgId, int retryAfter)
{
    m_failing = count;
    m_failStatus = status;
    m_failingOrg = orgId;
    m_retryAfter = retryAfter;
}

QString FakeVapi::orgOf(const QHttpServerRequest &request) const
{
    const QByteArray header = request.value("Authorization");
    if (!header.startsWith("Bearer "))
        return {};
    const QString key = QString::fromLatin1(header.mid(7));
    for (const Org &org : m_orgs) {
        if (org.privateKey == key)
            return org.id;
    }
    return {}; // a public key lands here too: VAPI refuses it with the same 401
}

void FakeVapi::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const bool isPost = request.method() == QHttpServerRequest::Method::Post;
    const QString path = request.url().path();
    const QString org = orgOf(request);
    m_seen.append({isPost ? QStringLiteral("POST") : QStringLiteral("GET"), path, org});
    if (m_failing > 0 && (m_failingOrg.isEmpty() || m_failingOrg == org)) {
        --m_failing;
        if (m_failStatus == 429) {
            responder.write(QJsonDocument(vapiError(QStringLiteral("Too Many Requests"),
                                                    QStringLiteral("Too Many Requests"),
                                                    429)),
                            {{"Retry-After", QByteArray::number(m_retryAfter)}},
                            StatusCode::TooManyRequests);
        } else {
            reply(responder,
                  vapiError(QStringLiteral("Service Unavailable"),
                            QStringLiteral("Service Unavailable"),
                            m_failStatus),
                  m_failStatus);
        }
        return;
    }
    if (org.isEmpty()) {
        reply(responder,
              vapiError(QStringLiteral("Invalid Key. Hot tip, you may be using the private key "
                                       "instead of the public key, or vice versa."),
                        QStringLiteral("Unauthorized"),
                        401),
              401);
        return;
    }
    const auto listOf = [&org](const QMap<QString, QJsonObject> &items) {
        QJsonArray list;
        for (QJsonObject item : items) {
            if (item.value(u"orgId").toString() == org)
                list.append(item);
        }
        return list;
    };
    if (path == u"/assistant" && !isPost) {
        reply(responder, listOf(m_assistants), 200);
        return;
    }
    if (path == u"/phone-number" && !isPost) {
        reply(responder, listOf(m_numbers), 200);
        return;
    }
    if (path.startsWith(u"/call/") && !isPost) {
        const QString id = path.mid(6);
        if (m_callOrg.value(id) != org) {
            reply(responder,
                  vapiError(QStringLiteral("Call not found"), QStringLiteral("Not Found"), 404),
                  404);
            return;
        }
        reply(responder, m_calls.value(id), 200);
        return;
    }
    if (path == u"/call" && isPost) {
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const QJsonObject number = m_numbers.value(body.value(u"phoneNumberId").toString());
        if (number.value(u"orgId").toString() != org) {
            reply(responder,
                  vapiError(QStringLiteral("Couldn't Get Phone Number. Need Either "
                                           "`phoneNumberId` Or `phoneNumber`."),
                            QStringLiteral("Bad Request"),
                            400),
                  400);
            return;
        }
        const QString customer = body.value(u"customer").toObject().value(u"number").toString();
        if (!customer.startsWith(u'+')) {
            reply(responder,
                  vapiError(QJsonArray{QStringLiteral("customer.number must be a valid phone "
                                                      "number in the E.164 format.")},
                            QStringLiteral("Bad Request"),
                            400),
                  400);
            return;
        }
        m_callRequests.append(body);
        const QString id = newId();
        QJsonObject call{{QStringLiteral("id"), id},
                         {QStringLiteral("orgId"), org},
                         {QStringLiteral("type"), QStringLiteral("outboundPhoneCall")},
                         {QStringLiteral("status"), QStringLiteral("queued")},
                         {QStringLiteral("assistantId"), body.value(u"assistantId")},
                         {QStringLiteral("phoneNumberId"), body.value(u"phoneNumberId")},
                         {QStringLiteral("customer"), body.value(u"customer")},
                         {QStringLiteral("createdAt"), isoNow()},
                         {QStringLiteral("updatedAt"), isoNow()}};
        if (body.contains(u"metadata"))
            call.insert(QStringLiteral("metadata"), body.value(u"metadata"));
        m_calls.insert(id, call);
        m_callOrg.insert(id, org);
        reply(responder, call, 201);
        const QJsonObject ringing{{QStringLiteral("type"), QStringLiteral("status-update")},
                                  {QStringLiteral("status"), QStringLiteral("ringing")},
                                  {QStringLiteral("call"), call}};
        QTimer::singleShot(20, &m_network, [this, org, ringing] { deliver(org, {ringing}); });
        if (m_endAfterMs >= 0) {
            QTimer::singleShot(m_endAfterMs, &m_network, [this, id] {
                endCall(id, QStringLiteral("Booked a cleaning for Tuesday."));
            });
        }
        return;
    }
    reply(responder,
          vapiError(QStringLiteral("Cannot %1 %2").arg(isPost ? u"POST" : u"GET", path),
                    QStringLiteral("Not Found"),
                    404),
          404);
}

void FakeVapi::endCall(const QString &callId, const QString &summary)
{
    QJsonObject &call = m_calls[callId];
    const QString started = call.value(u"createdAt").toString();
    call.insert(QStringLiteral("status"), QStringLiteral("ended"));
    call.insert(QStringLiteral("endedReason"), QStringLiteral("customer-ended-call"));
    call.insert(QStringLiteral("startedAt"), started);
    call.insert(QStringLiteral("endedAt"), isoNow());
    const QJsonObject ended{{QStringLiteral("type"), QStringLiteral("status-update")},
                            {QStringLiteral("status"), QStringLiteral("ended")},
                            {QStringLiteral("endedReason"), QStringLiteral("customer-ended-call")}};
    const QJsonObject report{
        {QStringLiteral("type"), QStringLiteral("end-of-call-report")},
        {QStringLiteral("endedReason"), QStringLiteral("customer-ended-call")},
        {QStringLiteral("startedAt"), started},
        {QStringLiteral("endedAt"), isoNow()},
        {QStringLiteral("cost"), 0.0875},
        {QStringLiteral("analysis"), QJsonObject{{QStringLiteral("summary"), summary}}},
        {QStringLiteral("artifact"),
         QJsonObject{
             {QStringLiteral("recordingUrl"),
              QStringLiteral("https://storage.vapi.ai/%1-mono.wav").arg(callId)},
             {QStringLiteral("stereoRecordingUrl"),
              QStringLiteral("https://storage.vapi.ai/%1-stereo.wav").arg(callId)},
             {QStringLiteral("transcript"),
              QStringLiteral("AI: Hi, this is the clinic returning your call.\nUser: Thanks, "
                             "Tuesday works.")},
             {QStringLiteral("messages"),
              QJsonArray{
                  QJsonObject{{QStringLiteral("role"), QStringLiteral("bot")},
                              {QStringLiteral("message"),
                               QStringLiteral("Hi, this is the clinic returning your call.")},
                              {QStringLiteral("time"), 1735732801500.0},
                              {QStringLiteral("secondsFromStart"), 0.5}},
                  QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                              {QStringLiteral("message"), QStringLiteral("Thanks, Tuesday works.")},
                              {QStringLiteral("time"), 1735732804000.0},
                              {QStringLiteral("secondsFromStart"), 3.1}}}}}}};
    QJsonObject withCall = ended;
    withCall.insert(QStringLiteral("call"), call);
    QJsonObject reportWithCall = report;
    reportWithCall.insert(QStringLiteral("call"), call);
    deliver(m_callOrg.value(callId), {withCall, reportWithCall});
}

void FakeVapi::deliver(const QString &orgId, QList<QJsonObject> messages)
{
    const Org org = m_orgs.value(orgId);
    if (messages.isEmpty() || org.serverUrl.isEmpty() || m_messageTarget.isEmpty())
        return;
    QJsonObject message = messages.takeFirst();
    const QJsonObject call = message.value(u"call").toObject();
    message.insert(QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch());
    message.insert(QStringLiteral("customer"), call.value(u"customer"));
    message.insert(QStringLiteral("phoneNumber"),
                   m_numbers.value(call.value(u"phoneNumberId").toString()));
    QUrl target(org.serverUrl);
    target.setScheme(m_messageTarget.scheme());
    target.setHost(m_messageTarget.host());
    target.setPort(m_messageTarget.port());
    QNetworkRequest request(target);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("X-Vapi-Secret", org.serverSecret.toUtf8());
    QNetworkReply *answer =
        m_network.post(request,
                       QJsonDocument(QJsonObject{{QStringLiteral("message"), message}})
                           .toJson(QJsonDocument::Compact));
    const QString callId = call.value(u"id").toString();
    const QString type = message.value(u"type").toString();
    QObject::connect(answer, &QNetworkReply::finished, &m_network, [=, this] {
        answer->deleteLater();
        m_deliveries.append(
            {callId, type, answer->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()});
        deliver(orgId, messages); // in order; no retry without a backoff plan
    });
}

} // namespace Sb::Fakes
