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

QString MessageMedia::fileSuffix() const
{
    // What MMS and WhatsApp carry (Twilio's accepted media types).
    static const QHash<QString, QString> suffixes{
        {QStringLiteral("image/jpeg"), QStringLiteral("jpg")},
        {QStringLiteral("image/jpg"), QStringLiteral("jpg")},
        {QStringLiteral("image/png"), QStringLiteral("png")},
        {QStringLiteral("image/gif"), QStringLiteral("gif")},
        {QStringLiteral("image/webp"), QStringLiteral("webp")},
        {QStringLiteral("image/bmp"), QStringLiteral("bmp")},
        {QStringLiteral("image/svg+xml"), QStringLiteral("svg")},
        {QStringLiteral("application/pdf"), QStringLiteral("pdf")},
        {QStringLiteral("text/vcard"), QStringLiteral("vcf")},
        {QStringLiteral("text/x-vcard"), QStringLiteral("vcf")},
        {QStringLiteral("text/plain"), QStringLiteral("txt")},
        {QStringLiteral("text/calendar"), QStringLiteral("ics")},
        {QStringLiteral("audio/mpeg"), QStringLiteral("mp3")},
        {QStringLiteral("audio/ogg"), QStringLiteral("ogg")},
        {QStringLiteral("audio/amr"), QStringLiteral("amr")},
        {QStringLiteral("video/mp4"), QStringLiteral("mp4")},
        {QStringLiteral("video/3gpp"), QStringLiteral("3gp")},
    };
    return suffixes.value(contentType.section(u';', 0, 0).trimmed().toLower(),
                          QStringLiteral("bin"));
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
