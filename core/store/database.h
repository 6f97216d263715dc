#pragma once

#include "change.h"
#include "changeannouncer.h"
#include "databaseurl.h"
#include "tenantscope.h"

#include <core/common/result.h>

#include <QFuture>
#include <QMutex>
#include <QSqlDatabase>
#include <QStringList>
#include <QThreadPool>
#include <QtConcurrent>

#include <functional>
#include <memory>

namespace Sb::Store {

// Where this process hears of changes committed through one Database: signals from the store
// threads, delivered to each receiver on its own thread (ChangeFeed listens here).
class ChangeBus final : public QObject
{
    Q_OBJECT

signals:
    void changed(const Sb::Store::Change &change);
};

struct ConnectionOptions
{
    QString password; // PostgreSQL only; empty means libpq's pass file
    int busyTimeoutMs = 10000;
    // SQLite: make the file (and its folder) when it does not exist. Creating a store is an
    // explicit act (db migrate, the console's first start on its default path); everything
    // else is told that the store does not exist.
    bool createIfMissing = true;
};

enum class TransactionMode { Read, Write };

// How other processes hear of a transaction's changes. InTransaction: its change_log rows are
// written before its COMMIT (a console's edit reaches other consoles at once). Coalesced: after
// its COMMIT they join other transactions' in a ChangeAnnouncer, written within 100 ms, at most
// one row per tenant and kind in that time (the ingest server's batches).
enum class ChangeLogging { InTransaction, Coalesced };

// The one entry point to the store. Thread-safe: every thread gets its own QSqlDatabase
// connection, opened on first use (QtSql connections must stay on the thread that opened them).
// run() executes work on the store's own threads and returns a QFuture, so the GUI never waits.
class Database final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::Database)

public:
    static Result<std::shared_ptr<Database>> open(const DatabaseUrl &url,
                                                  const ConnectionOptions &options = {});
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Backend backend() const { return m_url.backend(); }
    const DatabaseUrl &url() const { return m_url; }

    Result<QSqlDatabase> connection();

    using Work = std::function<Status(QSqlDatabase &)>;
    // One transaction on this thread's connection. With a tenant, PostgreSQL also gets
    // set_config('app.tenant_id', …, true): transaction-local, so it cannot leak to the next user.
    Status transaction(const Store::TenantScope &tenant, TransactionMode mode, const Work &work);
    Status adminTransaction(TransactionMode mode,
                            const Work &work,
                            ChangeLogging logging = ChangeLogging::InTransaction);
    // Inside an open transaction: act for this tenant from here on (PostgreSQL's transaction-
    // local app.tenant_id; SQLite has no row security). Lets one transaction write several
    // tenants' rows, each under its own scope: the ingest server's group commit.
    Status enterTenant(QSqlDatabase &db, const Store::TenantScope &tenant);

    // Inside a write transaction: rows of this kind changed for the tenant. For other
    // processes the transaction's changes are written to the change_log (one row per tenant,
    // under its tenant's scope) and on PostgreSQL NOTIFY'd (delivered on COMMIT only): just
    // before COMMIT, or after it through the announcer (ChangeLogging). After COMMIT this
    // process's ChangeBus announces them; on ROLLBACK they are forgotten.
    void noteChange(const Change &change);
    ChangeBus *changes() const { return m_changes.get(); }
    // This process's mark on the change_log rows it writes (its own changes reach it in-process).
    const QString &origin() const { return m_origin; }

    // SELECT 1 on this thread's connection: is the store there? (load balancers' health check)
    Status ping();

    // How many store threads run() has: the number of jobs worth running at once.
    int concurrency() const { return m_pool.maxThreadCount(); }

    template<typename Function>
    auto run(Function &&function)
    {
        return QtConcurrent::run(&m_pool, std::forward<Function>(function));
    }

private:
    Database(const DatabaseUrl &url, const ConnectionOptions &options);
    Result<QSqlDatabase> openConnection(const QString &name);
    Status configureSqlite(QSqlDatabase &db);
    Status enterTenant(QSqlDatabase &db, const QString &tenantId);
    Status runTransaction(const QString *tenantId,
                          TransactionMode mode,
                          const Work &work,
                          ChangeLogging logging);
    Status logChanges(QSqlDatabase &db, const QList<Change> &changes);
    // The announcer's write: committed changes, in a transaction of their own.
    Status logCommittedChanges(const QList<Change> &changes);
    void closeThisThreadsConnection();
    // The changes noted by the transaction running on this thread, until it ends.
    static QList<Change> &pendingChanges(const Database *database);
    static void forgetPendingChanges(const Database *database);

    DatabaseUrl m_url;
    ConnectionOptions m_options;
    QString m_origin;
    std::unique_ptr<ChangeBus> m_changes;
    QString m_connectionPrefix;
    QThreadPool m_pool;
    QMutex m_mutex; // protects m_connectionNames
    QStringList m_connectionNames;
    // Stopped first in ~Database, while the store is still there to write to.
    std::unique_ptr<ChangeAnnouncer> m_announcer;
};

} // namespace Sb::Store
