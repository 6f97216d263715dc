#include "webhookeventstore.h"

#include "callstore.h"
#include "database.h"
#include "messagestore.h"
#include "sqlquery.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <optional>

namespace Sb::Store {

namespace {
QString headersOf(const WebhookEventRecord &event)
{
    return event.headersJson.isEmpty() ? QStringLiteral("{}")
                                       : QString::fromUtf8(event.headersJson);
}

const MessageRecord *messageOf(const ReceivedEvent &event)
{
    return std::get_if<MessageRecord>(&event.change);
}

bool isAboutCalls(const ReceivedEvent &event)
{
    return std::holds_alternative<CallProgress>(event.change)
        || std::holds_alternative<CallRecording>(event.change)
        || std::holds_alternative<CallReport>(event.change);
}
} // namespace

WebhookEventStore::WebhookEventStore(Database &database)
    : m_database(database)
{}

Result<bool> WebhookEventStore::storeOnce(const ReceivedEvent &event)
{
    Result<bool> isNew = false;
    auto status =
        m_database.transaction(event.tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
            auto stored = storeAllIn(db, {event});
            if (!stored)
                return Status(stored.error());
            isNew = stored->first();
            return ok();
        });
    if (!status)
        return status.error();
    return isNew;
}

Result<QList<bool>> WebhookEventStore::storeAllIn(QSqlDatabase &db,
                                                  const QList<ReceivedEvent> &events)
{
    if (events.isEmpty())
        return QList<bool>();
    return m_database.backend() == Backend::Postgres ? storeBatchIn(db, events)
                                                     : storeOneByOneIn(db, events);
}

Result<QList<bool>> WebhookEventStore::storeOneByOneIn(QSqlDatabase &db,
                                                       const QList<ReceivedEvent> &events)
{
    // SQLite runs in this process: a statement per row costs no round trip.
    QList<bool> isNew(events.size(), false);
    std::optional<TenantScope> entered;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const ReceivedEvent &event = events.at(i);
        if (entered != event.tenant) {
            if (auto scoped = m_database.enterTenant(db, event.tenant); !scoped)
                return scoped.error();
            entered = event.tenant;
        }
        InsertQuery insert(db,
                        QStringLiteral("INSERT INTO webhook_events (tenant_id, provider, event_key,"
                                       " event_type, headers_json, raw_body, received_at)"
                                       " VALUES (:tenant, :provider, :key, :type, :headers, :body,"
                                       " :at) ON CONFLICT (tenant_id, provider, event_key)"
                                       " DO NOTHING"));
        auto inserted = insert.bind(QStringLiteral(":tenant"), event.tenant.tenantId().value())
                       .bind(QStringLiteral(":provider"), event.raw.provider)
                       .bind(QStringLiteral(":key"), event.raw.eventKey)
                       .bind(QStringLiteral(":type"), event.raw.eventType)
                       .bind(QStringLiteral(":headers"), headersOf(event.raw))
                       .bind(QStringLiteral(":body"), event.raw.rawBody)
                       .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
                       .exec();
        if (!inserted)
            return inserted.error();
        if (!*inserted)
            continue; // a duplicate: already stored, by us or by another server
        m_database.noteChange({event.tenant.tenantId(), ChangeKind::Events, **inserted});
        if (auto applied = applyIn(db, event); !applied)
            return applied.error();
        isNew[i] = true;
    }
    return isNew;
}

Result<QList<bool>> WebhookEventStore::storeBatchIn(QSqlDatabase &db,
                                                    const QList<ReceivedEvent> &events)
{
    // The rows travel as one JSON parameter (QJsonDocument does the quoting, the body goes as
    // base64) to sb_store_webhook_events (migration 0007): one prepared statement whatever the
    // batch size. A redelivery inside the batch is a duplicate of its first delivery. Messages
    // are merged there by MessageMerge's rule in SQL (tst_groupcommit compares the two).
    auto keyOf = [](qint64 tenant, const QString &provider, const QString &eventKey) {
        return QString::number(tenant) + u'|' + provider + u'|' + eventKey;
    };
    QSet<QString> seen;
    QList<bool> isFirst(events.size(), false);
    QJsonArray rows;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const ReceivedEvent &event = events.at(i);
        const QString key =
            keyOf(event.tenant.tenantId().value(), event.raw.provider, event.raw.eventKey);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        isFirst[i] = true;
        QJsonObject row{
            {QStringLiteral("tenant"), event.tenant.tenantId().value()},
            {QStringLiteral("ord"), i},
            {QStringLiteral("provider"), event.raw.provider},
            {QStringLiteral("event_key"), event.raw.eventKey},
            {QStringLiteral("event_type"), event.raw.eventType},
            {QStringLiteral("headers_json"), headersOf(event.raw)},
            {QStringLiteral("raw_body"), QString::fromLatin1(event.raw.rawBody.toBase64())},
        };
        if (const MessageRecord *message = messageOf(event)) {
            row.insert(QStringLiteral("message_id"), message->providerMessageId);
            row.insert(QStringLiteral("channel"), message->channel);
            row.insert(QStringLiteral("counterpart"), message->counterpartE164);
            row.insert(QStringLiteral("ours"), message->ourE164);
            row.insert(QStringLiteral("direction"),
                       message->isInbound ? QStringLiteral("inbound") : QStringLiteral("outbound"));
            row.insert(QStringLiteral("body"), message->body);
            row.insert(QStringLiteral("status"), message->status);
            row.insert(QStringLiteral("status_rank"), MessageMerge::statusRank(message->status));
            if (!message->errorCode.isEmpty())
                row.insert(QStringLiteral("error_code"), message->errorCode);
            if (!message->media.isEmpty())
                row.insert(QStringLiteral("media"), mediaJson(message->media));
        }
        rows.append(row);
    }
    SqlQuery store(db,
                   QStringLiteral("SELECT stored_tenant, stored_provider, stored_key FROM"
                                  " sb_store_webhook_events(CAST(:events AS json), :at)"));
    auto ran = store
                   .bind(QStringLiteral(":events"),
                         QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)))
                   .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
                   .exec();
    if (!ran)
        return ran.error();
    QSet<QString> stored;
    while (store.next())
        stored.insert(keyOf(
            store.value(0).toLongLong(), store.value(1).toString(), store.value(2).toString()));

    // Calls, recordings and VAPI reports, in arrival order so a recording finds its call.
    QList<bool> isNew(events.size(), false);
    std::optional<TenantScope> entered;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const ReceivedEvent &event = events.at(i);
        const TenantId tenant = event.tenant.tenantId();
        isNew[i] = isFirst[i]
            && stored.contains(keyOf(tenant.value(), event.raw.provider, event.raw.eventKey));
        if (!isNew[i])
            continue;
        m_database.noteChange({tenant, ChangeKind::Events, 0});
        if (messageOf(event))
            m_database.noteChange({tenant, ChangeKind::Messages, 0});
        if (!isAboutCalls(event))
            continue;
        if (entered != event.tenant) {
            if (auto scoped = m_database.enterTenant(db, event.tenant); !scoped)
                return scoped.error();
            entered = event.tenant;
        }
        if (auto applied = applyIn(db, event); !applied)
            return applied.error();
    }
    return isNew;
}

Status WebhookEventStore::applyIn(QSqlDatabase &db, const ReceivedEvent &event)
{
    const auto fail = [](const auto &result) {
        return result ? ok() : Status(result.error());
    };
    if (const auto *message = std::get_if<MessageRecord>(&event.change))
        return fail(
            MessageStore(m_database).applyIn(db, event.tenant, *message, MessageSource::Webhook));
    if (const auto *progress = std::get_if<CallProgress>(&event.change))
        return fail(CallStore(m_database).applyIn(db, event.tenant, *progress));
    if (const auto *recording = std::get_if<CallRecording>(&event.change))
        return fail(CallStore(m_database).applyIn(db, event.tenant, *recording));
    if (const auto *report = std::get_if<CallReport>(&event.change))
        return fail(CallStore(m_database).applyIn(db, event.tenant, *report));
    return ok();
}

Status
WebhookEventStore::audit(const TenantScope &tenant, const QString &action, const QString &detail)
{
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        return SqlQuery(db,
                        QStringLiteral("INSERT INTO audit_log (tenant_id, actor, action, detail,"
                                       " created_at) VALUES (:tenant, 'ingest', :action, :detail,"
                                       " :at)"))
            .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":action"), action)
            .bind(QStringLiteral(":detail"), detail)
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .exec();
    });
}

} // namespace Sb::Store
