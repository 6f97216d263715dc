#include "statementcache.h"

#include <QHash>
#include <QMutex>

namespace Sb::Store {

namespace {
struct Statement
{
    std::unique_ptr<QSqlQuery> query;
    bool inUse = false;
    bool isPrepared = false;
};
using Statements = QHash<QString, std::shared_ptr<Statement>>;

QMutex s_mutex; // protects s_connections (the map, not the statements)
QHash<QString, std::shared_ptr<Statements>> s_connections;

std::shared_ptr<Statements> statementsOf(const QString &connection)
{
    QMutexLocker locker(&s_mutex);
    auto &statements = s_connections[connection];
    if (!statements)
        statements = std::make_shared<Statements>();
    return statements;
}
} // namespace

StatementCache::Lease::Lease(Lease &&other) noexcept
    : m_query(std::exchange(other.m_query, nullptr))
    , m_inUse(std::exchange(other.m_inUse, nullptr))
    , m_own(std::move(other.m_own))
    , m_isPrepared(other.m_isPrepared)
{}

StatementCache::Lease &StatementCache::Lease::operator=(Lease &&other) noexcept
{
    std::swap(m_query, other.m_query);
    std::swap(m_inUse, other.m_inUse);
    std::swap(m_own, other.m_own);
    std::swap(m_isPrepared, other.m_isPrepared);
    return *this;
}

StatementCache::Lease::~Lease()
{
    if (m_query)
        m_query->finish(); // releases the result; the statement stays prepared
    if (m_inUse)
        *m_inUse = false;
}

StatementCache::Lease StatementCache::acquire(const QSqlDatabase &db, const QString &sql)
{
    Lease lease;
    const auto statements = statementsOf(db.connectionName());
    auto &statement = (*statements)[sql];
    if (!statement) {
        statement = std::make_shared<Statement>();
        statement->query = std::make_unique<QSqlQuery>(db);
        statement->query->setForwardOnly(true);
        statement->isPrepared = statement->query->prepare(sql);
        if (!statement->isPrepared) {
            // Keep the failed statement out of the cache; the lease reports the error.
            lease.m_own = std::move(statement->query);
            statements->remove(sql);
            lease.m_query = lease.m_own.get();
            return lease;
        }
    }
    if (statement->inUse) {
        lease.m_own = std::make_unique<QSqlQuery>(db);
        lease.m_own->setForwardOnly(true);
        lease.m_isPrepared = lease.m_own->prepare(sql);
        lease.m_query = lease.m_own.get();
        return lease;
    }
    statement->inUse = true;
    lease.m_query = statement->query.get();
    lease.m_inUse = &statement->inUse;
    lease.m_isPrepared = true;
    return lease;
}

void StatementCache::forget(const QString &connectionName)
{
    std::shared_ptr<Statements> statements;
    {
        QMutexLocker locker(&s_mutex);
        statements = s_connections.take(connectionName);
    }
    // Destroyed here, before the connection goes: a statement must not outlive its driver.
    statements.reset();
}

} // namespace Sb::Store
