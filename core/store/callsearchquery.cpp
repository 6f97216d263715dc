#include "callsearchquery.h"

#include "sqlquery.h"

namespace Sb::Store {

CallSearchQuery::CallSearchQuery(Backend backend, const CallSearch &search, const CallCursor &after)
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
        add(isPostgres ? QStringLiteral("search @@ to_tsquery('simple', :terms)")
                       : QStringLiteral("id IN (SELECT rowid FROM calls_search"
                                        " WHERE calls_search MATCH :terms)"),
            {{QStringLiteral(":terms"),
              terms.join(isPostgres ? QStringLiteral(" & ") : QStringLiteral(" "))}});
    }
    if (!search.digits.isEmpty() || !search.e164.isEmpty()) {
        add(QStringLiteral("(counterpart_e164 = :e164 OR counterpart_e164 LIKE :digits)"),
            {{QStringLiteral(":e164"), search.e164},
             {QStringLiteral(":digits"),
              search.digits.isEmpty() ? QStringLiteral("-") : u'%' + search.digits + u'%'}});
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
    // Row-value comparison walks the (tenant_id, started_at DESC, id DESC) index directly.
    if (!after.isStart()) {
        add(QStringLiteral("(started_at, id) < (:at, :id)"),
            {{QStringLiteral(":at"), after.startedAt}, {QStringLiteral(":id"), after.id.value()}});
    }
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
