#include "fakeringcentral.h"

#include "fakeringcentralwire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

#include <algorithm>

// The fake RingCentral's calls as they happen: telephony session notifications for the user's
// own party, shaped as RingCentral's (body.sessionId, telephonySessionId, eventTime, parties[]
// with extensionId, direction, from, to, status.code, missedCall), and the log entry a call
// leaves once it is over.
namespace Sb::Fakes {

using namespace RingCentralWire;

QString FakeRingCentral::ringLine(qint64 extensionId, const QString &caller, int *status)
{
    const QString sessionId = QString::number(500000000000LL + qint64(++m_next));
    m_sessions.insert(sessionId, {extensionId, caller, nowMs(), 0, 0});
    const int answered = notifyCallSession(sessionId, QStringLiteral("Proceeding"));
    if (status)
        *status = answered;
    return sessionId;
}

int FakeRingCentral::answerLine(const QString &sessionId)
{
    m_sessions[sessionId].answeredMs = nowMs();
    return notifyCallSession(sessionId, QStringLiteral("Answered"));
}

int FakeRingCentral::hangUpLine(const QString &sessionId)
{
    const LiveSession session = m_sessions.value(sessionId);
    LoggedCall call;
    call.id = u"RCL-"_qs + sessionId;
    call.sessionId = sessionId;
    call.startMs = session.startMs;
    call.isInbound = true;
    call.from = session.caller;
    call.to = m_users.value(session.extensionId).numbers.value(0);
    call.result = session.answeredMs > 0 ? u"Accepted"_qs : u"Missed"_qs;
    call.durationSeconds = session.answeredMs > 0 ? int(std::max<qint64>(1, (nowMs() - session.answeredMs + 999) / 1000)) : 0;
    call.isRecorded = session.answeredMs > 0;
    m_calls[session.extensionId].append(call);
    return notifyCallSession(sessionId, QStringLiteral("Disconnected"));
}

int FakeRingCentral::renotify(const QString &sessionId, const QString &code)
{
    return notifyCallSession(sessionId, code);
}

int FakeRingCentral::notifyCallSession(const QString &sessionId, const QString &code)
{
    LiveSession &session = m_sessions[sessionId];
    const QString owner = QString::number(session.extensionId);
    const QString own = m_users.value(session.extensionId).numbers.value(0);
    const QJsonObject party{
        {u"accountId"_qs, u"37439510"_qs},
        {u"extensionId"_qs, owner},
        {u"id"_qs, u"p-"_qs + sessionId + u"-2"_qs},
        {u"direction"_qs, u"Inbound"_qs},
        {u"to"_qs, QJsonObject{{u"phoneNumber"_qs, own}, {u"extensionId"_qs, owner}}},
        {u"from"_qs, QJsonObject{{u"phoneNumber"_qs, session.caller}, {u"name"_qs, u"WIRELESS CALLER"_qs}}},
        {u"status"_qs, QJsonObject{{u"code"_qs, code}, {u"rcc"_qs, false}}},
        {u"missedCall"_qs, code == u"Disconnected" && session.answeredMs == 0},
        {u"standAlone"_qs, false},
        {u"muted"_qs, false}};
    // The other side's party (the caller, outside the account) is listed too, without an
    // extension: the notification's own party is found by extensionId.
    const QJsonObject caller{{u"id"_qs, u"p-"_qs + sessionId + u"-1"_qs},
                             {u"direction"_qs, u"Outbound"_qs},
                             {u"from"_qs, QJsonObject{{u"phoneNumber"_qs, session.caller}}},
                             {u"to"_qs, QJsonObject{{u"phoneNumber"_qs, own}}},
                             {u"status"_qs, QJsonObject{{u"code"_qs, u"Answered"_qs}}}};
    int answered = 0;
    for (const Subscription &subscription : std::as_const(m_subscriptions)) {
        const bool wantsCalls = std::any_of(subscription.eventFilters.cbegin(), subscription.eventFilters.cend(),
                                            [](const QString &filter) { return filter.contains(u"/telephony/sessions"); });
        if (subscription.extensionId != session.extensionId || !wantsCalls)
            continue;
        const QJsonObject notification{
            {u"uuid"_qs, QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {u"event"_qs, u"/restapi/v1.0/account/37439510/extension/"_qs + owner + u"/telephony/sessions"_qs},
            {u"timestamp"_qs, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {u"subscriptionId"_qs, subscription.id},
            {u"ownerId"_qs, owner},
            {u"body"_qs,
             QJsonObject{{u"sequence"_qs, ++session.sequence},
                         {u"sessionId"_qs, sessionId},
                         {u"telephonySessionId"_qs, u"s-a0d7"_qs + sessionId},
                         {u"serverId"_qs, u"10.13.22.241.TAM"_qs},
                         {u"eventTime"_qs, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                         {u"parties"_qs, QJsonArray{caller, party}},
                         {u"origin"_qs, QJsonObject{{u"type"_qs, u"Call"_qs}}}}}};
        answered = deliver(subscription.address, {{"Verification-Token", subscription.verificationToken.toUtf8()}},
                           QJsonDocument(notification).toJson(QJsonDocument::Compact), {})
                       .first;
    }
    return answered;
}

} // namespace Sb::Fakes
