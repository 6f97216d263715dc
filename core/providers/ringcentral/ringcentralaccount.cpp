#include "ringcentralaccount.h"

#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/authorizedrequest.h>

#include <QDateTime>
#include <QJsonArray>
#include <QUrlQuery>

namespace Sb::Providers::RingCentral {

RingCentralAccount::RingCentralAccount(Net::HttpClient &http,
                                       OAuth::AccessTokens &tokens,
                                       Store::TenantScope tenant,
                                       StaffId staff,
                                       QUrl platform,
                                       QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_tokens(tokens)
    , m_tenant(std::move(tenant))
    , m_staff(staff)
    , m_platform(std::move(platform))
{}

QByteArray RingCentralAccount::rateGroupOf(const QByteArray &method, const QUrl &url)
{
    // RingCentral's API reference names each call's group; ours, by what they touch.
    const QString path = url.path();
    const bool reads = method == "GET";
    if (path.contains(u"/call-log") || (path.contains(u"/ring-out") && !reads))
        return QByteArrayLiteral("heavy");
    if (path.contains(u"/subscription") || (path.endsWith(u"/sms") && !reads))
        return QByteArrayLiteral("medium");
    return QByteArrayLiteral("light");
}

void RingCentralAccount::get(const QUrl &url, Answer done)
{
    send("GET", url, {}, std::move(done));
}

void RingCentralAccount::send(const QByteArray &method, const QUrl &url, const QJsonObject &body, Answer done)
{
    auto request = [this, method, url, body](const OAuth::AccessToken &token) -> Result<Net::HttpRequest> {
        Net::HttpRequest request;
        // The user's own lane: their limits, their breaker.
        request.key = {m_tenant.tenantId().value(), QStringLiteral("ringcentral"), QString::number(m_staff.value())};
        request.method = method;
        request.url = url;
        request.rateGroup = rateGroupOf(method, url); // a 429 of one group leaves the others going
        if (!body.isEmpty())
            request.setJson(body);
        request.setHeader("Authorization", "Bearer " + token.token.reveal());
        return request;
    };
    OAuth::sendAuthorized(m_http, m_tokens, m_tenant, grantOf(m_staff), this, request,
                          [done](Result<Net::HttpResponse> answer) {
                              if (!answer)
                                  return done(answer.error());
                              done(answer->json());
                          });
}

void RingCentralAccount::numbers(std::function<void(Result<QList<UserNumber>>)> done)
{
    numbersFrom(m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/account/~/extension/~/phone-number?perPage=100"))), {},
                std::move(done));
}

void RingCentralAccount::numbersFrom(const QUrl &page, QList<UserNumber> found, std::function<void(Result<QList<UserNumber>>)> done)
{
    get(page, [this, found, done](Result<QJsonObject> answer) mutable {
        if (!answer)
            return done(answer.error());
        for (const QJsonValue &value : answer->value(u"records").toArray()) {
            const QJsonObject record = value.toObject();
            UserNumber number{record.value(u"id").toVariant().toString(),
                              record.value(u"phoneNumber").toString(),
                              record.value(u"usageType").toString(),
                              {}};
            for (const QJsonValue &feature : record.value(u"features").toArray())
                number.features.append(feature.toString());
            found.append(number);
        }
        // No totals to trust: the next page is wherever navigation says, while it says so.
        auto next = nextPageOf(*answer);
        if (!next)
            return done(next.error());
        if (next->isEmpty())
            return done(found);
        numbersFrom(*next, found, done);
    });
}

Result<QUrl> RingCentralAccount::nextPageOf(const QJsonObject &answer) const
{
    const QUrl next(answer.value(u"navigation").toObject().value(u"nextPage").toObject().value(u"uri").toString());
    if (!next.isValid() || next.isEmpty())
        return QUrl();
    if (next.host() != m_platform.host() || next.port() != m_platform.port() || next.scheme() != m_platform.scheme())
        return Error{ErrorCode::ProviderRefused,
                     QCoreApplication::translate("Sb::Providers::RingCentral",
                                                 "RingCentral named a next page on another host (%1): not followed.")
                         .arg(next.host())};
    return next;
}

QUrl RingCentralAccount::callLogFrom(const QDateTime &from) const
{
    QUrl url = m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/account/~/extension/~/call-log")));
    QUrlQuery query;
    // Always a dateFrom: without one RingCentral gives the last 24 hours only.
    query.addQueryItem(QStringLiteral("dateFrom"), from.toUTC().toString(Qt::ISODateWithMs));
    query.addQueryItem(QStringLiteral("perPage"), QStringLiteral("100"));
    query.addQueryItem(QStringLiteral("view"), QStringLiteral("Simple"));
    url.setQuery(query);
    return url;
}

QString RingCentralAccount::statusOf(const QString &result, int durationSeconds)
{
    static const QHash<QString, QString> statuses{
        {QStringLiteral("Accepted"), QStringLiteral("completed")},
        {QStringLiteral("Call connected"), QStringLiteral("completed")},
        {QStringLiteral("Missed"), QStringLiteral("no-answer")},
        {QStringLiteral("No Answer"), QStringLiteral("no-answer")},
        {QStringLiteral("Voicemail"), QStringLiteral("no-answer")},
        {QStringLiteral("Busy"), QStringLiteral("busy")},
        {QStringLiteral("Rejected"), QStringLiteral("canceled")},
        {QStringLiteral("Declined"), QStringLiteral("canceled")},
        {QStringLiteral("Hang Up"), QStringLiteral("canceled")},
        {QStringLiteral("Stopped"), QStringLiteral("canceled")},
        {QStringLiteral("Internal Error"), QStringLiteral("failed")},
        {QStringLiteral("Call Failed"), QStringLiteral("failed")},
        {QStringLiteral("Call Failure"), QStringLiteral("failed")},
    };
    // A result RingCentral adds later: talked, or not.
    return statuses.value(result, durationSeconds > 0 ? QStringLiteral("completed") : QStringLiteral("no-answer"));
}

void RingCentralAccount::callLogPage(const QUrl &page, std::function<void(Result<CallLogPage>)> done)
{
    get(page, [this, done](Result<QJsonObject> answer) {
        if (!answer)
            return done(answer.error());
        CallLogPage read;
        for (const QJsonValue &value : answer->value(u"records").toArray()) {
            const QJsonObject record = value.toObject();
            if (record.value(u"type").toString() != u"Voice")
                continue; // faxes are not calls
            Store::CallLogEntry entry;
            entry.provider = QStringLiteral("ringcentral");
            entry.providerCallId = record.value(u"id").toString();
            entry.sessionId = record.value(u"sessionId").toVariant().toString();
            entry.ownerStaff = m_staff;
            entry.isInbound = record.value(u"direction").toString() == u"Inbound";
            entry.fromE164 = record.value(u"from").toObject().value(u"phoneNumber").toString();
            entry.toE164 = record.value(u"to").toObject().value(u"phoneNumber").toString();
            const int seconds = record.value(u"duration").toInt();
            if (seconds > 0) // a missed call's 0 is no length to show
                entry.durationSeconds = seconds;
            entry.status = statusOf(record.value(u"result").toString(), seconds);
            entry.startedAt = QDateTime::fromString(record.value(u"startTime").toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
            entry.recordingUrl = record.value(u"recording").toObject().value(u"contentUri").toString();
            if (entry.providerCallId.isEmpty() || entry.startedAt <= 0)
                continue; // nothing to keep it by
            read.entries.append(entry);
        }
        auto next = nextPageOf(*answer);
        if (!next)
            return done(next.error());
        read.next = *next;
        done(read);
    });
}

namespace {
RingOutStatus ringOutFrom(const QJsonObject &answer)
{
    const QJsonObject status = answer.value(u"status").toObject();
    return {answer.value(u"id").toVariant().toString(), status.value(u"callStatus").toString(),
            status.value(u"callerStatus").toString(), status.value(u"calleeStatus").toString()};
}

SubscriptionInfo subscriptionFrom(const QJsonObject &answer)
{
    return {answer.value(u"id").toString(),
            QDateTime::fromString(answer.value(u"expirationTime").toString(), Qt::ISODateWithMs).toMSecsSinceEpoch()};
}
} // namespace

void RingCentralAccount::subscribe(const QUrl &address,
                                   const Secret &verificationToken,
                                   const QStringList &eventFilters,
                                   std::function<void(Result<SubscriptionInfo>)> done)
{
    const QJsonObject body{
        {QStringLiteral("eventFilters"), QJsonArray::fromStringList(eventFilters)},
        {QStringLiteral("deliveryMode"),
         QJsonObject{{QStringLiteral("transportType"), QStringLiteral("WebHook")},
                     {QStringLiteral("address"), address.toString(QUrl::FullyEncoded)},
                     {QStringLiteral("verificationToken"), verificationToken.revealString()}}},
        {QStringLiteral("expiresIn"), 604800}};
    send("POST", m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/subscription"))), body,
         [done](Result<QJsonObject> answer) {
             if (!answer)
                 return done(answer.error());
             done(subscriptionFrom(*answer));
         });
}

void RingCentralAccount::renewSubscription(const QString &id, std::function<void(Result<SubscriptionInfo>)> done)
{
    send("POST", m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/subscription/%1/renew").arg(id))), {},
         [done](Result<QJsonObject> answer) {
             if (!answer)
                 return done(answer.error());
             done(subscriptionFrom(*answer));
         });
}

void RingCentralAccount::ringOut(const QString &from,
                                 const QString &to,
                                 const QString &callerId,
                                 std::function<void(Result<RingOutStatus>)> done)
{
    QJsonObject body{{QStringLiteral("from"), QJsonObject{{QStringLiteral("phoneNumber"), from}}},
                     {QStringLiteral("to"), QJsonObject{{QStringLiteral("phoneNumber"), to}}},
                     {QStringLiteral("playPrompt"), false}};
    if (!callerId.isEmpty())
        body.insert(QStringLiteral("callerId"), QJsonObject{{QStringLiteral("phoneNumber"), callerId}});
    send("POST", m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/account/~/extension/~/ring-out"))), body,
         [done](Result<QJsonObject> answer) {
             if (!answer)
                 return done(answer.error());
             done(ringOutFrom(*answer));
         });
}

void RingCentralAccount::ringOutStatus(const QString &id, std::function<void(Result<RingOutStatus>)> done)
{
    get(m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/account/~/extension/~/ring-out/") + id)),
        [done](Result<QJsonObject> answer) {
            if (!answer)
                return done(answer.error());
            done(ringOutFrom(*answer));
        });
}

void RingCentralAccount::cancelRingOut(const QString &id, std::function<void(Status)> done)
{
    send("DELETE", m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/account/~/extension/~/ring-out/") + id)), {},
         [done](Result<QJsonObject> answer) { done(answer ? ok() : Status(answer.error())); });
}

} // namespace Sb::Providers::RingCentral
