#pragma once

#include <core/common/id.h>

#include <QList>
#include <QString>

namespace Sb::Store {

// A picture or file that came with a message (MMS, WhatsApp media): where the provider keeps
// it (fetched with the tenant's credentials when shown) and its type.
struct MessageMedia
{
    QString url;
    QString contentType; // image/jpeg, application/pdf, …

    bool isImage() const { return contentType.startsWith(u"image/"); }
    // The usual file extension of its type ("jpg", "pdf"; "bin" when unknown): a kept copy
    // opens in the right program. A table, not QMimeDatabase, whose first use reads the whole
    // shared database on the calling (GUI) thread.
    QString fileSuffix() const;
    bool operator==(const MessageMedia &) const = default;
};

// media_json's form, the same on both backends: [{"url": …, "type": …}, …].
QString mediaJson(const QList<MessageMedia> &media);
QList<MessageMedia> mediaFromJson(const QString &json);

// What makes a conversation: the channel, the person outside the tenant, and the line (the
// clinic's numbers, or one staff member's own). The same person texting the clinic and texting
// a staff member's RingCentral number are two conversations, and the second is only theirs.
struct ConversationKey
{
    QString channel = QStringLiteral("sms");
    QString counterpartE164;
    StaffId lineOwner; // invalid: the clinic's numbers

    bool isEmpty() const { return counterpartE164.isEmpty(); }
    bool operator==(const ConversationKey &) const = default;
};

struct MessageRecord
{
    MessageId id;
    QString channel = QStringLiteral("sms"); // sms or whatsapp
    QString counterpartE164; // the person outside the tenant: the thread's key
    QString ourE164; // the tenant's number
    bool isInbound = false;
    QString body;
    QString status; // Twilio's: queued, sent, delivered, failed, received, …
    QString errorCode; // the provider's, when it refused or failed the message
    QString provider = QStringLiteral("twilio");
    QString providerMessageId; // SM…; empty when the provider refused it outright
    qint64 sentAt = 0;
    QList<MessageMedia> media; // what came with it, as its first description said
    // Whose own line it is on (a staff member's RingCentral number); invalid: the clinic's.
    StaffId lineOwner;

    ConversationKey conversation() const { return {channel, counterpartE164, lineOwner}; }
    bool operator==(const MessageRecord &) const = default;
};

// One conversation of a tenant (a channel and a person), as a list of threads shows it: its
// newest message, how many there are, and the tenant's lead with that number when there is one.
struct MessageThread
{
    MessageRecord last;
    QString counterpartName;
    int messageCount = 0;
    int unreadCount = 0; // the person's messages the reader has not opened the thread since

    bool operator==(const MessageThread &) const = default;
};

// Who describes a message: the provider's webhook (an inbound text, or a status of one we sent)
// or our own send, when the provider's reply to it comes back.
enum class MessageSource { Webhook, OurSend };

// The one rule for a message that several sources describe. Status callbacks arrive in any
// order and may beat the send's own reply: a status replaces only a lower-ranked one, and its
// error code goes with it; our send fills in what only it knows (the body, when it was sent);
// the media are the first description's that had any.
// CallStore's counterpart for calls is CallMerge. PostgreSQL's batch function for webhooks
// (migration 0007) keeps this rule in SQL; tst_groupcommit holds the two to the same rows.
class MessageMerge final
{
public:
    static int statusRank(const QString &status);
    static MessageRecord
    merged(const MessageRecord &stored, const MessageRecord &incoming, MessageSource source);
};

} // namespace Sb::Store
