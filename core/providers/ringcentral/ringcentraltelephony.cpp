#include "ringcentraltelephony.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>

namespace Sb::Providers::RingCentral {

namespace {
using Stage = Store::CallSessionEvent::Stage;

std::optional<Stage> stageOf(const QString &code)
{
    static const QHash<QString, Stage> stages{
        {QStringLiteral("Setup"), Stage::Ringing},
        {QStringLiteral("Proceeding"), Stage::Ringing},
        {QStringLiteral("Answered"), Stage::Talking},
        {QStringLiteral("Hold"), Stage::Talking},
        {QStringLiteral("Parked"), Stage::Talking},
        {QStringLiteral("Disconnected"), Stage::Ended},
        {QStringLiteral("Gone"), Stage::Ended},
        {QStringLiteral("VoiceMail"), Stage::Ended},
    };
    const auto found = stages.constFind(code);
    return found == stages.cend() ? std::nullopt : std::optional<Stage>(*found);
}

// The party of the extension the notification is for; a session of theirs may list others.
QJsonObject ownPartyOf(const QJsonArray &parties, const QString &extension)
{
    for (const QJsonValue &party : parties) {
        if (party.toObject().value(u"extensionId").toVariant().toString() == extension)
            return party.toObject();
    }
    return parties.size() == 1 ? parties.first().toObject() : QJsonObject();
}
} // namespace

std::optional<Store::CallSessionEvent> callSessionOf(const QJsonObject &notification, StaffId staff)
{
    if (!notification.value(u"event").toString().contains(u"/telephony/sessions"))
        return std::nullopt;
    const QJsonObject body = notification.value(u"body").toObject();
    const QString extension = notification.value(u"ownerId").toVariant().toString();
    const QJsonObject party = ownPartyOf(body.value(u"parties").toArray(), extension);
    const QString sessionId = body.value(u"sessionId").toVariant().toString();
    const QJsonObject status = party.value(u"status").toObject();
    const auto stage = stageOf(status.value(u"code").toString());
    if (sessionId.isEmpty() || party.isEmpty() || !stage)
        return std::nullopt;
    Store::CallSessionEvent event;
    event.provider = QStringLiteral("ringcentral");
    event.sessionId = sessionId;
    event.ownerStaff = staff;
    event.isInbound = party.value(u"direction").toString() == u"Inbound";
    event.fromE164 = party.value(u"from").toObject().value(u"phoneNumber").toString();
    event.toE164 = party.value(u"to").toObject().value(u"phoneNumber").toString();
    event.stage = *stage;
    event.isMissed = party.value(u"missedCall").toBool() || status.value(u"code").toString() == u"VoiceMail";
    const QDateTime at = QDateTime::fromString(body.value(u"eventTime").toString(), Qt::ISODateWithMs);
    event.at = at.isValid() ? at.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    return event;
}

} // namespace Sb::Providers::RingCentral
