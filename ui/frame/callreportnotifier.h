#pragma once

#include "activitynotifier.h"

namespace Sb::Ui {

// Each new call report (the assistant has finished a call and summarised it): who called and
// what the assistant made of it. Off with notifications/callReports=false in the settings.
class CallReportNotifier final : public ActivityNotifier
{
    Q_OBJECT

public:
    CallReportNotifier(const ConsoleContext &context,
                       std::function<bool()> isActive,
                       QObject *parent = nullptr);

    // In the settings, for every console of this user (on by default).
    static bool isEnabled();
    static void setEnabled(bool isEnabled);

protected:
    QFuture<Result<QList<Notice>>> readNewest(const CurrentTenant &tenant) const override;
    bool isWanted() const override { return isEnabled(); }
};

// Each new text from a patient (SMS or WhatsApp): who wrote and what. Off with
// notifications/messages=false in the settings.
class MessageNotifier final : public ActivityNotifier
{
    Q_OBJECT

public:
    MessageNotifier(const ConsoleContext &context,
                    std::function<bool()> isActive,
                    QObject *parent = nullptr);

    static bool isEnabled();
    static void setEnabled(bool isEnabled);

protected:
    QFuture<Result<QList<Notice>>> readNewest(const CurrentTenant &tenant) const override;
    bool isWanted() const override { return isEnabled(); }
};

} // namespace Sb::Ui
