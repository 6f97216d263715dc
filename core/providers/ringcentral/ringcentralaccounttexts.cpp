// RingCentralAccount's texts: sending an SMS from the user's own number, reading one, and the
// message sync that brings in what arrived and what changed (../shared/providers.md §3.3).
#include "ringcentralaccount.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrlQuery>

namespace Sb::Providers::RingCentral {

QString RingCentralAccount::textStatusOf(const QString &messageStatus)
{
    static const QHash<QString, QString> statuses{
        {QStringLiteral("Queued"), QStringLiteral("queued")},
        {QStringLiteral("Sent"), QStringLiteral("sent")},
        {QStringLiteral("Delivered"), QStringLiteral("delivered")},
        {QStringLiteral("DeliveryFailed"), QStringLiteral("undelivered")},
        {QStringLiteral("SendingFailed"), QStringLiteral("failed")},
        {QStringLiteral("Received"), QStringLiteral("received")},
    };
    return statuses.value(messageStatus, QStringLiteral("queued"));
}

std::optional<Store::MessageRecord> RingCentralAccount::textOf(const QJsonObject &record, StaffId owner)
{
    if (record.value(u"type").toString() != u"SMS")
        return std::nullopt; // faxes, voicemail, pager messages
    const QString availability = record.value(u"availability").toString();
    if (availability == u"Deleted" || availability == u"Purged")
        return std::nullopt;
    Store::MessageRecord text;
    text.channel = QStringLiteral("sms");
    text.provider = QStringLiteral("ringcentral");
    text.providerMessageId = record.value(u"id").toVariant().toString();
    text.lineOwner = owner;
    text.isInbound = record.value(u"direction").toString() == u"Inbound";
    const QString from = record.value(u"from").toObject().value(u"phoneNumber").toString();
    const QJsonArray to = record.value(u"to").toArray();
    const QString firstTo = to.isEmpty() ? QString() : to.first().toObject().value(u"phoneNumber").toString();
    text.counterpartE164 = text.isInbound ? from : firstTo;
    text.ourE164 = text.isInbound ? firstTo : from;
    text.body = record.value(u"subject").toString(); // an SMS's text is its subject
    text.status = textStatusOf(record.value(u"messageStatus").toString());
    text.errorCode = record.value(u"deliveryErrorCode").toVariant().toString();
    text.sentAt = QDateTime::fromString(record.value(u"creationTime").toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
    if (text.providerMessageId.isEmpty() || text.counterpartE164.isEmpty() || text.sentAt <= 0)
        return std::nullopt; // nothing to keep it by
    return text;
}

void RingCentralAccount::sendSms(const QString &from,
                                 const QString &to,
                                 const QString &text,
                                 std::function<void(Result<Store::MessageRecord>)> done)
{
    const QJsonObject body{{QStringLiteral("from"), QJsonObject{{QStringLiteral("phoneNumber"), from}}},
                           {QStringLiteral("to"), QJsonArray{QJsonObject{{QStringLiteral("phoneNumber"), to}}}},
                           {QStringLiteral("text"), text}};
    send("POST", m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/account/~/extension/~/sms"))), body,
         [this, done, text](Result<QJsonObject> answer) {
             if (!answer)
                 return done(answer.error());
             auto sent = textOf(*answer, m_staff);
             if (!sent)
                 return done(Error{ErrorCode::ProviderRefused,
                                   tr("RingCentral's answer to the text was not a message it keeps.")});
             if (sent->body.isEmpty())
                 sent->body = text;
             done(*sent);
         });
}

void RingCentralAccount::message(const QString &id, std::function<void(Result<Store::MessageRecord>)> done)
{
    get(m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/account/~/extension/~/message-store/") + id)),
        [this, done](Result<QJsonObject> answer) {
            if (!answer)
                return done(answer.error());
            auto text = textOf(*answer, m_staff);
            if (!text)
                return done(Error{ErrorCode::NotFound, tr("RingCentral no longer keeps that text.")});
            done(*text);
        });
}

void RingCentralAccount::syncTexts(const QString &syncToken,
                                   const QDateTime &from,
                                   std::function<void(Result<TextSync>)> done)
{
    QUrl url = m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/account/~/extension/~/message-sync")));
    QUrlQuery query;
    if (syncToken.isEmpty()) {
        query.addQueryItem(QStringLiteral("syncType"), QStringLiteral("FSync"));
        query.addQueryItem(QStringLiteral("dateFrom"), from.toUTC().toString(Qt::ISODateWithMs));
        query.addQueryItem(QStringLiteral("messageType"), QStringLiteral("SMS"));
    } else {
        query.addQueryItem(QStringLiteral("syncType"), QStringLiteral("ISync"));
        query.addQueryItem(QStringLiteral("syncToken"), syncToken);
    }
    url.setQuery(query);
    get(url, [this, done, isIncremental = !syncToken.isEmpty()](Result<QJsonObject> answer) {
        if (!answer) {
            // A sync token RingCentral has let go of is refused as a bad request.
            if (isIncremental && answer.error().code == ErrorCode::ProviderRefused)
                return done(Error{ErrorCode::InvalidArgument, answer.error().message});
            return done(answer.error());
        }
        TextSync sync;
        for (const QJsonValue &value : answer->value(u"records").toArray()) {
            if (auto text = textOf(value.toObject(), m_staff))
                sync.messages.append(*text);
        }
        sync.syncToken = answer->value(u"syncInfo").toObject().value(u"syncToken").toString();
        if (sync.syncToken.isEmpty())
            return done(Error{ErrorCode::ProviderRefused, tr("RingCentral's message sync gave no sync token.")});
        done(sync);
    });
}

} // namespace Sb::Providers::RingCentral
