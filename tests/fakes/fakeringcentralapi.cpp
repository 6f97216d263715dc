#include "fakeringcentral.h"

#include "fakeringcentralwire.h"

#include <QEventLoop>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

// The fake RingCentral's REST API: who signed in, their numbers, call log, recordings,
// RingOut and webhook subscriptions (the sign-in and tokens are in fakeringcentral.cpp).
namespace Sb::Fakes {

using namespace RingCentralWire;

QPair<int, QByteArray> FakeRingCentral::deliver(const QString &address,
                                                const QList<QPair<QByteArray, QByteArray>> &headers,
                                                const QByteArray &body,
                                                const QByteArray &headerToRead)
{
    QString target = address;
    if (!m_publicBase.isEmpty() && target.startsWith(m_publicBase))
        target = m_actualBase + target.mid(m_publicBase.size());
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(target)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = network.post(request, body);
    QEventLoop loop;
    QTimer::singleShot(3000, &loop, &QEventLoop::quit); // RingCentral waits 3 s at most
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const bool answered = reply->isFinished() && reply->error() != QNetworkReply::TimeoutError;
    const int status = answered ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
    const QByteArray header = answered ? reply->rawHeader(headerToRead) : QByteArray();
    reply->abort();
    reply->deleteLater();
    return {status, header};
}

void FakeRingCentral::expireSubscriptionsIn(qint64 ms)
{
    for (Subscription &subscription : m_subscriptions)
        subscription.expiresAtMs = nowMs() + ms;
}

int FakeRingCentral::notifySms(qint64 extensionId, const QString &uuid)
{
    for (const Subscription &subscription : std::as_const(m_subscriptions)) {
        if (subscription.extensionId != extensionId)
            continue;
        const QString owner = QString::number(extensionId);
        const QJsonObject body{
            {u"uuid"_qs, uuid},
            {u"event"_qs, u"/restapi/v1.0/account/~/extension/"_qs + owner + u"/message-store"_qs},
            {u"timestamp"_qs, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {u"subscriptionId"_qs, subscription.id},
            {u"ownerId"_qs, owner},
            {u"body"_qs, QJsonObject{{u"changes"_qs, QJsonArray{QJsonObject{{u"type"_qs, u"SMS"_qs}, {u"newCount"_qs, 1}, {u"updatedCount"_qs, 0}}}}}}};
        return deliver(subscription.address, {{"Verification-Token", subscription.verificationToken.toUtf8()}},
                       QJsonDocument(body).toJson(QJsonDocument::Compact), {})
            .first;
    }
    return 0;
}

QByteArray FakeRingCentral::recordingBytes(const QString &recordingId)
{
    return QByteArrayLiteral("RIFF\x24\0\0\0WAVEfmt ") + recordingId.toUtf8();
}

void FakeRingCentral::addCalls(qint64 extensionId, int count, qint64 startMs, qint64 spacingMs)
{
    const User user = m_users.value(extensionId);
    const QString own = user.numbers.value(0, u"+16505550199"_qs);
    QList<LoggedCall> &calls = m_calls[extensionId];
    const int first = calls.size();
    for (int i = 0; i < count; ++i) {
        const int n = first + i;
        LoggedCall call;
        call.id = u"RC%1-%2"_qs.arg(extensionId).arg(n);
        call.startMs = startMs + qint64(i) * spacingMs;
        call.isInbound = n % 2 == 0;
        const QString other = u"+1617555%1"_qs.arg(1000 + n % 9000, 4, 10, QLatin1Char('0'));
        call.from = call.isInbound ? other : own;
        call.to = call.isInbound ? own : other;
        call.result = n % 5 == 4 ? u"Missed"_qs : u"Accepted"_qs;
        call.durationSeconds = call.result == u"Missed" ? 0 : 30 + n % 300;
        call.isRecorded = call.result == u"Accepted" && n % 3 == 0;
        calls.append(call);
    }
}

void FakeRingCentral::api(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const QByteArray header = request.value("Authorization");
    const auto token = m_accessTokens.constFind(QString::fromLatin1(header.mid(7)));
    if (!header.startsWith("Bearer ") || token == m_accessTokens.cend() || token->expiresAtMs < nowMs()) {
        return json(responder,
                    {{u"errorCode"_qs, u"TokenInvalid"_qs},
                     {u"message"_qs, u"Token not found"_qs},
                     {u"errors"_qs, QJsonArray{QJsonObject{{u"errorCode"_qs, u"OAU-213"_qs}, {u"message"_qs, u"Token not found"_qs}}}}},
                    401);
    }
    const User user = m_users.value(token->extensionId);
    m_apiRequests[user.extensionId] += 1;
    if (int &left = m_limited[user.extensionId]; left > 0) {
        --left;
        const QJsonObject error{{u"errorCode"_qs, u"CMN-301"_qs}, {u"message"_qs, u"Request rate exceeded"_qs}};
        return responder.write(QJsonDocument(QJsonObject{{u"errorCode"_qs, u"CMN-301"_qs},
                                                         {u"message"_qs, u"Request rate exceeded"_qs},
                                                         {u"errors"_qs, QJsonArray{error}}})
                                   .toJson(QJsonDocument::Compact),
                               {{"Content-Type", "application/json"},
                                {"Retry-After", "1"},
                                {"X-Rate-Limit-Group", "light"},
                                {"X-Rate-Limit-Limit", "50"},
                                {"X-Rate-Limit-Remaining", "0"},
                                {"X-Rate-Limit-Window", "60"}},
                               StatusCode::TooManyRequests);
    }
    if (auto &[left, status] = m_failing[user.extensionId]; left > 0) {
        --left;
        return json(responder, {{u"errorCode"_qs, u"CMN-211"_qs}, {u"message"_qs, u"Service temporarily unavailable"_qs}}, status);
    }
    const QString path = request.url().path();
    if (texts(request, responder, user))
        return;
    if (path == u"/restapi/v1.0/account/~/extension/~") {
        return json(responder,
                    {{u"id"_qs, user.extensionId},
                     {u"extensionNumber"_qs, QString::number(100 + user.extensionId % 1000)},
                     {u"name"_qs, user.name},
                     {u"type"_qs, u"User"_qs},
                     {u"status"_qs, u"Enabled"_qs},
                     {u"account"_qs, QJsonObject{{u"id"_qs, u"37439510"_qs}}}});
    }
    if (path == u"/restapi/v1.0/account/~/extension/~/call-log") {
        m_callLogRequests[user.extensionId] += 1;
        if (auto left = m_callLogPagesLeft.find(user.extensionId); left != m_callLogPagesLeft.end()) {
            if (*left == 0)
                return json(responder, {{u"errorCode"_qs, u"CMN-211"_qs}, {u"message"_qs, u"Service temporarily unavailable"_qs}}, 503);
            if (*left > 0)
                --*left;
        }
        const QUrlQuery query(request.url());
        const QDateTime from = value(query, "dateFrom").isEmpty()
            ? QDateTime::currentDateTimeUtc().addDays(-1)
            : QDateTime::fromString(value(query, "dateFrom"), Qt::ISODateWithMs);
        const int perPage = std::max(1, value(query, "perPage").isEmpty() ? 100 : value(query, "perPage").toInt());
        const int page = std::max(1, value(query, "page").toInt());
        QList<LoggedCall> since;
        for (const LoggedCall &call : m_calls.value(user.extensionId)) {
            if (call.startMs >= from.toMSecsSinceEpoch())
                since.append(call);
        }
        std::sort(since.begin(), since.end(), [](const LoggedCall &a, const LoggedCall &b) { return a.startMs > b.startMs; });
        QJsonArray records;
        for (int i = (page - 1) * perPage; i < since.size() && records.size() < perPage; ++i) {
            const LoggedCall &call = since.at(i);
            QJsonObject record{{u"id"_qs, call.id},
                               {u"sessionId"_qs, call.sessionId.isEmpty() ? QString::number(400000000000LL + qint64(qHash(call.id) % 1000000)) : call.sessionId},
                               {u"startTime"_qs, QDateTime::fromMSecsSinceEpoch(call.startMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                               {u"duration"_qs, call.durationSeconds},
                               {u"type"_qs, u"Voice"_qs},
                               {u"direction"_qs, call.isInbound ? u"Inbound"_qs : u"Outbound"_qs},
                               {u"result"_qs, call.result},
                               {u"from"_qs, QJsonObject{{u"phoneNumber"_qs, call.from}}},
                               {u"to"_qs, QJsonObject{{u"phoneNumber"_qs, call.to}}}};
            if (call.isRecorded) {
                record.insert(u"recording"_qs,
                              QJsonObject{{u"id"_qs, call.id + u"-rec"_qs},
                                          {u"contentUri"_qs, baseUrl() + u"/restapi/v1.0/account/~/recording/"_qs + call.id + u"-rec/content"_qs}});
            }
            records.append(record);
        }
        const QString self = baseUrl() + path + u"?dateFrom="_qs + QString::fromLatin1(QUrl::toPercentEncoding(value(query, "dateFrom")))
            + u"&perPage="_qs + QString::number(perPage);
        QJsonObject navigation{{u"firstPage"_qs, QJsonObject{{u"uri"_qs, self + u"&page=1"_qs}}}};
        if (page * perPage < since.size())
            navigation.insert(u"nextPage"_qs, QJsonObject{{u"uri"_qs, self + u"&page="_qs + QString::number(page + 1)}});
        return json(responder,
                    {{u"records"_qs, records},
                     {u"paging"_qs, QJsonObject{{u"page"_qs, page}, {u"perPage"_qs, perPage}}},
                     {u"navigation"_qs, navigation}});
    }
    if (path == u"/restapi/v1.0/subscription" && request.method() == QHttpServerRequest::Method::Post) {
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const QJsonObject mode = body.value(u"deliveryMode").toObject();
        Subscription created;
        created.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        created.extensionId = user.extensionId;
        created.address = mode.value(u"address").toString();
        created.verificationToken = mode.value(u"verificationToken").toString();
        for (const QJsonValue &filter : body.value(u"eventFilters").toArray())
            created.eventFilters.append(filter.toString());
        const int expiresIn = body.value(u"expiresIn").toInt(604800);
        const QByteArray validation = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const auto [status, echoed] = deliver(created.address, {{"Validation-Token", validation}}, {}, "Validation-Token");
        if (status != 200 || echoed != validation) {
            return json(responder,
                        {{u"errorCode"_qs, u"SUB-525"_qs},
                         {u"message"_qs, u"WebHook responds with incorrect HttpStatus or Validation-Token"_qs}},
                        400);
        }
        created.expiresAtMs = nowMs() + qint64(expiresIn) * 1000;
        m_subscriptions.insert(created.id, created);
        return json(responder,
                    {{u"id"_qs, created.id},
                     {u"status"_qs, u"Active"_qs},
                     {u"eventFilters"_qs, QJsonArray::fromStringList(created.eventFilters)},
                     {u"expirationTime"_qs, QDateTime::fromMSecsSinceEpoch(created.expiresAtMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                     {u"expiresIn"_qs, expiresIn},
                     {u"deliveryMode"_qs, QJsonObject{{u"transportType"_qs, u"WebHook"_qs}, {u"address"_qs, created.address}}}});
    }
    if (path.startsWith(u"/restapi/v1.0/subscription/") && path.endsWith(u"/renew")) {
        const QString id = path.section(u'/', -2, -2);
        auto found = m_subscriptions.find(id);
        if (found == m_subscriptions.end() || found->extensionId != user.extensionId)
            return json(responder, {{u"errorCode"_qs, u"SUB-524"_qs}, {u"message"_qs, u"Subscription not found"_qs}}, 404);
        found->expiresAtMs = nowMs() + 604'800'000;
        found->renewals += 1;
        return json(responder,
                    {{u"id"_qs, id},
                     {u"status"_qs, u"Active"_qs},
                     {u"expirationTime"_qs, QDateTime::fromMSecsSinceEpoch(found->expiresAtMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                     {u"expiresIn"_qs, 604800}});
    }
    if (path == u"/restapi/v1.0/account/~/extension/~/ring-out" && request.method() == QHttpServerRequest::Method::Post) {
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        RingOut placed{user.extensionId,
                       body.value(u"from").toObject().value(u"phoneNumber").toString(),
                       body.value(u"to").toObject().value(u"phoneNumber").toString(),
                       body.value(u"callerId").toObject().value(u"phoneNumber").toString()};
        if (placed.from.isEmpty() || placed.to.isEmpty())
            return json(responder, {{u"errorCode"_qs, u"CMN-101"_qs}, {u"message"_qs, u"Parameter [from] value is invalid"_qs}}, 400);
        // Caller id: one of the user's own numbers (every number of theirs has CallerId here).
        if (!placed.callerId.isEmpty() && !user.numbers.contains(placed.callerId)) {
            return json(responder,
                        {{u"errorCode"_qs, u"RingOut-103"_qs},
                         {u"message"_qs, u"Caller ID number is not found or not allowed"_qs},
                         {u"errors"_qs, QJsonArray{QJsonObject{{u"errorCode"_qs, u"RingOut-103"_qs},
                                                               {u"message"_qs, u"Caller ID number is not found or not allowed"_qs}}}}},
                        400);
        }
        const QString id = QString::number(234343434 + m_ringOuts.size());
        m_ringOuts.insert(id, placed);
        return json(responder,
                    {{u"id"_qs, id},
                     {u"uri"_qs, baseUrl() + path + u"/"_qs + id},
                     {u"status"_qs, QJsonObject{{u"callStatus"_qs, u"InProgress"_qs},
                                                {u"callerStatus"_qs, u"InProgress"_qs},
                                                {u"calleeStatus"_qs, u"InProgress"_qs}}}});
    }
    if (path.startsWith(u"/restapi/v1.0/account/~/extension/~/ring-out/")) {
        const QString id = path.section(u'/', -1);
        auto found = m_ringOuts.find(id);
        if (found == m_ringOuts.end() || found->extensionId != user.extensionId)
            return json(responder, {{u"errorCode"_qs, u"CMN-102"_qs}, {u"message"_qs, u"Resource for parameter [ringoutId] is not found"_qs}}, 404);
        if (request.method() == QHttpServerRequest::Method::Delete) {
            found->isCancelled = true;
            return responder.write(QHttpServerResponder::StatusCode::NoContent);
        }
        found->reads += 1;
        const bool done = found->reads >= 2 || found->isCancelled;
        const QString callee = found->isCancelled ? u"Error"_qs : done ? m_ringOutOutcome : u"InProgress"_qs;
        const QString call = !done ? u"InProgress"_qs : callee == u"Success" ? u"Success"_qs : u"Error"_qs;
        return json(responder,
                    {{u"id"_qs, id},
                     {u"status"_qs, QJsonObject{{u"callStatus"_qs, call},
                                                {u"callerStatus"_qs, done ? u"Success"_qs : u"InProgress"_qs},
                                                {u"calleeStatus"_qs, callee}}}});
    }
    if (path.startsWith(u"/restapi/v1.0/account/~/recording/") && path.endsWith(u"/content")) {
        // The user's own recordings only: another's is not found with this token.
        const QString id = path.mid(34, path.size() - 34 - 8);
        const QList<LoggedCall> &calls = m_calls[user.extensionId];
        const bool isTheirs = std::any_of(calls.cbegin(), calls.cend(), [&](const LoggedCall &call) {
            return call.isRecorded && call.id + u"-rec"_qs == id;
        });
        if (!isTheirs)
            return json(responder, {{u"errorCode"_qs, u"CMN-102"_qs}, {u"message"_qs, u"Resource for parameter [recordingId] is not found"_qs}}, 404);
        ++m_recordingDownloads;
        return responder.write(recordingBytes(id), "audio/x-wav");
    }
    if (path == u"/restapi/v1.0/account/~/extension/~/phone-number") {
        const QUrlQuery query(request.url());
        const int perPage = std::max(1, value(query, "perPage").isEmpty() ? 100 : value(query, "perPage").toInt());
        const int page = std::max(1, value(query, "page").toInt());
        QJsonArray records;
        for (int i = (page - 1) * perPage; i < user.numbers.size() && records.size() < perPage; ++i) {
            const QString &number = user.numbers.at(i);
            records.append(QJsonObject{{u"id"_qs, QString::number(qHash(number) % 100000000)},
                                       {u"phoneNumber"_qs, number},
                                       {u"usageType"_qs, i == 0 ? u"DirectNumber"_qs : u"ForwardedNumber"_qs},
                                       {u"type"_qs, u"VoiceFax"_qs},
                                       {u"status"_qs, u"Normal"_qs},
                                       {u"features"_qs, i == 0 ? QJsonArray{u"CallerId"_qs, u"SmsSender"_qs} : QJsonArray{u"CallerId"_qs}}});
        }
        QJsonObject navigation{{u"firstPage"_qs, QJsonObject{{u"uri"_qs, baseUrl() + path + u"?page=1&perPage="_qs + QString::number(perPage)}}}};
        if (page * perPage < user.numbers.size())
            navigation.insert(u"nextPage"_qs, QJsonObject{{u"uri"_qs, baseUrl() + path + u"?page="_qs + QString::number(page + 1)
                                                                        + u"&perPage="_qs + QString::number(perPage)}});
        return json(responder,
                    {{u"records"_qs, records},
                     {u"paging"_qs, QJsonObject{{u"page"_qs, page}, {u"perPage"_qs, perPage}}},
                     {u"navigation"_qs, navigation}});
    }
    json(responder, {{u"errorCode"_qs, u"CMN-404"_qs}, {u"message"_qs, u"Not found"_qs}}, 404);
}

} // namespace Sb::Fakes
