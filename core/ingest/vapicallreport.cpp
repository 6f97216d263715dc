#include "vapicallreport.h"

#include <core/store/sqlquery.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Ingest {

using Store::SqlQuery;

namespace {
qint64 msecsOf(const QJsonValue &iso, qint64 fallback)
{
    const QDateTime time = QDateTime::fromString(iso.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : fallback;
}

// A Twilio call forwarded to the assistant is linked if it started within this window.
constexpr qint64 kLinkWindowMs = 6 * 60 * 60 * 1000;
} // namespace

Status VapiCallReport::write(QSqlDatabase &db,
                             const Store::TenantScope &tenant,
                             const IngestEvent &event)
{
    const QJsonObject message =
        QJsonDocument::fromJson(event.rawBody).object().value(u"message").toObject();
    const QJsonObject call = message.value(u"call").toObject();
    const QJsonObject artifact = message.value(u"artifact").toObject();
    const QString vapiId = call.value(u"id").toString();
    const QString customer = event.from;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 endedAt = msecsOf(message.value(u"endedAt"), now);
    const qint64 startedAt = msecsOf(message.value(u"startedAt"), 0);
    const QVariant duration = startedAt > 0 && endedAt >= startedAt
        ? QVariant(int((endedAt - startedAt + 500) / 1000))
        : QVariant(QMetaType::fromType<int>());
    QString recording = artifact.value(u"recordingUrl").toString();
    if (recording.isEmpty())
        recording = artifact.value(u"stereoRecordingUrl").toString();
    const QJsonValue cost = message.value(u"cost");
    const auto bindReport = [&](SqlQuery &query) -> SqlQuery & {
        return query.bind(QStringLiteral(":vapi"), vapiId)
            .bind(QStringLiteral(":recording"), Store::optionalString(recording))
            .bind(QStringLiteral(":transcript"),
                  Store::optionalString(artifact.value(u"transcript").toString()))
            .bind(QStringLiteral(":messages"),
                  QString::fromUtf8(QJsonDocument(artifact.value(u"messages").toArray())
                                        .toJson(QJsonDocument::Compact)))
            .bind(QStringLiteral(":summary"),
                  Store::optionalString(
                      message.value(u"analysis").toObject().value(u"summary").toString()))
            .bind(QStringLiteral(":reason"),
                  Store::optionalString(message.value(u"endedReason").toString()))
            .bind(QStringLiteral(":cost"),
                  cost.isDouble() ? QVariant(qint64(cost.toDouble() * 1'000'000))
                                  : QVariant(QMetaType::fromType<qint64>()))
            .bind(QStringLiteral(":ended"), endedAt)
            .bind(QStringLiteral(":duration"), duration)
            .bind(QStringLiteral(":now"), now)
            .bind(QStringLiteral(":tenant"), tenant.tenantId().value());
    };
    SqlQuery update(
        db,
        QStringLiteral("UPDATE calls SET vapi_call_id = :vapi, recording_url = COALESCE(:recording,"
                       " recording_url), transcript = :transcript, transcript_json = :messages,"
                       " summary = :summary, ended_reason = :reason, cost_micros = :cost,"
                       " ended_at = COALESCE(ended_at, :ended),"
                       " duration_seconds = COALESCE(duration_seconds, :duration),"
                       " status = CASE WHEN status_rank < 4 THEN 'completed' ELSE status END, "
                       "status_rank = 4, updated_at = :now"
                       " WHERE id = (SELECT id FROM calls WHERE tenant_id = :tenant AND"
                       " (vapi_call_id = :vapi OR (provider = 'vapi' AND provider_call_id = :vapi)"
                       " OR (vapi_call_id IS NULL AND counterpart_e164 = :customer"
                       " AND started_at > :since)) ORDER BY CASE WHEN vapi_call_id = :vapi THEN 0"
                       " ELSE 1 END, started_at DESC LIMIT 1)"));
    bindReport(update)
        .bind(QStringLiteral(":customer"), customer)
        .bind(QStringLiteral(":since"), now - kLinkWindowMs);
    if (auto updated = update.exec(); !updated)
        return updated;
    if (update.numRowsAffected() > 0)
        return ok();
    const bool isInbound = call.value(u"type").toString() == u"inboundPhoneCall";
    SqlQuery insert(
        db,
        QStringLiteral(
            "INSERT INTO calls (tenant_id, provider, provider_call_id, vapi_call_id,"
            " direction, from_e164, to_e164, counterpart_e164, status, status_rank,"
            " started_at, ended_at, duration_seconds, recording_url, transcript, transcript_json,"
            " summary, ended_reason, cost_micros, created_at, updated_at) VALUES (:tenant,"
            " 'vapi', :vapi, :vapi, :direction, :from, :to, :customer, 'completed', 4,"
            " :started, :ended, :duration, :recording, :transcript, :messages, :summary,"
            " :reason, :cost, :now, :now) ON CONFLICT (tenant_id, provider, provider_call_id) DO "
            "NOTHING"));
    bindReport(insert)
        .bind(QStringLiteral(":direction"),
              isInbound ? QStringLiteral("inbound") : QStringLiteral("outbound"))
        .bind(QStringLiteral(":from"), isInbound ? customer : event.to)
        .bind(QStringLiteral(":to"), isInbound ? event.to : customer)
        .bind(QStringLiteral(":customer"), customer)
        .bind(QStringLiteral(":started"), msecsOf(message.value(u"startedAt"), endedAt));
    return insert.exec();
}

} // namespace Sb::Ingest
