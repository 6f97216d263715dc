#pragma once

#include "change.h"

#include <core/common/result.h>

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThread>

#include <memory>

namespace Sb::Store {

class Database;
class ChangeWatcher;

// A model's view of the changes it shows: one tenant, some kinds. Lives as long as its owner.
class ChangeSubscription final : public QObject
{
    Q_OBJECT

public:
    ChangeSubscription(TenantId tenant, ChangeKinds kinds, QObject *owner);
    TenantId tenant() const { return m_tenant; }
    ChangeKinds kinds() const { return m_kinds; }

signals:
    void changed(const Sb::Store::Change &change);

private:
    TenantId m_tenant;
    ChangeKinds m_kinds;
};

// Tells subscribers what was committed, on their own thread: at once for this process's
// writes (the Database's ChangeBus), and for other processes' as they land: on PostgreSQL by
// LISTEN switchboard_changes, on SQLite by checking PRAGMA data_version a few times a second
// (nothing more when nothing changed). Either way it then reads the change_log under this
// login's own row-level scope, so a staff login never hears of a tenant that is not theirs.
// A feed is for the tenants its user may see: subscribe only with scopes the session gave.
class ChangeFeed final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int sqlitePollMs = 250;
        int postgresSafetyPollMs = 5000; // a notification lost in a reconnect is caught up
    };
    explicit ChangeFeed(std::shared_ptr<Database> database, QObject *parent = nullptr);
    ChangeFeed(std::shared_ptr<Database> database, Options options, QObject *parent = nullptr);
    ~ChangeFeed() override;

    // Starts hearing other processes; until then only this process's changes arrive.
    void start();
    // The owner deletes the subscription, or it goes with the owner.
    ChangeSubscription *subscribe(TenantId tenant, ChangeKinds kinds, QObject *owner);

signals:
    void changed(const Sb::Store::Change &change); // every change, for every tenant seen
    // Once after start(): the log's position is read, and every change committed elsewhere
    // from now on arrives (a view may show itself as live).
    void watching();
    // The watcher cannot reach the store (a banner); it retries, and says so again when back.
    void watchFailed(const QString &message);
    void watchResumed();

private:
    void deliver(const Change &change);

    std::shared_ptr<Database> m_database;
    Options m_options;
    QThread m_thread;
    ChangeWatcher *m_watcher = nullptr; // lives on m_thread
    QList<QPointer<ChangeSubscription>> m_subscriptions;
};

} // namespace Sb::Store
