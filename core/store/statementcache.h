#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

namespace Sb::Store {

// Prepared statements kept per connection and SQL text, so each is prepared once per
// connection and then only executed (on PostgreSQL a prepare and its deallocation are round
// trips of their own). A connection belongs to one thread, so only that thread touches its
// statements; the registry of connections is locked. A statement already in use (a nested
// query with the same text) is not shared: the caller gets a fresh one.
class StatementCache final
{
public:
    class Lease
    {
    public:
        Lease() = default;
        Lease(Lease &&other) noexcept;
        Lease &operator=(Lease &&other) noexcept;
        Lease(const Lease &) = delete;
        ~Lease();

        QSqlQuery *query() const { return m_query; }
        bool isPrepared() const { return m_isPrepared; }

    private:
        friend class StatementCache;
        QSqlQuery *m_query = nullptr;
        bool *m_inUse = nullptr; // the cache's flag; null for a fresh statement
        std::unique_ptr<QSqlQuery> m_own; // a fresh statement this lease owns
        bool m_isPrepared = false;
    };

    static Lease acquire(const QSqlDatabase &db, const QString &sql);
    // Drops a connection's statements: before it closes, reconnects or is removed.
    static void forget(const QString &connectionName);
};

} // namespace Sb::Store
