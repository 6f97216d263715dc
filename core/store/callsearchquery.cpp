#include "callsearchquery.h"

#include "sqlquery.h"

namespace Sb::Store {

CallSearchQuery::CallSearchQuery(Backend backend,
                                 const CallSearch &search,
                                 const CallCursor &after,
                                 CallOrder order)
    : m_backend(backend)
    , m_order(order)
{
    const bool isPostgres = backend == Backend::Postgres;
    add(QStringLiteral("tenant_id = :tenant"));
    QStringList terms;
    for (const QString &word : search.words) {
        QString clean;
        for (const QChar c : word) {
            if (c.isLetterOrNumber())
                clean += c;
        }
        if (!clean.isEmpty())
            terms.append(isPostgres ? clean + QStringLiteral(":*")
                                    : u'"' + clean + QStringLiteral("\"*"));
    }
    m_terms = terms.join(isPostgres ? QStringLiteral(" & ") : QStringLiteral(" "));
    if (!search.e164.isEmpty()) {
        // A whole number: that caller's calls, through the (tenant, counterpart) index.
        add(QStringLiteral("counterpart_e164 = :e164"), {{QStringLiteral(":e164"), search.e164}});
    } else if (!search.digits.isEmpty()) {
        // Part of a number: any call whose number holds these digits (a scan of the tenant's).
        add(QStringLiteral("counterpart_e164 LIKE :digits"),
            {{QStringLiteral(":digits"), u'%' + search.digits + u'%'}});
    }
    if (search.since > 0)
        add(QStringLiteral("started_at >= :since"), {{QStringLiteral(":since"), search.since}});
    if (search.until > 0)
        add(QStringLiteral("started_at < :until"), {{QStringLiteral(":until"), search.until}});
    if (search.isInbound) {
        add(QStringLiteral("direction = :direction"),
            {{QStringLiteral(":direction"),
              *search.isInbound ? QStringLiteral("inbound") : QStringLiteral("outbound")}});
    }
    if (search.outcome != CallSearch::Outcome::Any)
        add(outcomeCondition(search.outcome));
    // Row-value comparison walks the (tenant_id, started_at DESC, id DESC) index directly, in
    // either direction.
    if (!after.isStart()) {
        add(order == CallOrder::NewestFirst ? QStringLiteral("(started_at, id) < (:at, :id)")
                                            : QStringLiteral("(started_at, id) > (:at, :id)"),
            {{QStringLiteral(":at"), after.startedAt}, {QStringLiteral(":id"), after.id.value()}});
    }
}

QString CallSearchQuery::outcomeCondition(CallSearch::Outcome outcome)
{
    switch (outcome) {
    case CallSearch::Outcome::Any:
        break;
    case CallSearch::Outcome::Assistant:
        return QStringLiteral("(status = 'completed' AND vapi_call_id IS NOT NULL"
                              " AND COALESCE(ended_reason, '') <> 'assistant-forwarded-call')");
    case CallSearch::Outcome::Transferred:
        // VAPI's word for a call the assistant handed on to a person.
        return QStringLiteral("(ended_reason = 'assistant-forwarded-call')");
    case CallSearch::Outcome::Answered:
        return QStringLiteral("(status = 'completed' AND vapi_call_id IS NULL)");
    case CallSearch::Outcome::Missed:
        return QStringLiteral("(status IN ('no-answer', 'busy', 'canceled', 'failed'))");
    }
    return QStringLiteral("TRUE");
}

QString CallSearchQuery::where(WordPlan plan) const
{
    if (m_terms.isEmpty())
        return m_conditions.join(QStringLiteral(" AND "));
    if (plan == WordPlan::RecentWindow) {
        // The tenant's newest calls that pass the other conditions, then the words among them
        // (a common word fills a page at once). If a page is full, it is the page: no match can
        // be newer than the window's oldest call.
        return QStringLiteral("tenant_id = :tenant AND id IN (SELECT id FROM"
                              " (SELECT id, started_at, search FROM calls WHERE %1%2"
                              " LIMIT :window) AS recent"
                              " WHERE search @@ to_tsquery('simple', :terms)%2 LIMIT :limit)")
            .arg(m_conditions.join(QStringLiteral(" AND ")), orderBy());
    }
    QStringList conditions = m_conditions;
    conditions.insert(1, wordsCondition(plan));
    QString where = conditions.join(QStringLiteral(" AND "));
    // SQLite: "+tenant_id" keeps the planner off the tenant's newest-first index, so it looks
    // up the text index's matches by row id instead of walking a million entries.
    if (plan == WordPlan::Matches && m_backend == Backend::Sqlite)
        where.prepend(u'+');
    return where;
}

QString CallSearchQuery::wordsCondition(WordPlan plan) const
{
    if (m_backend == Backend::Sqlite) {
        return QStringLiteral("id IN (SELECT rowid FROM calls_search"
                              " WHERE calls_search MATCH :terms)");
    }
    // PostgreSQL: the ids from the (tenant, words) text index, through sb_calls_matching
    // (migration 14: row-level security keeps @@ itself off the index), read once into an
    // array (an IN over the function became a subplan run for every row once calls had a
    // second, restrictive policy: minutes at 30,000 calls); or @@ filtering the newest-first
    // walk, which soon fills a page when many calls match.
    return plan == WordPlan::Matches
        ? QStringLiteral("id = ANY (ARRAY(SELECT sb_calls_matching(:tenant, :terms, :cap)))")
        : QStringLiteral("search @@ to_tsquery('simple', :terms)");
}

QString CallSearchQuery::orderBy() const
{
    return m_order == CallOrder::NewestFirst ? QStringLiteral(" ORDER BY started_at DESC, id DESC")
                                             : QStringLiteral(" ORDER BY started_at ASC, id ASC");
}

QString CallSearchQuery::countWordMatches() const
{
    if (m_terms.isEmpty())
        return {};
    // SQLite counts in the text index itself (every tenant's rows: a guess at the plan, never
    // shown); PostgreSQL in the tenant's own matches.
    return m_backend == Backend::Sqlite
        ? QStringLiteral("SELECT COUNT(*) FROM (SELECT rowid FROM calls_search"
                         " WHERE calls_search MATCH :terms LIMIT :cap)")
        : QStringLiteral("SELECT COUNT(*) FROM sb_calls_matching(:tenant, :terms, :cap)");
}

void CallSearchQuery::bindWordCount(SqlQuery &query, qint64 tenantId) const
{
    query.bind(QStringLiteral(":terms"), m_terms).bind(QStringLiteral(":cap"), kFewMatches + 1);
    if (m_backend == Backend::Postgres)
        query.bind(QStringLiteral(":tenant"), tenantId);
}

void CallSearchQuery::add(const QString &condition, const QVariantMap &binds)
{
    m_conditions.append(condition);
    m_binds.insert(binds);
}

void CallSearchQuery::bindTo(SqlQuery &query, WordPlan plan) const
{
    for (auto it = m_binds.cbegin(); it != m_binds.cend(); ++it)
        query.bind(it.key(), it.value());
    if (m_terms.isEmpty())
        return;
    query.bind(QStringLiteral(":terms"), m_terms);
    if (plan == WordPlan::Matches && m_backend == Backend::Postgres)
        query.bind(QStringLiteral(":cap"), kFewMatches + 1);
    if (plan == WordPlan::RecentWindow)
        query.bind(QStringLiteral(":window"), kRecentWindow);
}

} // namespace Sb::Store
