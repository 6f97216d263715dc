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
    if (!terms.isEmpty()) {
        m_terms = terms.join(isPostgres ? QStringLiteral(" & ") : QStringLiteral(" "));
        add(isPostgres ? QStringLiteral("search @@ to_tsquery('simple', :terms)")
                       : QStringLiteral("id IN (SELECT rowid FROM calls_search"
                                        " WHERE calls_search MATCH :terms)"),
            {{QStringLiteral(":terms"), m_terms}});
    }
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
    switch (search.outcome) {
    case CallSearch::Outcome::Any:
        break;
    case CallSearch::Outcome::Assistant:
        add(QStringLiteral("status = 'completed' AND vapi_call_id IS NOT NULL"));
        break;
    case CallSearch::Outcome::Answered:
        add(QStringLiteral("status = 'completed' AND vapi_call_id IS NULL"));
        break;
    case CallSearch::Outcome::Missed:
        add(QStringLiteral("status IN ('no-answer', 'busy', 'canceled', 'failed')"));
        break;
    }
    // Row-value comparison walks the (tenant_id, started_at DESC, id DESC) index directly, in
    // either direction.
    if (!after.isStart()) {
        add(order == CallOrder::NewestFirst ? QStringLiteral("(started_at, id) < (:at, :id)")
                                            : QStringLiteral("(started_at, id) > (:at, :id)"),
            {{QStringLiteral(":at"), after.startedAt}, {QStringLiteral(":id"), after.id.value()}});
    }
}

QString CallSearchQuery::where(bool isFew) const
{
    QString conditions = m_conditions.join(QStringLiteral(" AND "));
    // SQLite: "+tenant_id" keeps the planner off the tenant's newest-first index, so it looks
    // up the text index's matches by row id instead of walking a million entries.
    if (isFew && m_backend == Backend::Sqlite)
        conditions.prepend(u'+');
    return conditions;
}

QString CallSearchQuery::orderBy() const
{
    return m_order == CallOrder::NewestFirst ? QStringLiteral(" ORDER BY started_at DESC, id DESC")
                                             : QStringLiteral(" ORDER BY started_at ASC, id ASC");
}

QString CallSearchQuery::countWordMatches() const
{
    // SQLite only: it counts in the text index itself (every tenant's rows: a guess at the
    // plan, never shown). PostgreSQL's planner reads a capped count as a table scan (a rare
    // word then reads every row: measured 0.4-0.6 s at a million calls), so it keeps one plan.
    if (m_terms.isEmpty() || m_backend != Backend::Sqlite)
        return {};
    return QStringLiteral("SELECT COUNT(*) FROM (SELECT rowid FROM calls_search"
                          " WHERE calls_search MATCH :terms LIMIT :cap)");
}

void CallSearchQuery::bindWords(SqlQuery &query) const
{
    query.bind(QStringLiteral(":terms"), m_terms);
}

void CallSearchQuery::add(const QString &condition, const QVariantMap &binds)
{
    m_conditions.append(condition);
    m_binds.insert(binds);
}

void CallSearchQuery::bindTo(SqlQuery &query) const
{
    for (auto it = m_binds.cbegin(); it != m_binds.cend(); ++it)
        query.bind(it.key(), it.value());
}

} // namespace Sb::Store
