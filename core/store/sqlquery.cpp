#include "sqlquery.h"

#include "guithreadguard.h"

#include "storelog.h"

#include <QCoreApplication>

namespace Sb::Store {

namespace {
const char *const kContext = "Sb::Store::SqlQuery";
} // namespace

SqlQuery::SqlQuery(const QSqlDatabase &db, const QString &sql)
    : m_lease(StatementCache::acquire(db, sql))
    , m_driverName(db.driverName())
{}

SqlQuery &SqlQuery::bind(const QString &placeholder, const QVariant &value)
{
    m_lease.query()->bindValue(placeholder, value);
    return *this;
}

SqlQuery &SqlQuery::bind(int position, const QVariant &value)
{
    m_lease.query()->bindValue(position, value);
    return *this;
}

Status SqlQuery::exec()
{
    if (GuiThreadGuard::isArmed())
        GuiThreadGuard::check("an SQL statement", m_lease.query()->lastQuery());
    if (!m_lease.isPrepared() || !m_lease.query()->exec())
        return sqlError(m_lease.query()->lastError(), m_driverName);
    return ok();
}

Result<QVariant> SqlQuery::scalar()
{
    if (auto status = exec(); !status)
        return status.error();
    if (!m_lease.query()->next())
        return Error{ErrorCode::NotFound, QCoreApplication::translate(kContext, "No row found")};
    return m_lease.query()->value(0);
}

namespace {
bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() == u"QSQLITE";
}
} // namespace

InsertQuery::InsertQuery(const QSqlDatabase &db, const QString &sql)
    : m_isSqlite(isSqlite(db))
    , m_query(db, m_isSqlite ? sql : sql + QStringLiteral(" RETURNING id"))
{}

Result<std::optional<qint64>> InsertQuery::exec()
{
    if (auto ran = m_query.exec(); !ran)
        return ran.error();
    if (m_isSqlite) {
        // sqlite3_changes() counts this statement's own rows (not its triggers'): 0 when held.
        if (m_query.numRowsAffected() <= 0)
            return std::optional<qint64>();
        return std::optional<qint64>(m_query.lastInsertId());
    }
    if (!m_query.next())
        return std::optional<qint64>();
    return std::optional<qint64>(m_query.value(0).toLongLong());
}

Result<qint64> InsertQuery::execForId()
{
    auto id = exec();
    if (!id)
        return id.error();
    if (!*id)
        return Error{ErrorCode::DatabaseError,
                     QCoreApplication::translate(kContext, "No row was inserted")};
    return **id;
}

QString keysetBefore(const QString &table, const QString &timeColumn)
{
    return QStringLiteral(" AND (%2, id) < (SELECT %2, id FROM %1 WHERE id = :before"
                          " AND tenant_id = :tenant)")
        .arg(table, timeColumn);
}

Error sqlError(const QSqlError &error, const QString &driverName)
{
    const QString text = error.text().trimmed();
    const QString code = error.nativeErrorCode();
    qCDebug(lcStore) << "SQL error" << driverName << code << text;
    const auto unavailable = [&text] {
        return Error{
            ErrorCode::DatabaseUnavailable,
            QCoreApplication::translate(kContext, "The database is unavailable: %1").arg(text)};
    };
    if (driverName == u"QSQLITE") {
        // Qt marks every failed SQLite step a ConnectionError, so branch on SQLite's own codes.
        switch (code.toInt() & 0xff) {
        case 5: // BUSY
        case 6: // LOCKED
        case 10: // IOERR
        case 11: // CORRUPT
        case 14: // CANTOPEN
        case 26: // NOTADB
            return unavailable();
        case 19: // CONSTRAINT
            if (code == u"2067" || code == u"1555")
                return Error{ErrorCode::AlreadyExists, text};
            return Error{ErrorCode::InvalidArgument, text};
        default:
            return Error{ErrorCode::DatabaseError, text};
        }
    }
    if (code == u"23505") // unique_violation
        return Error{ErrorCode::AlreadyExists, text};
    if (code == u"42501") // insufficient_privilege, including a row-level security refusal
        return Error{ErrorCode::AccessDenied, text};
    if (code.startsWith(u"23")) // other integrity constraints
        return Error{ErrorCode::InvalidArgument, text};
    // Class 08: connection exceptions; 57P01..03: the server is shutting down.
    if (error.type() == QSqlError::ConnectionError || code.startsWith(u"08")
        || code.startsWith(u"57P"))
        return unavailable();
    return Error{ErrorCode::DatabaseError, text};
}

QVariant nullString()
{
    return QVariant(QMetaType::fromType<QString>());
}

QString likeContaining(const QString &typed)
{
    QString escaped = typed;
    escaped.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QVariant optionalString(const QString &value)
{
    return value.isEmpty() ? nullString() : QVariant(value);
}

} // namespace Sb::Store
