#include "vapicallreport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Sb::Providers::Vapi {


namespace {
qint64 msecsOf(const QJsonValue &iso, qint64 fallback)
{
    const QDateTime time = QDateTime::fromString(iso.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : fallback;
}
} // namespace

Store::CallReport
VapiCallReport::reportOf(const QJsonObject &message, const QString &customer, const QString &ours)
{
    const QJsonObject call = message.value(u"call").toObject();
    const QJsonObject artifact = message.value(u"artifact").toObject();
    Store::CallReport report;
    report.vapiCallId = call.value(u"id").toString();
    report.isInbound = call.value(u"type").toString() == u"inboundPhoneCall";
    report.customerE164 = customer;
    report.ourE164 = ours;
    report.endedAt = msecsOf(message.value(u"endedAt"), QDateTime::currentMSecsSinceEpoch());
    report.startedAt = msecsOf(message.value(u"startedAt"), 0);
    report.recordingUrl = artifact.value(u"recordingUrl").toString();
    if (report.recordingUrl.isEmpty())
        report.recordingUrl = artifact.value(u"stereoRecordingUrl").toString();
    report.transcript = artifact.value(u"transcript").toString();
    report.transcriptJson = QString::fromUtf8(
        QJsonDocument(artifact.value(u"messages").toArray()).toJson(QJsonDocument::Compact));
    report.summary = message.value(u"analysis").toObject().value(u"summary").toString();
    report.endedReason = message.value(u"endedReason").toString();
    if (const QJsonValue cost = message.value(u"cost"); cost.isDouble())
        report.costMicros = qint64(cost.toDouble() * 1'000'000);
    return report;
}

} // namespace Sb::Providers::Vapi
