#pragma once

#include <core/common/result.h>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Sb::Store {

// A prepared statement with named placeholders whose failures come back as values.
// SQL is always a literal: input travels only through bind().
class SqlQuery final
{
public:
    SqlQuery(const QSqlDatabase &db, const QString &sql);

    SqlQuery &bind(const QString &placeholder, const QVariant &value);
    Status exec();
    // exec(), then the first row's first column.
    Result<QVariant> scalar();

    bool next() { return m_query.next(); }
    QVariant value(int column) const { return m_query.value(column); }
    int numRowsAffected() const { return m_query.numRowsAffected(); }

private:
    QSqlQuery m_query;
    QString m_driverName;
    bool m_prepared = false;
};

Error sqlError(const QSqlError &error, const QString &driverName);
// Null of a given type, so drivers know what they are binding.
QVariant nullString();
QVariant optionalString(const QString &value);
// Qt binds a null QString as SQL NULL; NOT NULL text columns get '' instead.
QVariant text(const QString &value);

} // namespace Sb::Store
