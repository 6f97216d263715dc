#pragma once

#include "page.h"

#include <core/common/result.h>
#include <core/store/change.h>

#include <QFuture>
#include <QObject>
#include <QSet>

#include <functional>

namespace Sb::Store {
class ChangeSubscription;
}

namespace Sb::Ui {

// Tells the staff member of what just happened in the tenant on screen (a call report, a text
// from a patient) while they work in another window: once per item, never what was there
// before the console looked. Subclasses say what to read and how to put it; the MainWindow
// shows it in the tray. Each kind can be turned off in the settings.
class ActivityNotifier : public QObject
{
    Q_OBJECT

public:
    void watch(const CurrentTenant &tenant);

signals:
    void notify(const QString &title, const QString &message);

protected:
    struct Notice
    {
        qint64 key = 0; // told once per key
        QString title;
        QString message;
    };
    // isActive: whether the console is the window the user works in (then nothing is said).
    ActivityNotifier(const ConsoleContext &context,
                     Store::ChangeKind kind,
                     std::function<bool()> isActive,
                     QObject *parent);
    // The newest items worth telling of, read on a store thread.
    virtual QFuture<Result<QList<Notice>>> readNewest(const CurrentTenant &tenant) const = 0;
    virtual bool isWanted() const = 0; // the user's setting for this kind
    const ConsoleContext &context() const { return m_context; }

private:
    void check(quint64 generation);

    ConsoleContext m_context;
    Store::ChangeKind m_kind;
    std::function<bool()> m_isActive;
    std::optional<CurrentTenant> m_tenant;
    Store::ChangeSubscription *m_subscription = nullptr;
    QSet<qint64> m_seen; // keys read before (told, or there before)
    bool m_hasBaseline = false; // the first read only learns what is there already
    quint64 m_generation = 0;
};

} // namespace Sb::Ui
