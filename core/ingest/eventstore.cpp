#include "eventstore.h"

#include "tenantresolver.h"
#include "vapicallreport.h"

#include <core/store/database.h>
#include <core/store/messagestore.h>
#include <core/store/sqlquery.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <optional>

namespace Sb::Ingest {

using Store::SqlQuery;
using Store::TransactionMode;

namespace {
QString fieldOf(const IngestEvent &event, const QString &name)
{
    for (const auto &[key, value] : event.fields) {
        if (key == name)
            return value;
    }
    return {};
}

QString headersOf(const IngestEvent &event)
{
    return event.headersJson.isEmpty() ? QStringLiteral("{}")
                                       : QString::fromUtf8(event.headersJson);
}

QString channelOf(const IngestEvent &event)
{
    return event.from.startsWith(u"whatsapp:") || event.to.startsWith(u"whatsapp:")
        ? QStringLiteral("whatsapp")
        : QStringLiteral("sms");
}

// The message row a Twilio message event creates or moves forward.
struct MessageRow
{
    QString messageId;
    QString channel;
    QString counterpart;
    QString ours;
    QString direction;
    QString body;
    QString status;
    int statusRank = 0;
    QString errorCode;
};

std::optional<MessageRow> messageRowOf(const IngestEvent &event)
{
    const bool isIncoming =
        event.eventType == u"sms.received" || event.eventType == u"whatsapp.received";
    if (!isIncoming && event.eventType != u"message.status")
        return std::nullopt;
    MessageRow row;
    row.messageId = fieldOf(event, QStringLiteral("MessageSid"));
    row.channel = channelOf(event);
    row.counterpart = TenantResolver::bareNumber(isIncoming ? event.from : event.to);
    row.ours = TenantResolver::bareNumber(isIncoming ? event.to : event.from);
    row.direction = isIncoming ? QStringLiteral("inbound") : QStringLiteral("outbound");
    row.body = fieldOf(event, QStringLiteral("Body"));
    row.status =
        isIncoming ? QStringLiteral("received") : fieldOf(event, QStringLiteral("MessageStatus"));
    if (row.status.isEmpty())
        row.status = fieldOf(event, QStringLiteral("SmsStatus"));
    row.statusRank = Store::MessageStore::statusRank(row.status);
    row.errorCode = fieldOf(event, QStringLiteral("ErrorCode"));
    return row;
}

bool hasCallRows(const IngestEvent &event)
{
    return event.eventType == u"call.incoming" || event.eventType == u"call.status"
        || event.eventType == u"recording.status" || event.eventType == u"vapi.end-of-call-report";
}
} // namespace

EventStore::EventStore(Store::Database &database)
    : m_database(database)
{}

Result<bool> EventStore::storeOnce(const Store::TenantScope &tenant, const IngestEvent &event)
{
    Result<bool> isNew = false;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        auto stored = storeAllIn(db, {TenantEvent{tenant, &event}});
        if (!stored)
            return Status(stored.error());
        isNew = stored->first();
        return ok();
    });
    if (!status)
        return status.error();
    return isNew;
}

Result<QList<bool>> EventStore::storeAllIn(QSqlDatabase &db, const QList<TenantEvent> &events)
{
    if (events.isEmpty())
        return QList<bool>();
    return m_database.backend() == Store::Backend::Postgres ? storeBatchIn(db, events)
                                                            : storeEachIn(db, events);
}

Result<QList<bool>> EventStore::storeEachIn(QSqlDatabase &db, const QList<TenantEvent> &events)
{
    // SQLite runs in this process: a statement per row costs no round trip.
    QList<bool> isNew(events.size(), false);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const auto &[tenant, event] = events.at(i);
        SqlQuery insert(db,
                        QStringLiteral("INSERT INTO webhook_events (tenant_id, provider, event_key,"
                                       " event_type, headers_json, raw_body, received_at)"
                                       " VALUES (:tenant, :provider, :key, :type, :headers, :body,"
                                       " :at) ON CONFLICT (tenant_id, provider, event_key)"
                                       " DO NOTHING RETURNING id"));
        auto ran = insert.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":provider"), event->provider)
                       .bind(QStringLiteral(":key"), event->eventKey)
                       .bind(QStringLiteral(":type"), event->eventType)
                       .bind(QStringLiteral(":headers"), headersOf(*event))
                       .bind(QStringLiteral(":body"), event->rawBody)
                       .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
                       .exec();
        if (!ran)
            return ran.error();
        if (!insert.next())
            continue; // a duplicate: already stored, by us or by another server
        if (auto written = writeMessage(db, tenant, *event); !written)
            return written.error();
        if (auto written = writeCallRows(db, tenant, *event); !written)
            return written.error();
        noteChanges(tenant, *event, insert.value(0).toLongLong(), false);
        isNew[i] = true;
    }
    return isNew;
}

Result<QList<bool>> EventStore::storeBatchIn(QSqlDatabase &db, const QList<TenantEvent> &events)
{
    // The rows travel as one JSON parameter (QJsonDocument does the quoting, the body goes as
    // base64) to sb_store_webhook_events (migration 0007): one prepared statement whatever the
    // batch size. A redelivery inside the batch is a duplicate of its first delivery.
    auto keyOf = [](qint64 tenant, const QString &provider, const QString &eventKey) {
        return QString::number(tenant) + u'|' + provider + u'|' + eventKey;
    };
    QSet<QString> seen;
    QList<bool> isFirst(events.size(), false);
    QJsonArray rows;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const auto &[tenant, event] = events.at(i);
        const QString key = keyOf(tenant.tenantId().value(), event->provider, event->eventKey);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        isFirst[i] = true;
        QJsonObject row{
            {QStringLiteral("tenant"), tenant.tenantId().value()},
            {QStringLiteral("ord"), i},
            {QStringLiteral("provider"), event->provider},
            {QStringLiteral("event_key"), event->eventKey},
            {QStringLiteral("event_type"), event->eventType},
            {QStringLiteral("headers_json"), headersOf(*event)},
            {QStringLiteral("raw_body"), QString::fromLatin1(event->rawBody.toBase64())},
        };
        if (const auto message = messageRowOf(*event)) {
            row.insert(QStringLiteral("message_id"), message->messageId);
            row.insert(QStringLiteral("channel"), message->channel);
            row.insert(QStringLiteral("counterpart"), message->counterpart);
            row.insert(QStringLiteral("ours"), message->ours);
            row.insert(QStringLiteral("direction"), message->direction);
            row.insert(QStringLiteral("body"), message->body);
            row.insert(QStringLiteral("status"), message->status);
            row.insert(QStringLiteral("status_rank"), message->statusRank);
            if (!message->errorCode.isEmpty())
                row.insert(QStringLiteral("error_code"), message->errorCode);
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
    std::optional<Store::TenantScope> entered;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const auto &[tenant, event] = events.at(i);
        isNew[i] = isFirst[i]
            && stored.contains(keyOf(tenant.tenantId().value(), event->provider, event->eventKey));
        if (isNew[i])
            noteChanges(tenant, *event, 0, true); // events and messages: logged by the function
        if (!isNew[i] || !hasCallRows(*event))
            continue;
        if (entered != tenant) {
            if (auto scoped = m_database.enterTenant(db, tenant); !scoped)
                return scoped.error();
            entered = tenant;
        }
        if (auto written = writeCallRows(db, tenant, *event); !written)
            return written.error();
    }
    return isNew;
}

// What a new event changed, for the change feed: the webhook log, and its message or call.
void EventStore::noteChanges(const Store::TenantScope &tenant,
                             const IngestEvent &event,
                             qint64 eventId,
                             bool areEventsLogged)
{
    using Store::ChangeKind;
    const TenantId id = tenant.tenantId();
    m_database.noteChange({id, ChangeKind::Events, eventId}, areEventsLogged);
    if (event.eventType == u"sms.received" || event.eventType == u"whatsapp.received"
        || event.eventType == u"message.status") // as messageRowOf, without building the row
        m_database.noteChange({id, ChangeKind::Messages, 0}, areEventsLogged);
    if (hasCallRows(event))
        m_database.noteChange({id, ChangeKind::Calls, 0}); // written here, in C++, on both
}

int EventStore::callStatusRank(const QString &status)
{
    static const QHash<QString, int> ranks = {
        {QStringLiteral("queued"), 1},
        {QStringLiteral("initiated"), 1},
        {QStringLiteral("ringing"), 2},
        {QStringLiteral("in-progress"), 3},
        {QStringLiteral("completed"), 4},
        {QStringLiteral("busy"), 4},
        {QStringLiteral("no-answer"), 4},
        {QStringLiteral("canceled"), 4},
        {QStringLiteral("failed"), 4},
    };
    return ranks.value(status, 0);
}

Status EventStore::writeCallRows(QSqlDatabase &db,
                                 const Store::TenantScope &tenant,
                                 const IngestEvent &event)
{
    if (event.eventType == u"call.incoming" || event.eventType == u"call.status")
        return writeCall(db, tenant, event);
    if (event.eventType == u"recording.status")
        return writeRecording(db, tenant, event);
    if (event.eventType == u"vapi.end-of-call-report")
        return VapiCallReport::write(db, tenant, event);
    return ok();
}

Status EventStore::writeMessage(QSqlDatabase &db,
                                const Store::TenantScope &tenant,
                                const IngestEvent &event)
{
    const auto message = messageRowOf(event);
    if (!message)
        return ok();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // One row per message; a status only replaces a lower-ranked one (callbacks arrive in any order).
    return SqlQuery(db,
                    QStringLiteral(
                        "INSERT INTO messages (tenant_id, channel, counterpart_e164, our_e164,"
                        " direction, body, status, status_rank, error_code, provider,"
                        " provider_message_id, sent_at, created_at, updated_at) VALUES (:tenant,"
                        " :channel, :counterpart, :ours, :direction, :body, :status, :rank, :error,"
                        " 'twilio', :sid, :now, :now, :now)"
                        " ON CONFLICT (tenant_id, provider, provider_message_id) DO UPDATE"
                        " SET status = excluded.status, status_rank = excluded.status_rank,"
                        " error_code = excluded.error_code, updated_at = excluded.updated_at"
                        " WHERE messages.status_rank < excluded.status_rank"))
        .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
        .bind(QStringLiteral(":channel"), message->channel)
        .bind(QStringLiteral(":counterpart"), message->counterpart)
        .bind(QStringLiteral(":ours"), message->ours)
        .bind(QStringLiteral(":direction"), message->direction)
        .bind(QStringLiteral(":body"), Store::text(message->body))
        .bind(QStringLiteral(":status"), message->status)
        .bind(QStringLiteral(":rank"), message->statusRank)
        .bind(QStringLiteral(":error"), Store::optionalString(message->errorCode))
        .bind(QStringLiteral(":sid"), message->messageId)
        .bind(QStringLiteral(":now"), now)
        .exec();
}

Status
EventStore::writeCall(QSqlDatabase &db, const Store::TenantScope &tenant, const IngestEvent &event)
{
    const QString status = fieldOf(event, QStringLiteral("CallStatus"));
    const bool isInbound = fieldOf(event, QStringLiteral("Direction")) != u"outbound-api"
        && fieldOf(event, QStringLiteral("Direction")) != u"outbound-dial";
    const QString from = TenantResolver::bareNumber(event.from);
    const QString to = TenantResolver::bareNumber(event.to);
    const QString duration = fieldOf(event, QStringLiteral("CallDuration"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool isFinal = callStatusRank(status) == 4;
    // One row per call; a status replaces only a lower-ranked one (callbacks come in any order).
    return SqlQuery(
               db,
               QStringLiteral(
                   "INSERT INTO calls (tenant_id, provider, provider_call_id, direction,"
                   " from_e164, to_e164, counterpart_e164, status, status_rank, started_at,"
                   " ended_at, duration_seconds, created_at, updated_at) VALUES (:tenant,"
                   " 'twilio', :sid, :direction, :from, :to, :counterpart, :status, :rank, :now,"
                   " :ended, :duration, :now, :now)"
                   " ON CONFLICT (tenant_id, provider, provider_call_id) DO UPDATE"
                   " SET status = excluded.status, status_rank = excluded.status_rank,"
                   " ended_at = COALESCE(excluded.ended_at, calls.ended_at),"
                   " duration_seconds = COALESCE(excluded.duration_seconds,"
                   " calls.duration_seconds), updated_at = excluded.updated_at"
                   " WHERE calls.status_rank < excluded.status_rank"))
        .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
        .bind(QStringLiteral(":sid"), fieldOf(event, QStringLiteral("CallSid")))
        .bind(QStringLiteral(":direction"),
              isInbound ? QStringLiteral("inbound") : QStringLiteral("outbound"))
        .bind(QStringLiteral(":from"), from)
        .bind(QStringLiteral(":to"), to)
        .bind(QStringLiteral(":counterpart"), isInbound ? from : to)
        .bind(QStringLiteral(":status"), status)
        .bind(QStringLiteral(":rank"), callStatusRank(status))
        .bind(QStringLiteral(":now"), now)
        .bind(QStringLiteral(":ended"),
              isFinal ? QVariant(now) : QVariant(QMetaType::fromType<qint64>()))
        .bind(QStringLiteral(":duration"),
              duration.isEmpty() ? QVariant(QMetaType::fromType<int>())
                                 : QVariant(duration.toInt()))
        .exec();
}

Status EventStore::writeRecording(QSqlDatabase &db,
                                  const Store::TenantScope &tenant,
                                  const IngestEvent &event)
{
    // Attached only once complete: a recording fetched earlier does not play (pitfall 12).
    if (fieldOf(event, QStringLiteral("RecordingStatus")) != u"completed")
        return ok();
    return SqlQuery(db,
                    QStringLiteral("UPDATE calls SET recording_url = :url, updated_at = :now"
                                   " WHERE tenant_id = :tenant AND provider = 'twilio'"
                                   " AND provider_call_id = :sid"))
        .bind(QStringLiteral(":url"), fieldOf(event, QStringLiteral("RecordingUrl")))
        .bind(QStringLiteral(":now"), QDateTime::currentMSecsSinceEpoch())
        .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
        .bind(QStringLiteral(":sid"), fieldOf(event, QStringLiteral("CallSid")))
        .exec();
}

Status
EventStore::audit(const Store::TenantScope &tenant, const QString &action, const QString &detail)
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

} // namespace Sb::Ingest
