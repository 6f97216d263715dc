#include "eventstore.h"

#include "tenantresolver.h"
#include "vapicallreport.h"

#include <core/store/database.h>
#include <core/store/sqlquery.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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
} // namespace

EventStore::EventStore(Store::Database &database)
    : m_database(database)
{}

int EventStore::messageStatusRank(const QString &status)
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

Result<bool> EventStore::storeOnce(const Tenancy::TenantScope &tenant, const IngestEvent &event)
{
    Result<bool> isNew = false;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        isNew = storeIn(db, tenant, event);
        return isNew ? ok() : Status(isNew.error());
    });
    if (!status)
        return status.error();
    return isNew;
}

Result<bool>
EventStore::storeIn(QSqlDatabase &db, const Tenancy::TenantScope &tenant, const IngestEvent &event)
{
    SqlQuery insert(db,
                    QStringLiteral("INSERT INTO webhook_events (tenant_id, provider, event_key,"
                                   " event_type, headers_json, raw_body, received_at)"
                                   " VALUES (:tenant, :provider, :key, :type, :headers, :body,"
                                   " :at) ON CONFLICT (tenant_id, provider, event_key)"
                                   " DO NOTHING RETURNING id"));
    auto ran = insert.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                   .bind(QStringLiteral(":provider"), event.provider)
                   .bind(QStringLiteral(":key"), event.eventKey)
                   .bind(QStringLiteral(":type"), event.eventType)
                   .bind(QStringLiteral(":headers"), headersOf(event))
                   .bind(QStringLiteral(":body"), event.rawBody)
                   .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
                   .exec();
    if (!ran)
        return ran.error();
    if (!insert.next())
        return false; // a duplicate: already stored, by us or by another server
    if (auto written = writeNormalised(db, tenant, event); !written)
        return written.error();
    return true;
}

Result<QList<bool>> EventStore::storeAllIn(QSqlDatabase &db,
                                           const Tenancy::TenantScope &tenant,
                                           const QList<const IngestEvent *> &events)
{
    QList<bool> isNew(events.size(), false);
    if (db.driverName() != u"QPSQL") {
        for (qsizetype i = 0; i < events.size(); ++i) {
            auto stored = storeIn(db, tenant, *events.at(i));
            if (!stored)
                return stored.error();
            isNew[i] = *stored;
        }
        return isNew;
    }
    // A redelivery inside the same batch is a duplicate of its first delivery.
    QList<const IngestEvent *> distinct;
    QSet<QString> seen;
    for (const IngestEvent *event : events) {
        if (!seen.contains(event->provider + u'|' + event->eventKey)) {
            seen.insert(event->provider + u'|' + event->eventKey);
            distinct.append(event);
        }
    }
    auto inserted = insertRawEvents(db, tenant, distinct);
    if (!inserted)
        return inserted.error();
    for (qsizetype i = 0; i < events.size(); ++i) {
        const IngestEvent &event = *events.at(i);
        // remove(): only the first of several deliveries in the batch writes its rows.
        if (!inserted->remove(event.provider + u'|' + event.eventKey))
            continue;
        if (auto written = writeNormalised(db, tenant, event); !written)
            return written.error();
        isNew[i] = true;
    }
    return isNew;
}

Result<QSet<QString>> EventStore::insertRawEvents(QSqlDatabase &db,
                                                  const Tenancy::TenantScope &tenant,
                                                  const QList<const IngestEvent *> &events)
{
    // The rows travel as one JSON parameter (QJsonDocument does the quoting, the body goes as
    // base64): one prepared statement whatever the batch size.
    QJsonArray rows;
    for (const IngestEvent *event : events) {
        rows.append(QJsonObject{
            {QStringLiteral("provider"), event->provider},
            {QStringLiteral("event_key"), event->eventKey},
            {QStringLiteral("event_type"), event->eventType},
            {QStringLiteral("headers_json"), headersOf(*event)},
            {QStringLiteral("raw_body"), QString::fromLatin1(event->rawBody.toBase64())},
        });
    }
    SqlQuery insert(
        db,
        QStringLiteral(
            "INSERT INTO webhook_events (tenant_id, provider, event_key, event_type,"
            " headers_json, raw_body, received_at) SELECT :tenant, e.provider, e.event_key,"
            " e.event_type, e.headers_json, decode(e.raw_body, 'base64'), :at"
            " FROM json_to_recordset(CAST(:rows AS json)) AS e(provider text, event_key text,"
            " event_type text, headers_json text, raw_body text)"
            " ON CONFLICT (tenant_id, provider, event_key) DO NOTHING"
            " RETURNING provider, event_key"));
    auto ran = insert.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                   .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
                   .bind(QStringLiteral(":rows"),
                         QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)))
                   .exec();
    if (!ran)
        return ran.error();
    QSet<QString> inserted;
    while (insert.next())
        inserted.insert(insert.value(0).toString() + u'|' + insert.value(1).toString());
    return inserted;
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

Status EventStore::writeNormalised(QSqlDatabase &db,
                                   const Tenancy::TenantScope &tenant,
                                   const IngestEvent &event)
{
    if (event.eventType == u"call.incoming" || event.eventType == u"call.status")
        return writeCall(db, tenant, event);
    if (event.eventType == u"recording.status")
        return writeRecording(db, tenant, event);
    if (event.eventType == u"vapi.end-of-call-report")
        return VapiCallReport::write(db, tenant, event);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool isIncoming =
        event.eventType == u"sms.received" || event.eventType == u"whatsapp.received";
    if (!isIncoming && event.eventType != u"message.status")
        return ok();
    QString status =
        isIncoming ? QStringLiteral("received") : fieldOf(event, QStringLiteral("MessageStatus"));
    if (status.isEmpty())
        status = fieldOf(event, QStringLiteral("SmsStatus"));
    const QString counterpart = TenantResolver::bareNumber(isIncoming ? event.from : event.to);
    const QString ours = TenantResolver::bareNumber(isIncoming ? event.to : event.from);
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
        .bind(QStringLiteral(":channel"), channelOf(event))
        .bind(QStringLiteral(":counterpart"), counterpart)
        .bind(QStringLiteral(":ours"), ours)
        .bind(QStringLiteral(":direction"),
              isIncoming ? QStringLiteral("inbound") : QStringLiteral("outbound"))
        .bind(QStringLiteral(":body"), Store::text(fieldOf(event, QStringLiteral("Body"))))
        .bind(QStringLiteral(":status"), status)
        .bind(QStringLiteral(":rank"), messageStatusRank(status))
        .bind(QStringLiteral(":error"),
              Store::optionalString(fieldOf(event, QStringLiteral("ErrorCode"))))
        .bind(QStringLiteral(":sid"), fieldOf(event, QStringLiteral("MessageSid")))
        .bind(QStringLiteral(":now"), now)
        .exec();
}

Status EventStore::writeCall(QSqlDatabase &db,
                             const Tenancy::TenantScope &tenant,
                             const IngestEvent &event)
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
                                  const Tenancy::TenantScope &tenant,
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

Status EventStore::quarantine(const QuarantinedEvent &event)
{
    return m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        return SqlQuery(
                   db,
                   QStringLiteral("INSERT INTO quarantine (provider, endpoint, public_url,"
                                  " reason, headers_json, raw_body, received_at) VALUES"
                                  " (:provider, :endpoint, :url, :reason, :headers, :body, :at)"))
            .bind(QStringLiteral(":provider"), event.provider)
            .bind(QStringLiteral(":endpoint"), event.endpoint)
            .bind(QStringLiteral(":url"), Store::text(event.publicUrl))
            .bind(QStringLiteral(":reason"), event.reason)
            .bind(QStringLiteral(":headers"), Store::text(QString::fromUtf8(event.headersJson)))
            .bind(QStringLiteral(":body"), event.rawBody)
            .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
            .exec();
    });
}

Status
EventStore::audit(const Tenancy::TenantScope &tenant, const QString &action, const QString &detail)
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
