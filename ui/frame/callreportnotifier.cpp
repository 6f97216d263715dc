#include "callreportnotifier.h"

#include <core/numbering/phonenumberparser.h>
#include <core/store/callstore.h>
#include <core/store/database.h>
#include <core/store/messagestore.h>
#include <core/store/personname.h>

#include <QSettings>

namespace Sb::Ui {

namespace {
const QString kCallReports = QStringLiteral("notifications/callReports");
const QString kMessages = QStringLiteral("notifications/messages");
constexpr int kLookBack = 50; // the newest rows read on each change

QString formatted(const QString &e164)
{
    return Numbering::PhoneNumberParser::formatForRegion(
        e164, Numbering::PhoneNumberParser::configuredRegion());
}
} // namespace

CallReportNotifier::CallReportNotifier(const ConsoleContext &context,
                                       std::function<bool()> isActive,
                                       QObject *parent)
    : ActivityNotifier(context, Store::ChangeKind::Calls, std::move(isActive), parent)
{}

bool CallReportNotifier::isEnabled()
{
    return QSettings().value(kCallReports, true).toBool();
}

void CallReportNotifier::setEnabled(bool isEnabled)
{
    QSettings().setValue(kCallReports, isEnabled);
}

QFuture<Result<QList<ActivityNotifier::Notice>>>
CallReportNotifier::readNewest(const CurrentTenant &tenant) const
{
    return context().database->run(
        [database = context().database, tenant]() -> Result<QList<Notice>> {
            auto calls =
                Store::CallStore(*database).newest(tenant.scope, Store::CallCursor{}, kLookBack);
            if (!calls)
                return calls.error();
            QList<Notice> notices;
            for (const Store::CallRecord &call : std::as_const(*calls)) {
                if (call.summary.isEmpty())
                    continue; // no report yet
                const QString who = call.counterpartName.isEmpty() ? formatted(call.counterpartE164)
                                                                   : call.counterpartName;
                notices.append({call.id.value(),
                                tr("%1: a call report from %2").arg(tenant.name, who),
                                call.summary});
            }
            return notices;
        });
}

MessageNotifier::MessageNotifier(const ConsoleContext &context,
                                 std::function<bool()> isActive,
                                 QObject *parent)
    : ActivityNotifier(context, Store::ChangeKind::Messages, std::move(isActive), parent)
{}

bool MessageNotifier::isEnabled()
{
    return QSettings().value(kMessages, true).toBool();
}

void MessageNotifier::setEnabled(bool isEnabled)
{
    QSettings().setValue(kMessages, isEnabled);
}

QFuture<Result<QList<ActivityNotifier::Notice>>>
MessageNotifier::readNewest(const CurrentTenant &tenant) const
{
    return context().database->run([database = context().database,
                                    tenant]() -> Result<QList<Notice>> {
        auto messages = Store::MessageStore(*database).newest(tenant.scope, kLookBack);
        if (!messages)
            return messages.error();
        QStringList senders;
        for (const Store::MessageRecord &message : std::as_const(*messages)) {
            if (message.isInbound)
                senders.append(message.counterpartE164);
        }
        // The clinic's name for each sender (a lead or a CRM contact), as the Messages page shows.
        auto names = Store::PersonNames(*database).namesOf(tenant.scope, senders);
        if (!names)
            return names.error();
        QList<Notice> notices;
        for (const Store::MessageRecord &message : std::as_const(*messages)) {
            if (!message.isInbound)
                continue; // ours: nothing to tell
            const QString channel = message.channel == u"whatsapp" ? tr("WhatsApp") : tr("a text");
            const QString who = names->value(message.counterpartE164, formatted(message.counterpartE164));
            notices.append({message.id.value(), tr("%1: %2 from %3").arg(tenant.name, channel, who),
                            message.body});
        }
        return notices;
    });
}

} // namespace Sb::Ui
