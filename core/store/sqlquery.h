#pragma once

#include "statementcache.h"

#include <core/common/result.h>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace Sb::Store {

// A prepared statement with named placeholders whose failures come back as values; prepared
// once per connection (StatementCache), bound and executed each time.
// SQL is always a literal: input travels only through bind().
class SqlQuery final
{
public:
    SqlQuery(const QSqlDatabase &db, const QString &sql);

    SqlQuery &bind(const QString &placeholder, const QVariant &value);
    // For statements written with '?': SQLite finds a named placeholder by walking the list of
    // names, which for a statement with thousands (a set of rows) costs more than running it.
    SqlQuery &bind(int position, const QVariant &value);
    Status exec();
    // exec(), then the first row's first column.
    Result<QVariant> scalar();

    bool next() { return m_lease.query()->next(); }
    // The rowid the last INSERT on this connection made (SQLite: the connection's, not only
    // this statement's; see InsertQuery).
    qint64 lastInsertId() const { return m_lease.query()->lastInsertId().toLongLong(); }
    QVariant value(int column) const { return m_lease.query()->value(column); }
    int numRowsAffected() const { return m_lease.query()->numRowsAffected(); }

private:
    StatementCache::Lease m_lease;
    QString m_driverName;
};

// An INSERT of one row into a table whose key is `id`, written without RETURNING, that tells
// the new row's id, or that its ON CONFLICT … DO NOTHING held it. PostgreSQL gets
// " RETURNING id". SQLite reads the id off the connection instead: its RETURNING fills a
// temporary table on every execution (malloc, a b-tree and a reset each time; a tenth of the
// ingest writer's time: docs/benchmarks.md, session 19).
class InsertQuery final
{
public:
    InsertQuery(const QSqlDatabase &db, const QString &sql);

    InsertQuery &bind(const QString &placeholder, const QVariant &value)
    {
        m_query.bind(placeholder, value);
        return *this;
    }
    SqlQuery &query() { return m_query; }
    // The new row's id; nullopt when a conflict held it (nothing was inserted).
    Result<std::optional<qint64>> exec();
    // For an INSERT without a conflict clause: the new row's id, or an error.
    Result<qint64> execForId();

private:
    bool m_isSqlite;
    SqlQuery m_query;
};

Error sqlError(const QSqlError &error, const QString &driverName);
// " AND (timeColumn, id) < (…)": the keyset condition for the page after the row whose id is
// bound as :before, in a newest-first listing of a tenant's table (bound as :tenant). A row of
// another tenant matches nothing.
QString keysetBefore(const QString &table, const QString &timeColumn);
// Null of a given type, so drivers know what they are binding.
// What people typed, as a LIKE pattern (ESCAPE '\\') that matches it anywhere, literally.
QString likeContaining(const QString &typed);
QVariant nullString();
QVariant optionalString(const QString &value);
// Qt binds a null QString as SQL NULL; NOT NULL text columns get '' instead.
QVariant text(const QString &value);

} // namespace Sb::Store
