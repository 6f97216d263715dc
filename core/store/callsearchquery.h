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

    // How the words find their calls.
    enum class WordPlan {
        // Filter the newest-first walk: quick when many calls match, slow when few do.
        Walk,
        // Few calls match (countWordMatches ≤ kFewMatches): the text index finds them all and
        // they are sorted.
        Matches,
        // PostgreSQL, tried first: the words among the kRecentWindow newest calls; a full page
        // is the answer (a common word costs a fraction of a millisecond), else count.
        RecentWindow,
    };
    static constexpr int kFewMatches = 5000;
    static constexpr int kRecentWindow = 5000;

    // The SQL condition (on the calls table, no placeholders) of one outcome; the filter bar and
    // the dashboard sort calls by the same rule.
    static QString outcomeCondition(CallSearch::Outcome outcome);

    // The conditions (with :limit too for RecentWindow).
    QString where(WordPlan plan = WordPlan::Walk) const;
    QString orderBy() const; // newest first, or oldest first
    bool hasWords() const { return !m_terms.isEmpty(); }
    // With words: a statement counting the calls that match them, up to kFewMatches + 1;
    // empty otherwise. Bind with bindWordCount.
    QString countWordMatches() const;
    void bindWordCount(SqlQuery &query, qint64 tenantId) const;
    // Every placeholder of where(plan) but :tenant and :limit.
    void bindTo(SqlQuery &query, WordPlan plan = WordPlan::Walk) const;

private:
    void add(const QString &condition, const QVariantMap &binds = {});
    QString wordsCondition(WordPlan plan) const;

    QStringList m_conditions;
    QVariantMap m_binds;
    Backend m_backend;
    CallOrder m_order;
    QString m_terms; // the words as the text index's query, when there are words
};

} // namespace Sb::Store
