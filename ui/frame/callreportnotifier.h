#pragma once

#include "page.h"

#include <core/common/id.h>

#include <QObject>
#include <QSet>

#include <functional>

namespace Sb::Store {
class ChangeSubscription;
}

namespace Sb::Ui {

// Tells the staff member of each new call report (the assistant has finished a call and
// summarised it) of the tenant on screen while they work in another window: who called and
// what the assistant made of it, once per call. The decision is here; the MainWindow shows it
// in the tray. Off with notifications/callReports=false in the settings.
class CallReportNotifier final : public QObject
{
    Q_OBJECT

public:
    // isActive: whether the console is the window the user works in (then nothing is said).
    CallReportNotifier(const ConsoleContext &context,
                       std::function<bool()> isActive,
                       QObject *parent = nullptr);

    void watch(const CurrentTenant &tenant);
    // In the settings, for every console of this user (on by default).
    static bool isEnabled();
    static void setEnabled(bool isEnabled);

signals:
    void notify(const QString &title, const QString &message);

private:
    void check(quint64 generation);

    ConsoleContext m_context;
    std::function<bool()> m_isActive;
    std::optional<CurrentTenant> m_tenant;
    Store::ChangeSubscription *m_subscription = nullptr;
    QSet<qint64> m_reported; // calls whose report has been seen (said, or there before)
    bool m_hasBaseline = false; // the first read only learns what is there already
    quint64 m_generation = 0;
};

} // namespace Sb::Ui
