#include "fakeringcentral.h"

#include "fakeringcentralwire.h"

#include <QHttpServerRequest>
#include <QJsonArray>

// The fake RingCentral's texts: SMS from the user's own number, one message, and the message
// sync (full from a date, then incremental by sync token), as ../shared/providers.md §3.3 and
// RingCentral's message-sync describe them.
namespace Sb::Fakes {

using namespace RingCentralWire;

namespace {
QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString syncToken(qint64 extensionId, qint64 change)
{
    return u"sync-%1-%2"_qs.arg(extensionId).arg(change);
}
} // namespace

QJsonObject FakeRingCentral::textJson(const Text &text) const
{
    return {{u"id"_qs, text.id.toLongLong()},
            {u"uri"_qs, baseUrl() + u"/restapi/v1.0/account/~/extension/~/message-store/"_qs + text.id},
            {u"type"_qs, u"SMS"_qs},
            {u"direction"_qs, text.isInbound ? u"Inbound"_qs : u"Outbound"_qs},
            {u"messageStatus"_qs, text.status},
            {u"availability"_qs, u"Alive"_qs},
            {u"readStatus"_qs, text.isInbound ? u"Unread"_qs : u"Read"_qs},
            {u"from"_qs, QJsonObject{{u"phoneNumber"_qs, text.from}}},
            {u"to"_qs, QJsonArray{QJsonObject{{u"phoneNumber"_qs, text.to}}}},
            {u"subject"_qs, text.text},
            {u"creationTime"_qs, iso(text.createdMs)},
            {u"lastModifiedTime"_qs, iso(nowMs())}};
}

FakeRingCentral::Text FakeRingCentral::receiveText(qint64 extensionId, const QString &from, const QString &body)
{
    Text text{QString::number(61000000 + m_texts.size()), extensionId, true, from,
              m_users.value(extensionId).numbers.value(0), body, u"Received"_qs, nowMs(), ++m_textChanges};
    m_texts.append(text);
    notifySms(extensionId, u"sms-"_qs + text.id);
    return text;
}

void FakeRingCentral::moveTexts(qint64 extensionId, const QString &status)
{
    for (Text &text : m_texts) {
        const bool isFinal = text.status == u"Delivered" || text.status.endsWith(u"Failed");
        if (text.extensionId == extensionId && !text.isInbound && !isFinal) {
            text.status = status;
            text.changed = ++m_textChanges;
        }
    }
}

QList<FakeRingCentral::Text> FakeRingCentral::textsOf(qint64 extensionId) const
{
    QList<Text> theirs;
    for (const Text &text : m_texts) {
        if (text.extensionId == extensionId)
            theirs.append(text);
    }
    return theirs;
}

bool FakeRingCentral::texts(const QHttpServerRequest &request, QHttpServerResponder &responder, const User &user)
{
    const QString path = request.url().path();
    if (path == u"/restapi/v1.0/account/~/extension/~/sms" && request.method() == QHttpServerRequest::Method::Post) {
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const QString from = body.value(u"from").toObject().value(u"phoneNumber").toString();
        const QString to = body.value(u"to").toArray().first().toObject().value(u"phoneNumber").toString();
        const QString text = body.value(u"text").toString();
        if (to.isEmpty() || text.isEmpty()) {
            json(responder, {{u"errorCode"_qs, u"CMN-101"_qs}, {u"message"_qs, u"Parameter [to] value is invalid"_qs}}, 400);
            return true;
        }
        if (from != user.numbers.value(0)) { // only the first number has SmsSender
            json(responder,
                 {{u"errorCode"_qs, u"MSG-304"_qs},
                  {u"message"_qs, u"Phone number doesn't belong to extension or has no SMS feature"_qs},
                  {u"errors"_qs, QJsonArray{QJsonObject{{u"errorCode"_qs, u"MSG-304"_qs},
                                                        {u"message"_qs, u"Phone number doesn't belong to extension or has no SMS feature"_qs}}}}},
                 400);
            return true;
        }
        Text sent{QString::number(61000000 + m_texts.size()), user.extensionId, false, from, to, text, u"Queued"_qs, nowMs(),
                  ++m_textChanges};
        m_texts.append(sent);
        json(responder, textJson(sent));
        return true;
    }
    if (path.startsWith(u"/restapi/v1.0/account/~/extension/~/message-store/")) {
        const QString id = path.section(u'/', -1);
        for (const Text &text : std::as_const(m_texts)) {
            if (text.id == id && text.extensionId == user.extensionId) {
                json(responder, textJson(text));
                return true;
            }
        }
        json(responder, {{u"errorCode"_qs, u"CMN-102"_qs}, {u"message"_qs, u"Resource for parameter [messageId] is not found"_qs}}, 404);
        return true;
    }
    if (path == u"/restapi/v1.0/account/~/extension/~/message-sync") {
        const QUrlQuery query(request.url());
        const QString type = value(query, "syncType");
        m_syncRequests[type] += 1;
        qint64 since = -1;
        qint64 fromMs = 0;
        if (type == u"FSync") {
            const QDateTime from = QDateTime::fromString(value(query, "dateFrom"), Qt::ISODateWithMs);
            fromMs = from.isValid() ? from.toMSecsSinceEpoch() : nowMs() - 86'400'000;
        } else if (type == u"ISync") {
            const QString token = value(query, "syncToken");
            const QString prefix = u"sync-%1-"_qs.arg(user.extensionId);
            bool isNumber = false;
            since = token.startsWith(prefix) ? token.mid(prefix.size()).toLongLong(&isNumber) : -1;
            if (!isNumber || since <= m_syncFloor || since > m_textChanges) {
                json(responder, {{u"errorCode"_qs, u"CMN-101"_qs}, {u"message"_qs, u"Parameter [syncToken] value is invalid"_qs}}, 400);
                return true;
            }
        } else {
            json(responder, {{u"errorCode"_qs, u"CMN-101"_qs}, {u"message"_qs, u"Parameter [syncType] value is invalid"_qs}}, 400);
            return true;
        }
        QJsonArray records;
        for (const Text &text : std::as_const(m_texts)) {
            if (text.extensionId != user.extensionId)
                continue;
            if (since >= 0 ? text.changed > since : text.createdMs >= fromMs)
                records.append(textJson(text));
        }
        json(responder,
             {{u"records"_qs, records},
              {u"syncInfo"_qs, QJsonObject{{u"syncType"_qs, type},
                                           {u"syncToken"_qs, syncToken(user.extensionId, m_textChanges)},
                                           {u"syncTime"_qs, iso(nowMs())},
                                           {u"olderRecordsExist"_qs, false}}}});
        return true;
    }
    return false;
}

} // namespace Sb::Fakes
