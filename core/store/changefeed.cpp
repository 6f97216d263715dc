#include "changefeed.h"

#include "changelog.h"
#include "database.h"
#include "storelog.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <deque>

namespace Sb::Store {

namespace {
const QString kChannel = QStringLiteral("switchboard_changes");
// Writers commit out of id order (PostgreSQL hands out ids before COMMIT): each read looks
// this far back and skips the ids it has already seen.
constexpr qint64 kLookBack = 256;
constexpr int kReadLimit = 1000;
} // namespace

ChangeSubscription::ChangeSubscription(TenantId tenant, ChangeKinds kinds, QObject *owner)
    : QObject(owner)
    , m_tenant(tenant)
    , m_kinds(kinds)
{}

// Runs on the feed's own thread with its own connection: reads the change_log when told that
// something was committed elsewhere.
class ChangeWatcher final : public QObject
{
    Q_OBJECT

public:
    ChangeWatcher(std::shared_ptr<Database> database, ChangeFeed::Options options)
        : m_database(std::move(database))
        , m_options(options)
    {}

    void start()
    {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &ChangeWatcher::check);
        m_timer->start(m_database->backend() == Backend::Sqlite ? m_options.sqlitePollMs
                                                                : m_options.postgresSafetyPollMs);
        check();
    }

signals:
    void changed(const Sb::Store::Change &change);
    void watching();
    void failed(const QString &message);
    void resumed();

private:
    // On PostgreSQL: LISTEN on this thread's connection (again after it was reopened).
    Status listen(QSqlDatabase &db)
    {
        if (m_database->backend() != Backend::Postgres || m_listening == db.driver())
            return ok();
        QSqlDriver *driver = db.driver();
        if (!driver->subscribeToNotification(kChannel))
            return Error{ErrorCode::DatabaseUnavailable,
                         tr("Cannot listen for changes: %1").arg(driver->lastError().text())};
        // Once per driver: m_listening remembers which one listens already.
        connect(driver, &QSqlDriver::notification, this, [this](const QString &name) {
            if (name == kChannel)
                read();
        });
        m_listening = driver;
        return ok();
    }

    void check()
    {
        auto connection = m_database->connection();
        if (!connection) {
            fail(connection.error().message);
            return;
        }
        if (auto listening = listen(*connection); !listening) {
            fail(listening.error().message);
            return;
        }
        if (m_database->backend() == Backend::Sqlite) {
            // Changes when another connection commits; the cheapest question SQLite answers.
            QSqlQuery version(*connection);
            if (!version.exec(QStringLiteral("PRAGMA data_version")) || !version.next()) {
                fail(version.lastError().text());
                return;
            }
            const qint64 current = version.value(0).toLongLong();
            if (current == m_dataVersion && m_isPrimed)
                return;
            m_dataVersion = current;
        }
        read();
    }

    void read()
    {
        auto connection = m_database->connection();
        if (!connection) {
            fail(connection.error().message);
            return;
        }
        if (!m_isPrimed) {
            // What is in the log already happened before we looked: start after it.
            auto newest = ChangeLog::newestId(*connection);
            if (!newest) {
                fail(newest.error().message);
                return;
            }
            // Rows of the look-back window were there before we looked: seen, not news.
            auto before = ChangeLog::readAfter(*connection,
                                               std::max<qint64>(0, *newest - kLookBack),
                                               m_database->origin(),
                                               kReadLimit);
            if (!before) {
                fail(before.error().message);
                return;
            }
            for (const ChangeLog::Entry &entry : std::as_const(*before))
                remember(entry.id);
            m_lastId = *newest;
            m_isPrimed = true;
            resume();
            emit watching();
            return;
        }
        auto entries = ChangeLog::readAfter(*connection,
                                            std::max<qint64>(0, m_lastId - kLookBack),
                                            m_database->origin(),
                                            kReadLimit);
        if (!entries) {
            fail(entries.error().message);
            return;
        }
        resume();
        for (const ChangeLog::Entry &entry : std::as_const(*entries)) {
            if (entry.id <= m_lastId - kLookBack || m_seen.contains(entry.id))
                continue;
            remember(entry.id);
            for (const Change &change : entry.changes)
                emit changed(change);
        }
    }

    void remember(qint64 id)
    {
        m_seen.insert(id);
        m_order.push_back(id);
        m_lastId = std::max(m_lastId, id);
        while (m_order.size() > size_t(4 * kLookBack)) {
            m_seen.remove(m_order.front());
            m_order.pop_front();
        }
    }

    void fail(const QString &message)
    {
        m_listening = nullptr;
        if (!m_isFailing) {
            m_isFailing = true;
            qCWarning(lcStore) << "change feed:" << message;
            emit failed(message);
        }
    }

    void resume()
    {
        if (m_isFailing) {
            m_isFailing = false;
            emit resumed();
        }
    }

    std::shared_ptr<Database> m_database;
    ChangeFeed::Options m_options;
    QTimer *m_timer = nullptr;
    QSqlDriver *m_listening = nullptr;
    qint64 m_dataVersion = -1;
    qint64 m_lastId = 0;
    bool m_isPrimed = false;
    bool m_isFailing = false;
    QSet<qint64> m_seen;
    std::deque<qint64> m_order;
};

ChangeFeed::ChangeFeed(std::shared_ptr<Database> database, QObject *parent)
    : ChangeFeed(std::move(database), Options{}, parent)
{}

ChangeFeed::ChangeFeed(std::shared_ptr<Database> database, Options options, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_options(options)
{
    connect(m_database->changes(), &ChangeBus::changed, this, &ChangeFeed::deliver);
}

ChangeFeed::~ChangeFeed()
{
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
}

void ChangeFeed::start()
{
    if (m_watcher)
        return;
    m_watcher = new ChangeWatcher(m_database, m_options);
    m_watcher->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_watcher, &QObject::deleteLater);
    connect(&m_thread, &QThread::started, m_watcher, &ChangeWatcher::start);
    connect(m_watcher, &ChangeWatcher::changed, this, &ChangeFeed::deliver);
    connect(m_watcher, &ChangeWatcher::watching, this, &ChangeFeed::watching);
    connect(m_watcher, &ChangeWatcher::failed, this, &ChangeFeed::watchFailed);
    connect(m_watcher, &ChangeWatcher::resumed, this, &ChangeFeed::watchResumed);
    m_thread.setObjectName(QStringLiteral("change feed"));
    m_thread.start();
}

ChangeSubscription *ChangeFeed::subscribe(TenantId tenant, ChangeKinds kinds, QObject *owner)
{
    auto *subscription = new ChangeSubscription(tenant, kinds, owner);
    m_subscriptions.removeAll(nullptr);
    m_subscriptions.append(subscription);
    return subscription;
}

void ChangeFeed::deliver(const Change &change)
{
    emit changed(change);
    m_subscriptions.removeAll(nullptr);
    const auto subscriptions = m_subscriptions;
    for (const QPointer<ChangeSubscription> &subscription : subscriptions) {
        if (subscription && subscription->tenant() == change.tenant
            && subscription->kinds().testFlag(change.kind))
            emit subscription->changed(change);
    }
}

} // namespace Sb::Store

#include "changefeed.moc"
