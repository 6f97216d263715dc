#include "database.h"

#include "changelog.h"
#include "guithreadguard.h"
#include "sqlquery.h"
#include "statementcache.h"
#include "storelog.h"

#include <core/store/tenantscope.h>

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

Q_LOGGING_CATEGORY(lcStore, "switchboard.store", QtInfoMsg)

namespace Sb::Store {

namespace {
QAtomicInteger<quint64> s_instanceCounter;

// The changes noted by the transaction running on this thread, per Database, until it ends.
// One in this many notes also prunes the tenant's old change_log rows.
constexpr int kPruneEvery = 500;
constexpr qint64 kChangeLogAgeMs = 60 * 60 * 1000;
thread_local int t_notesSincePrune = 0;
// Coalesced changes reach other processes within this (ChangeLogging::Coalesced).
constexpr std::chrono::milliseconds kAnnounceWindow{100};

QString driverName(Backend backend)
{
    return backend == Backend::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}
} // namespace

Database::Database(const DatabaseUrl &url, const ConnectionOptions &options)
    : m_url(url)
    , m_options(options)
    , m_origin(QString::number(QRandomGenerator::system()->generate64(), 36))
    , m_changes(std::make_unique<ChangeBus>())
    , m_connectionPrefix(QStringLiteral("sb-%1-").arg(s_instanceCounter.fetchAndAddRelaxed(1)))
    , m_announcer(std::make_unique<ChangeAnnouncer>(
          [this](const QList<Change> &changes) { return logCommittedChanges(changes); },
          [this] { closeThisThreadsConnection(); },
          kAnnounceWindow))
{
    // Store threads live as long as the Database so their connections stay valid.
    m_pool.setExpiryTimeout(-1);
    m_pool.setMaxThreadCount(m_url.backend() == Backend::Sqlite ? 2 : 4);
}

Database::~Database()
{
    m_pool.waitForDone();
    m_announcer.reset(); // writes what it still holds, on its own connection
    QMutexLocker locker(&m_mutex);
    // Connections of other threads cannot be fetched from here; removing them closes them.
    for (const QString &name : std::as_const(m_connectionNames)) {
        StatementCache::forget(name);
        QSqlDatabase::removeDatabase(name);
    }
}

Result<std::shared_ptr<Database>> Database::open(const DatabaseUrl &url,
                                                 const ConnectionOptions &options)
{
    if (!QSqlDatabase::isDriverAvailable(driverName(url.backend()))) {
        return Error{ErrorCode::Unsupported,
                     tr("The Qt SQL driver %1 is not installed").arg(driverName(url.backend()))};
    }
    bool isNewFile = false;
    if (url.backend() == Backend::Sqlite) {
        const QFileInfo file(url.path());
        isNewFile = !file.exists();
        if (isNewFile && !options.createIfMissing) {
            return Error{ErrorCode::NotFound,
                         tr("There is no store at %1: check --db, or create one with "
                            "switchboardctl db migrate --db sqlite:%1")
                             .arg(url.path())};
        }
        const QString folder = file.absolutePath();
        if (!QFileInfo::exists(folder)) {
            // The store holds every tenant's data: the folder we create is the user's alone.
            if (!QDir().mkpath(folder)) {
                return Error{ErrorCode::DatabaseUnavailable,
                             tr("Cannot create the folder %1").arg(folder)};
            }
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
    }
    std::shared_ptr<Database> database(new Database(url, options));
    // Open this thread's connection now, so a bad URL or a dead server is reported at once.
    auto connection = database->connection();
    if (!connection)
        return connection.error();
    if (isNewFile) // SQLite gives its -wal and -shm files the same permissions
        QFile::setPermissions(url.path(), QFile::ReadOwner | QFile::WriteOwner);
    return database;
}

Result<QSqlDatabase> Database::connection()
{
    if (GuiThreadGuard::isArmed())
        GuiThreadGuard::check("a database connection", m_url.toString());
    const QString name = m_connectionPrefix
        + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
        StatementCache::forget(name); // statements of the old session are gone with it
        if (db.open())
            return db;
        return Error{ErrorCode::DatabaseUnavailable,
                     tr("Cannot open the database %1: %2")
                         .arg(m_url.toString(), db.lastError().text().trimmed())};
    }
    return openConnection(name);
}

Result<QSqlDatabase> Database::openConnection(const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(driverName(m_url.backend()), name);
    {
        QMutexLocker locker(&m_mutex);
        m_connectionNames.append(name);
    }
    if (m_url.backend() == Backend::Sqlite) {
        db.setDatabaseName(m_url.path());
        db.setConnectOptions(
            QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_options.busyTimeoutMs));
    } else {
        db.setHostName(m_url.host());
        db.setPort(m_url.port());
        db.setDatabaseName(m_url.databaseName());
        if (!m_url.user().isEmpty())
            db.setUserName(m_url.user());
        if (!m_options.password.isEmpty())
            db.setPassword(m_options.password);
        db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=switchboard"));
    }
    if (!db.open()) {
        const QString reason = db.lastError().text().trimmed();
        return Error{ErrorCode::DatabaseUnavailable,
                     tr("Cannot open the database %1: %2").arg(m_url.toString(), reason)};
    }
    if (m_url.backend() == Backend::Sqlite) {
        if (auto status = configureSqlite(db); !status)
            return status.error();
    }
    qCDebug(lcStore) << "opened connection" << name << m_url.toString();
    return db;
}

Status Database::configureSqlite(QSqlDatabase &db)
{
    // WAL lets the console read while serve writes; foreign keys are off by default in SQLite.
    // Temporary storage in memory: a statement that may have to undo itself inside a larger
    // transaction (an upsert in the ingest's batches) keeps its journal there; on file it was
    // a temporary file created and unlinked about a hundred times a second under load, a
    // quarter of serve's throughput (docs/benchmarks.md, 2026-12-02). No durable data goes there.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL",
                               "PRAGMA temp_store=MEMORY"}) {
        QSqlQuery query(db);
        if (!query.exec(QString::fromLatin1(pragma)))
            return sqlError(query.lastError(), db.driverName());
    }
    return ok();
}

Status
Database::transaction(const Store::TenantScope &tenant, TransactionMode mode, const Work &work)
{
    const QString tenantId = QString::number(tenant.tenantId().value());
    return runTransaction(&tenantId, mode, work, ChangeLogging::InTransaction);
}

Status Database::adminTransaction(TransactionMode mode, const Work &work, ChangeLogging logging)
{
    return runTransaction(nullptr, mode, work, logging);
}

Status Database::enterTenant(QSqlDatabase &db, const Store::TenantScope &tenant)
{
    return enterTenant(db, QString::number(tenant.tenantId().value()));
}

Status Database::enterTenant(QSqlDatabase &db, const QString &tenantId)
{
    if (backend() != Backend::Postgres)
        return ok();
    return SqlQuery(db, QStringLiteral("SELECT set_config('app.tenant_id', :tenant, true)"))
        .bind(QStringLiteral(":tenant"), tenantId)
        .exec();
}

void Database::noteChange(const Change &change)
{
    Change pending = change;
    if (pending.at == 0)
        pending.at = QDateTime::currentMSecsSinceEpoch();
    pendingChanges(this).append(pending);
}

namespace {
template<typename Pending>
QHash<const void *, QList<Pending>> &pendingOfThisThread()
{
    thread_local QHash<const void *, QList<Pending>> pending;
    return pending;
}
} // namespace

QList<Change> &Database::pendingChanges(const Database *database)
{
    return pendingOfThisThread<Change>()[database];
}

void Database::forgetPendingChanges(const Database *database)
{
    pendingOfThisThread<Change>().remove(database);
}

Status Database::logChanges(QSqlDatabase &db, const QList<Change> &changes)
{
    bool isPruning = false;
    if (++t_notesSincePrune >= kPruneEvery) {
        t_notesSincePrune = 0;
        isPruning = true;
    }
    // One change_log row per tenant, naming every kind of its rows this transaction changed.
    QList<TenantId> tenants;
    for (const Change &change : changes) {
        if (!tenants.contains(change.tenant))
            tenants.append(change.tenant);
    }
    for (TenantId tenant : std::as_const(tenants)) {
        QList<ChangeKind> kinds;
        qint64 rowId = 0;
        qint64 at = 0;
        for (const Change &change : changes) {
            if (change.tenant != tenant)
                continue;
            kinds.append(change.kind);
            rowId = change.rowId;
            at = std::max(at, change.at);
        }
        if (backend() == Backend::Postgres) {
            if (auto scoped = enterTenant(db, QString::number(tenant.value())); !scoped)
                return scoped;
        }
        if (auto logged = ChangeLog::record(db, tenant, kinds, rowId, at, m_origin); !logged)
            return logged;
        if (isPruning) {
            if (auto pruned = ChangeLog::prune(db, tenant, kChangeLogAgeMs); !pruned)
                return pruned;
        }
    }
    if (backend() == Backend::Postgres && !tenants.isEmpty()) {
        // No payload: any login may LISTEN on any channel (docs/architecture.md).
        return SqlQuery(db, QStringLiteral("SELECT pg_notify('switchboard_changes', '')")).exec();
    }
    return ok();
}

Status Database::logCommittedChanges(const QList<Change> &changes)
{
    return runTransaction(
        nullptr,
        TransactionMode::Write,
        [&](QSqlDatabase &db) { return logChanges(db, changes); },
        ChangeLogging::InTransaction);
}

void Database::closeThisThreadsConnection()
{
    const QString name = m_connectionPrefix
        + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
    if (!QSqlDatabase::contains(name))
        return;
    StatementCache::forget(name); // its prepared statements first: they need the connection
    QSqlDatabase::database(name, false).close();
    QSqlDatabase::removeDatabase(name);
    QMutexLocker locker(&m_mutex);
    m_connectionNames.removeAll(name);
}

Status Database::runTransaction(const QString *tenantId,
                                TransactionMode mode,
                                const Work &work,
                                ChangeLogging logging)
{
    if (GuiThreadGuard::isArmed())
        GuiThreadGuard::check("a transaction", m_url.toString());
    // Whatever this transaction notes is announced after its COMMIT, or forgotten.
    struct PendingChanges
    {
        const Database *database;
        ~PendingChanges() { forgetPendingChanges(database); }
    } pending{this};
    auto connection = this->connection();
    if (!connection)
        return connection.error();
    QSqlDatabase db = *connection;
    // SQLite: take the write lock up front, so a reader never has to upgrade and fail busy.
    const QString begin = backend() == Backend::Sqlite && mode == TransactionMode::Write
        ? QStringLiteral("BEGIN IMMEDIATE")
        : QStringLiteral("BEGIN");
    QSqlQuery control(db);
    if (!control.exec(begin)) {
        // A server restart leaves the connection open but dead: reconnect once.
        StatementCache::forget(db.connectionName());
        db.close();
        if (!db.open() || !control.exec(begin))
            return sqlError(control.lastError().isValid() ? control.lastError() : db.lastError(),
                            db.driverName());
    }
    Status status = tenantId ? enterTenant(db, *tenantId) : ok();
    if (status)
        status = work(db);
    if (!status) {
        control.exec(QStringLiteral("ROLLBACK"));
        return status;
    }
    const QList<Change> changes = ChangeAnnouncer::coalesced(pendingChanges(this));
    if (logging == ChangeLogging::InTransaction) {
        if (auto logged = logChanges(db, changes); !logged) {
            control.exec(QStringLiteral("ROLLBACK"));
            return logged;
        }
    }
    if (!control.exec(QStringLiteral("COMMIT"))) {
        const Error error = sqlError(control.lastError(), db.driverName());
        control.exec(QStringLiteral("ROLLBACK"));
        return error;
    }
    for (const Change &change : changes)
        emit m_changes->changed(change);
    if (logging == ChangeLogging::Coalesced)
        m_announcer->announce(changes);
    return ok();
}

Status Database::ping()
{
    auto connection = this->connection();
    if (!connection)
        return connection.error();
    auto answered = SqlQuery(*connection, QStringLiteral("SELECT 1")).scalar();
    if (!answered)
        return answered.error();
    return ok();
}

} // namespace Sb::Store
