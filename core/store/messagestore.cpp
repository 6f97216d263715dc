#include "messagestore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>

namespace Sb::Store {

namespace {
const QString kColumns = QStringLiteral(
    "id, channel, counterpart_e164, our_e164, direction, body, status,"
    " COALESCE(error_code, ''), provider, COALESCE(provider_message_id, ''), sent_at");

MessageRecord messageFrom(const SqlQuery &query)
{
    MessageRecord message;
    message.id = MessageId(query.value(0).toLongLong());
    message.channel = query.value(1).toString();
    message.counterpartE164 = query.value(2).toString();
    message.ourE164 = query.value(3).toString();
    message.isInbound = query.value(4).toString() == u"inbound";
    message.body = query.value(5).toString();
    message.status = query.value(6).toString();
    message.errorCode = query.value(7).toString();
    message.provider = query.value(8).toString();
    message.providerMessageId = query.value(9).toString();
    message.sentAt = query.value(10).toLongLong();
    return message;
}
} // namespace

MessageStore::MessageStore(Database &database)
    : m_database(database)
{}

int MessageStore::statusRank(const QString &status)
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

Result<MessageRecord> MessageStore::recordOutbound(const Store::TenantScope &tenant,
                                                   const MessageRecord &message)
{
    MessageRecord recorded = message;
    recorded.isInbound = false;
    if (recorded.sentAt == 0)
        recorded.sentAt = QDateTime::currentMSecsSinceEpoch();
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        // A refused message has no provider id: it is its own row (NULLs never conflict).
        SqlQuery upsert(
            db,
            QStringLiteral(
                "INSERT INTO messages (tenant_id, channel, counterpart_e164, our_e164, direction,"
                " body, status, status_rank, error_code, provider, provider_message_id, sent_at,"
                " created_at, updated_at) VALUES (:tenant, :channel, :counterpart, :ours,"
                " 'outbound', :body, :status, :rank, :error, :provider, :sid, :at, :at, :at)"
                " ON CONFLICT (tenant_id, provider, provider_message_id) DO UPDATE"
                " SET body = excluded.body, sent_at = excluded.sent_at,"
                " status = CASE WHEN messages.status_rank < excluded.status_rank"
                " THEN excluded.status ELSE messages.status END,"
                " error_code = COALESCE(messages.error_code, excluded.error_code),"
                " status_rank = CASE WHEN messages.status_rank < excluded.status_rank"
                " THEN excluded.status_rank ELSE messages.status_rank END"
                " RETURNING id, status, COALESCE(error_code, '')"));
        auto ran = upsert.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":channel"), recorded.channel)
                       .bind(QStringLiteral(":counterpart"), recorded.counterpartE164)
                       .bind(QStringLiteral(":ours"), recorded.ourE164)
                       .bind(QStringLiteral(":body"), text(recorded.body))
                       .bind(QStringLiteral(":status"), recorded.status)
                       .bind(QStringLiteral(":rank"), statusRank(recorded.status))
                       .bind(QStringLiteral(":error"), optionalString(recorded.errorCode))
                       .bind(QStringLiteral(":provider"), recorded.provider)
                       .bind(QStringLiteral(":sid"), optionalString(recorded.providerMessageId))
                       .bind(QStringLiteral(":at"), recorded.sentAt)
                       .exec();
        if (!ran)
            return ran;
        if (!upsert.next())
            return Status(Error{ErrorCode::DatabaseError, tr("The message was not recorded")});
        recorded.id = MessageId(upsert.value(0).toLongLong());
        recorded.status = upsert.value(1).toString();
        recorded.errorCode = upsert.value(2).toString();
        m_database.noteChange({tenant.tenantId(), ChangeKind::Messages, recorded.id.value()});
        return ok();
    });
    if (!status)
        return status.error();
    return recorded;
}

Result<QList<MessageRecord>>
MessageStore::newest(const Store::TenantScope &tenant, int limit, qint64 beforeId) const
{
    return select(tenant,
                  beforeId > 0 ? keysetBefore(QStringLiteral("messages"), QStringLiteral("sent_at"))
                               : QString(),
                  beforeId > 0 ? QVariantMap{{QStringLiteral(":before"), beforeId}} : QVariantMap(),
                  QStringLiteral("sent_at DESC, id DESC"),
                  limit);
}

Result<QList<MessageRecord>> MessageStore::thread(const Store::TenantScope &tenant,
                                                  const QString &channel,
                                                  const QString &counterpartE164,
                                                  int limit,
                                                  qint64 beforeId) const
{
    // The newest `limit` of the conversation, then turned to reading order.
    QVariantMap binds{{QStringLiteral(":channel"), channel},
                      {QStringLiteral(":who"), counterpartE164}};
    if (beforeId > 0)
        binds.insert(QStringLiteral(":before"), beforeId);
    auto newestFirst = select(
        tenant,
        QStringLiteral(" AND channel = :channel AND counterpart_e164 = :who")
            + (beforeId > 0 ? keysetBefore(QStringLiteral("messages"), QStringLiteral("sent_at"))
                            : QString()),
        binds,
        QStringLiteral("sent_at DESC, id DESC"),
        limit);
    if (newestFirst)
        std::reverse(newestFirst->begin(), newestFirst->end());
    return newestFirst;
}

Result<QList<MessageRecord>> MessageStore::select(const Store::TenantScope &tenant,
                                                  const QString &where,
                                                  const QVariantMap &binds,
                                                  const QString &order,
                                                  int limit) const
{
    QList<MessageRecord> messages;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM messages WHERE tenant_id = :tenant") + where
                           + QStringLiteral(" ORDER BY ") + order
                           + QStringLiteral(" LIMIT :limit"));
        query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":limit"), limit);
        for (auto it = binds.cbegin(); it != binds.cend(); ++it)
            query.bind(it.key(), it.value());
        if (auto ran = query.exec(); !ran)
            return ran;
        while (query.next())
            messages.append(messageFrom(query));
        return ok();
    });
    if (!status)
        return status.error();
    return messages;
}

} // namespace Sb::Store
