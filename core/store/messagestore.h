#pragma once

#include <core/common/id.h>
#include <core/common/result.h>
#include <core/store/messagerecord.h>
#include <core/store/tenantscope.h>

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Sb::Store {

class Database;

// A tenant's text messages. Inbound ones and status changes arrive through the ingest server;
// outbound ones are recorded here the moment the provider accepts (or refuses) them, so the
// thread shows them at once, and the ingest server's status events complete them.
class MessageStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::MessageStore)

public:
    explicit MessageStore(Database &database);

    // A message we sent. If a status callback already created its row, the body and our
    // details are filled in and the further-along status is kept.
    Result<MessageRecord> recordOutbound(const Store::TenantScope &tenant,
                                         const MessageRecord &message);
    // What a webhook says about a message (an inbound text, or a status of one we sent), inside
    // the caller's transaction: a new row, or the stored one merged (MessageMerge).
    Result<MessageRecord> applyIn(QSqlDatabase &db,
                                  const Store::TenantScope &tenant,
                                  const MessageRecord &incoming,
                                  MessageSource source);
    // What a provider's listing says about messages (a staff line's texts, new and changed),
    // each merged as a webhook's description would be, in one transaction.
    Status applyAll(const Store::TenantScope &tenant, const QList<MessageRecord> &messages);
    // beforeId: the last message of the previous page (0: from the newest).
    Result<QList<MessageRecord>>
    newest(const Store::TenantScope &tenant, int limit, qint64 beforeId = 0) const;
    // The tenant's conversations, the most recent first: one per channel, person and line (the
    // person's number is E.164, so one person is never two threads of one line; a staff
    // member's own line is theirs alone on PostgreSQL). Unread counts are the
    // reader's: the person's messages since the reader last opened the thread (or since they
    // joined the tenant).
    Result<QList<MessageThread>>
    threads(const Store::TenantScope &tenant, StaffId reader, int limit) const;
    // The reader has seen the conversation up to `at` (epoch ms); never moves back.
    Status markRead(const Store::TenantScope &tenant,
                    StaffId reader,
                    const ConversationKey &conversation,
                    qint64 at);
    // One conversation, oldest first, as a thread is read: its newest `limit` messages
    // before beforeId (0: the newest).
    Result<QList<MessageRecord>> thread(const Store::TenantScope &tenant,
                                        const ConversationKey &conversation,
                                        int limit,
                                        qint64 beforeId = 0) const;

    // When the person last wrote in that conversation (epoch ms); 0: never.
    Result<qint64> lastInboundAt(const Store::TenantScope &tenant,
                                 const QString &channel,
                                 const QString &counterpartE164) const;

private:
    Result<QList<MessageRecord>> select(const Store::TenantScope &tenant,
                                        const QString &where,
                                        const QVariantMap &binds,
                                        const QString &order,
                                        int limit) const;

    Database &m_database;
};

} // namespace Sb::Store
