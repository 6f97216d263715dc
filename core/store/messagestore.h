#pragma once

#include <core/common/id.h>
#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QList>
#include <QString>

namespace Sb::Store {

class Database;

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
};

// A tenant's text messages. Inbound ones and status changes arrive through the ingest server;
// outbound ones are recorded here the moment the provider accepts (or refuses) them, so the
// thread shows them at once, and the ingest server's status events complete them.
class MessageStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::MessageStore)

public:
    explicit MessageStore(Database &database);

    // Status callbacks arrive in any order and may beat the send's own reply: a status only
    // ever replaces a lower-ranked one.
    static int statusRank(const QString &status);

    // A message we sent. If a status callback already created its row, the body and our
    // details are filled in and the further-along status is kept.
    Result<MessageRecord> recordOutbound(const Store::TenantScope &tenant,
                                         const MessageRecord &message);
    // beforeId: the last message of the previous page (0: from the newest).
    Result<QList<MessageRecord>>
    newest(const Store::TenantScope &tenant, int limit, qint64 beforeId = 0) const;
    // One conversation, oldest first, as a thread is read: its newest `limit` messages
    // before beforeId (0: the newest).
    Result<QList<MessageRecord>> thread(const Store::TenantScope &tenant,
                                        const QString &channel,
                                        const QString &counterpartE164,
                                        int limit,
                                        qint64 beforeId = 0) const;

private:
    Result<QList<MessageRecord>> select(const Store::TenantScope &tenant,
                                        const QString &where,
                                        const QVariantMap &binds,
                                        const QString &order,
                                        int limit) const;

    Database &m_database;
};

} // namespace Sb::Store
