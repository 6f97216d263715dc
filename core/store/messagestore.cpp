#include "messagestore.h"

#include "database.h"
#include "personname.h"
#include "sqlquery.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>
#include <limits>

#include <QSet>

namespace Sb::Store {

namespace {
const QString kColumns = QStringLiteral(
    "id, channel, counterpart_e164, our_e164, direction, body, status,"
    " COALESCE(error_code, ''), provider, COALESCE(provider_message_id, ''), sent_at,"
    " media_json, COALESCE(owner_staff_id, 0)");

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
    message.media = mediaFromJson(query.value(11).toString());
    message.lineOwner = StaffId(query.value(12).toLongLong());
    return message;
}
} // namespace

MessageStore::MessageStore(Database &database)
    : m_database(database)
{}

Result<MessageRecord> MessageStore::recordOutbound(const Store::TenantScope &tenant,
                                                   const MessageRecord &message)
{
    MessageRecord outbound = message;
    outbound.isInbound = false;
    if (outbound.sentAt == 0)
        outbound.sentAt = QDateTime::currentMSecsSinceEpoch();
    Result<MessageRecord> recorded = outbound;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        recorded = applyIn(db, tenant, outbound, MessageSource::OurSend);
        return recorded ? ok() : Status(recorded.error());
    });
    if (!status)
        return status.error();
    return recorded;
}

Result<MessageRecord> MessageStore::applyIn(QSqlDatabase &db,
                                            const Store::TenantScope &tenant,
                                            const MessageRecord &incoming,
                                            MessageSource source)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    MessageRecord fresh = incoming;
    if (fresh.sentAt == 0)
        fresh.sentAt = now;
    // Most messages are new: one statement. A refused message has no provider id and is a row
    // of its own (NULLs never conflict).
    InsertQuery insert(
        db,
        QStringLiteral("INSERT INTO messages (tenant_id, channel, counterpart_e164, our_e164,"
                       " direction, body, status, status_rank, error_code, provider,"
                       " provider_message_id, sent_at, created_at, updated_at, media_json, owner_staff_id)"
                       " VALUES (:tenant, :channel, :counterpart, :ours, :direction, :body,"
                       " :status, :rank, :error, :provider, :sid, :sent, :now, :now, :media,"
                       " :owner)"
                       " ON CONFLICT (tenant_id, provider, provider_message_id) DO NOTHING"));
    auto inserted =
        insert.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":channel"), fresh.channel)
            .bind(QStringLiteral(":counterpart"), fresh.counterpartE164)
            .bind(QStringLiteral(":ours"), fresh.ourE164)
            .bind(QStringLiteral(":direction"),
                  fresh.isInbound ? QStringLiteral("inbound") : QStringLiteral("outbound"))
            .bind(QStringLiteral(":body"), text(fresh.body))
            .bind(QStringLiteral(":status"), fresh.status)
            .bind(QStringLiteral(":rank"), MessageMerge::statusRank(fresh.status))
            .bind(QStringLiteral(":error"), optionalString(fresh.errorCode))
            .bind(QStringLiteral(":provider"), fresh.provider)
            .bind(QStringLiteral(":sid"), optionalString(fresh.providerMessageId))
            .bind(QStringLiteral(":sent"), fresh.sentAt)
            .bind(QStringLiteral(":now"), now)
            .bind(QStringLiteral(":media"), mediaJson(fresh.media))
            .bind(QStringLiteral(":owner"),
                  fresh.lineOwner.isValid() ? QVariant(fresh.lineOwner.value())
                                            : QVariant(QMetaType::fromType<qlonglong>()))
            .exec();
    if (!inserted)
        return inserted.error();
    if (*inserted) {
        fresh.id = MessageId(**inserted);
        m_database.noteChange({tenant.tenantId(), ChangeKind::Messages, fresh.id.value()});
        return fresh;
    }
    // Held: read it under a row lock (PostgreSQL; SQLite's writer holds the whole file), merge
    // in C++, write back what changed.
    SqlQuery select(db,
                    QStringLiteral("SELECT ") + kColumns
                        + QStringLiteral(" FROM messages WHERE tenant_id = :tenant"
                                         " AND provider = :provider AND provider_message_id = :sid")
                        + (m_database.backend() == Backend::Postgres ? QStringLiteral(" FOR UPDATE")
                                                                     : QString()));
    auto selected = select.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                        .bind(QStringLiteral(":provider"), fresh.provider)
                        .bind(QStringLiteral(":sid"), fresh.providerMessageId)
                        .exec();
    if (!selected)
        return selected.error();
    if (!select.next())
        return Error{ErrorCode::DatabaseError, tr("The message was not recorded")};
    const MessageRecord stored = messageFrom(select);
    const MessageRecord merged = MessageMerge::merged(stored, incoming, source);
    if (merged == stored)
        return stored;
    auto updated =
        SqlQuery(db,
                 QStringLiteral("UPDATE messages SET channel = :channel, counterpart_e164 ="
                                " :counterpart, our_e164 = :ours, body = :body, status = :status,"
                                " status_rank = :rank, error_code = :error, sent_at = :sent,"
                                " media_json = :media, updated_at = :now"
                                " WHERE tenant_id = :tenant AND id = :id"))
            .bind(QStringLiteral(":channel"), merged.channel)
            .bind(QStringLiteral(":counterpart"), merged.counterpartE164)
            .bind(QStringLiteral(":ours"), merged.ourE164)
            .bind(QStringLiteral(":body"), text(merged.body))
            .bind(QStringLiteral(":status"), merged.status)
            .bind(QStringLiteral(":rank"), MessageMerge::statusRank(merged.status))
            .bind(QStringLiteral(":error"), optionalString(merged.errorCode))
            .bind(QStringLiteral(":sent"), merged.sentAt)
            .bind(QStringLiteral(":media"), mediaJson(merged.media))
            .bind(QStringLiteral(":now"), now)
            .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":id"), merged.id.value())
            .exec();
    if (!updated)
        return updated.error();
    m_database.noteChange({tenant.tenantId(), ChangeKind::Messages, merged.id.value()});
    return merged;
}

Status MessageStore::applyAll(const Store::TenantScope &tenant, const QList<MessageRecord> &messages)
{
    if (messages.isEmpty())
        return ok();
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
        for (const MessageRecord &message : messages) {
            if (auto applied = applyIn(db, tenant, message, MessageSource::Webhook); !applied)
                return applied.error();
        }
        return ok();
    });
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
                                                  const ConversationKey &conversation,
                                                  int limit,
                                                  qint64 beforeId) const
{
    // The newest `limit` of the conversation, then turned to reading order.
    QVariantMap binds{{QStringLiteral(":channel"), conversation.channel},
                      {QStringLiteral(":who"), conversation.counterpartE164},
                      {QStringLiteral(":line"), conversation.lineOwner.value()}};
    if (beforeId > 0)
        binds.insert(QStringLiteral(":before"), beforeId);
    auto newestFirst = select(
        tenant,
        QStringLiteral(" AND channel = :channel AND counterpart_e164 = :who"
                       " AND COALESCE(owner_staff_id, 0) = :line")
            + (beforeId > 0 ? keysetBefore(QStringLiteral("messages"), QStringLiteral("sent_at"))
                            : QString()),
        binds,
        QStringLiteral("sent_at DESC, id DESC"),
        limit);
    if (newestFirst)
        std::reverse(newestFirst->begin(), newestFirst->end());
    return newestFirst;
}

Result<qint64> MessageStore::lastInboundAt(const Store::TenantScope &tenant,
                                           const QString &channel,
                                           const QString &counterpartE164) const
{
    qint64 at = 0;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        // The conversation's index, newest first: the first inbound row is the answer.
        SqlQuery query(db,
                       QStringLiteral("SELECT sent_at FROM messages WHERE tenant_id = :tenant"
                                      " AND channel = :channel AND counterpart_e164 = :who"
                                      " AND direction = 'inbound'"
                                      " ORDER BY sent_at DESC LIMIT 1"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":channel"), channel)
                       .bind(QStringLiteral(":who"), counterpartE164)
                       .exec();
        if (ran && query.next())
            at = query.value(0).toLongLong();
        return ran;
    });
    if (!status)
        return status.error();
    return at;
}

Status MessageStore::markRead(const Store::TenantScope &tenant,
                              StaffId reader,
                              const ConversationKey &conversation,
                              qint64 at)
{
    // No change event: the reader's own console already knows, and nobody else is told.
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        return SqlQuery(db,
                        QStringLiteral(
                            "INSERT INTO conversation_reads (tenant_id, staff_id, channel,"
                            " counterpart_e164, line_owner, read_at) VALUES (:tenant, :staff,"
                            " :channel, :who, :line, :at) ON CONFLICT (tenant_id, staff_id,"
                            " channel, counterpart_e164, line_owner)"
                            " DO UPDATE SET read_at = CASE WHEN excluded.read_at >"
                            " conversation_reads.read_at THEN excluded.read_at ELSE"
                            " conversation_reads.read_at END"))
            .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":staff"), reader.value())
            .bind(QStringLiteral(":channel"), conversation.channel)
            .bind(QStringLiteral(":who"), conversation.counterpartE164)
            .bind(QStringLiteral(":line"), conversation.lineOwner.value())
            .bind(QStringLiteral(":at"), at)
            .exec();
    });
}

Result<QList<MessageThread>>
MessageStore::threads(const Store::TenantScope &tenant, StaffId reader, int limit) const
{
    // Each conversation's newest time and size from the conversation index (migration 27),
    // then, for the conversations shown, the newest message and the reader's unread (the
    // person's messages after the reader's mark, else after they joined); the tenant's lead or
    // CRM contact with that number names it.
    const QString columns = QStringLiteral(
        "WITH latest AS (SELECT channel, counterpart_e164, COALESCE(owner_staff_id, 0) AS line,"
        " MAX(sent_at) AS at, COUNT(*) AS n"
        " FROM messages WHERE tenant_id = :tenant"
        " GROUP BY channel, counterpart_e164, COALESCE(owner_staff_id, 0)"
        " ORDER BY at DESC LIMIT :limit)"
        " SELECT m.id, m.channel, m.counterpart_e164, m.our_e164, m.direction, m.body, m.status,"
        " COALESCE(m.error_code, ''), m.provider, COALESCE(m.provider_message_id, ''), m.sent_at,"
        " m.media_json, latest.line, latest.n,"
        // Only the conversations shown, each from its mark on, through the conversation index.
        " (SELECT COUNT(*) FROM messages u WHERE u.tenant_id = :tenant"
        " AND u.channel = latest.channel AND u.counterpart_e164 = latest.counterpart_e164"
        " AND COALESCE(u.owner_staff_id, 0) = latest.line"
        " AND u.direction = 'inbound' AND u.sent_at > COALESCE((SELECT r.read_at"
        " FROM conversation_reads r WHERE r.tenant_id = :tenant AND r.staff_id = :staff"
        " AND r.channel = latest.channel AND r.counterpart_e164 = latest.counterpart_e164"
        " AND r.line_owner = latest.line),"
        " (SELECT j.created_at FROM memberships j WHERE j.tenant_id = :tenant"
        " AND j.staff_id = :staff), :never)), ")
        + personNameSql(QStringLiteral("m.tenant_id"), QStringLiteral("m.counterpart_e164"));
    // Each conversation's newest message, looked up by index once per conversation shown. SQLite
    // does so for a CROSS JOIN (left free, it walks the tenant's texts by time instead);
    // PostgreSQL misjudges that join as one row and hashes every text of the tenant (136 ms at
    // 100,000 texts, against 54–78 ms for a LATERAL lookup, which SQLite does not have).
    static const QString sqliteNewest = QStringLiteral(
        " FROM latest CROSS JOIN messages m WHERE m.tenant_id = :tenant"
        " AND m.channel = latest.channel AND m.counterpart_e164 = latest.counterpart_e164"
        " AND COALESCE(m.owner_staff_id, 0) = latest.line AND m.sent_at = latest.at"
        " ORDER BY m.sent_at DESC, m.id DESC");
    static const QString postgresNewest = QStringLiteral(
        " FROM latest CROSS JOIN LATERAL (SELECT * FROM messages x WHERE x.tenant_id = :tenant"
        " AND x.channel = latest.channel AND x.counterpart_e164 = latest.counterpart_e164"
        " AND COALESCE(x.owner_staff_id, 0) = latest.line AND x.sent_at = latest.at"
        " ORDER BY x.id DESC LIMIT 1) m"
        " ORDER BY m.sent_at DESC, m.id DESC");
    const QString sql =
        columns + (m_database.backend() == Backend::Postgres ? postgresNewest : sqliteNewest);
    QList<MessageThread> threads;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, sql);
        // Without a reader nothing counts as unread (a mark beyond every message).
        query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":staff"), reader.value())
            .bind(QStringLiteral(":never"),
                  reader.isValid() ? qint64(0) : std::numeric_limits<qint64>::max())
            .bind(QStringLiteral(":limit"), limit);
        if (auto ran = query.exec(); !ran)
            return ran;
        QSet<QString> seen; // two messages of one conversation at the same millisecond (SQLite)
        while (query.next()) {
            MessageThread thread;
            thread.last = messageFrom(query);
            const QString key = thread.last.channel + thread.last.counterpartE164 + u'/'
                + QString::number(thread.last.lineOwner.value());
            if (seen.contains(key))
                continue;
            seen.insert(key);
            thread.messageCount = query.value(13).toInt();
            thread.unreadCount = query.value(14).toInt();
            thread.counterpartName = query.value(15).toString();
            threads.append(thread);
        }
        return ok();
    });
    if (!status)
        return status.error();
    return threads;
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
