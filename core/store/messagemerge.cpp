#include "messagerecord.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Store {

int MessageMerge::statusRank(const QString &status)
{
    static const QHash<QString, int> ranks = {
        {QStringLiteral("accepted"), 1},
        {QStringLiteral("scheduled"), 1},
        {QStringLiteral("queued"), 2},
        {QStringLiteral("sending"), 3},
        {QStringLiteral("sent"), 4},
        {QStringLiteral("received"), 4},
        {QStringLiteral("delivered"), 5},
        {QStringLiteral("undelivered"), 5},
        {QStringLiteral("failed"), 5},
        {QStringLiteral("canceled"), 5},
        {QStringLiteral("read"), 6},
    };
    return ranks.value(status, 0);
}

MessageRecord MessageMerge::merged(const MessageRecord &stored,
                                   const MessageRecord &incoming,
                                   MessageSource source)
{
    MessageRecord message = stored;
    if (statusRank(incoming.status) > statusRank(stored.status)) {
        message.status = incoming.status;
        message.errorCode = incoming.errorCode;
    }
    if (message.media.isEmpty())
        message.media = incoming.media;
    if (source == MessageSource::OurSend) {
        // A status callback that came first made the row without what only the send knows.
        message.body = incoming.body;
        message.sentAt = incoming.sentAt;
        message.channel = incoming.channel;
        message.counterpartE164 = incoming.counterpartE164;
        message.ourE164 = incoming.ourE164;
    }
    return message;
}

QString mediaJson(const QList<MessageMedia> &media)
{
    QJsonArray items;
    for (const MessageMedia &item : media) {
        items.append(QJsonObject{{QStringLiteral("url"), item.url},
                                 {QStringLiteral("type"), item.contentType}});
    }
    return QString::fromUtf8(QJsonDocument(items).toJson(QJsonDocument::Compact));
}

QList<MessageMedia> mediaFromJson(const QString &json)
{
    QList<MessageMedia> media;
    const QJsonArray items = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &item : items) {
        const QJsonObject object = item.toObject();
        media.append({object.value(u"url").toString(), object.value(u"type").toString()});
    }
    return media;
}

} // namespace Sb::Store
