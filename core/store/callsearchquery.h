#pragma once

#include "callrecord.h"
#include "databaseurl.h"

#include <QStringList>
#include <QVariantMap>

namespace Sb::Store {

class SqlQuery;

// The WHERE clause of a page of the call log: the tenant, a search's words and number, its
// filters and the keyset position, as literal fragments with named placeholders, and the values
// for them. What people type only ever travels as a bound value: words are reduced to letters
// and digits and become prefixes (FTS5 on SQLite, to_tsquery on PostgreSQL).
class CallSearchQuery final
{
public:
    CallSearchQuery(Backend backend, const CallSearch &search, const CallCursor &after);

    QString where() const { return m_conditions.join(QStringLiteral(" AND ")); }
    // Every placeholder of where() but :tenant.
    void bindTo(SqlQuery &query) const;

private:
    void add(const QString &condition, const QVariantMap &binds = {});

    QStringList m_conditions;
    QVariantMap m_binds;
};

} // namespace Sb::Store
