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
    CallSearchQuery(Backend backend,
                    const CallSearch &search,
                    const CallCursor &after,
                    CallOrder order = CallOrder::NewestFirst);

    // The conditions and the page's ORDER BY (newest first). isFew: few calls match the words
    // (rare ones), so the text index finds them all and they are sorted; otherwise the
    // newest-first index is walked until a page is full, quick when many match and slow when
    // few do (SQLite's planner cannot tell the two apart, countWordMatches can).
    QString where(bool isFew = false) const;
    QString orderBy() const; // newest first, or oldest first
    // With words, on SQLite: a statement counting the calls that match them, up to :cap;
    // empty otherwise. Bind with bindWords.
    QString countWordMatches() const;
    void bindWords(SqlQuery &query) const;
    // Every placeholder of where() but :tenant.
    void bindTo(SqlQuery &query) const;

private:
    void add(const QString &condition, const QVariantMap &binds = {});

    QStringList m_conditions;
    QVariantMap m_binds;
    Backend m_backend;
    CallOrder m_order;
    QString m_terms; // the words as the text index's query, when there are words
};

} // namespace Sb::Store
