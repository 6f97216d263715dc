#include "activitystore.h"

#include "callsearchquery.h"
#include "database.h"
#include "sqlquery.h"


#include <functional>

namespace Sb::Store {

ActivityTally &ActivityTally::operator+=(const ActivityTally &other)
{
    byAssistant += other.byAssistant;
    transferred += other.transferred;
    answered += other.answered;
    missed += other.missed;
    otherCalls += other.otherCalls;
    textsIn += other.textsIn;
    textsOut += other.textsOut;
    newLeads += other.newLeads;
    leadsContacted += other.leadsContacted;
    quarantined += other.quarantined;
    return *this;
}

namespace {

// The same clock as `like` (the system's local time, or a given zone in tests).
QDateTime inZoneOf(qint64 ms, const QDateTime &like)
{
    if (like.timeSpec() == Qt::TimeZone)
        return QDateTime::fromMSecsSinceEpoch(ms, like.timeZone());
    return QDateTime::fromMSecsSinceEpoch(ms, like.timeSpec(), like.offsetFromUtc());
}

QDateTime midnightOf(QDate date, const QDateTime &like)
{
    if (like.timeSpec() == Qt::TimeZone)
        return QDateTime(date, QTime(0, 0), like.timeZone());
    return QDateTime(date, QTime(0, 0), like.timeSpec(), like.offsetFromUtc());
}

int daysIn(ActivityPeriod period)
{
    switch (period) {
    case ActivityPeriod::Today:
        return 1;
    case ActivityPeriod::Week:
        return 7;
    case ActivityPeriod::Month:
        return 30;
    }
    return 1;
}

// A stretch of time, [from, until) in epoch ms, and the tally it is summed into.
struct Range
{
    qint64 from = 0;
    qint64 until = 0;
    ActivityTally *tally = nullptr;
};

// Runs one statement per range (bound :from and :until besides what bind adds) and lets count
// add its single row to the range's tally. Each run is an index range scan without sorting:
// cheaper than grouping the rows of every range in one statement.
Status sumRanges(SqlQuery &query,
                 const QList<Range> &ranges,
                 const std::function<void(ActivityTally &, const SqlQuery &)> &count)
{
    for (const Range &range : ranges) {
        auto ran = query.bind(QStringLiteral(":from"), range.from)
                       .bind(QStringLiteral(":until"), range.until)
                       .exec();
        if (!ran)
            return ran;
        if (query.next())
            count(*range.tally, query);
    }
    return Status(Ok{});
}

// The calls of a range by outcome, by the same rules as the Calls page's outcome filter.
QString callsByOutcome()
{
    using Outcome = CallSearch::Outcome;
    QString sql = QStringLiteral("SELECT");
    for (Outcome outcome :
         {Outcome::Transferred, Outcome::Assistant, Outcome::Answered, Outcome::Missed}) {
        sql += QStringLiteral(" COUNT(*) FILTER (WHERE ")
            + CallSearchQuery::outcomeCondition(outcome) + QStringLiteral("),");
    }
    return sql
        + QStringLiteral(" COUNT(*) FROM calls WHERE tenant_id = :tenant"
                         " AND started_at >= :from AND started_at < :until");
}

void countCalls(ActivityTally &tally, const SqlQuery &row)
{
    tally.transferred += row.value(0).toInt();
    tally.byAssistant += row.value(1).toInt();
    tally.answered += row.value(2).toInt();
    tally.missed += row.value(3).toInt();
    tally.otherCalls += row.value(4).toInt() - row.value(0).toInt() - row.value(1).toInt()
        - row.value(2).toInt() - row.value(3).toInt();
}

} // namespace

ActivityStore::ActivityStore(Database &database)
    : m_database(database)
{}

Result<ActivitySummary> ActivityStore::summary(const Store::TenantScope &tenant,
                                               ActivityPeriod period,
                                               const QDateTime &now,
                                               bool withQuarantine) const
{
    ActivitySummary summary;
    summary.period = period;
    summary.until = now;
    summary.from = midnightOf(now.date().addDays(1 - daysIn(period)), now);
    const qint64 untilMs = now.toMSecsSinceEpoch() + 1;
    const qint64 fromMs = summary.from.toMSecsSinceEpoch();
    const qint64 previousFromMs = fromMs - (untilMs - fromMs);
    summary.previousFrom = inZoneOf(previousFromMs, now);

    // The slots (local hours of today, or local days), then the period before as one range.
    const bool isHourly = period == ActivityPeriod::Today;
    const int slotCount = isHourly ? 24 : daysIn(period);
    for (int i = 0; i < slotCount; ++i) {
        summary.series.append({isHourly ? summary.from.addSecs(qint64(i) * 3600)
                                        : midnightOf(summary.from.date().addDays(i), now),
                               {}});
    }
    QList<Range> ranges;
    for (int i = 0; i < slotCount; ++i) {
        const qint64 start = summary.series.at(i).start.toMSecsSinceEpoch();
        const qint64 end = i + 1 < slotCount ? summary.series.at(i + 1).start.toMSecsSinceEpoch()
                                             : untilMs;
        if (start < untilMs)
            ranges.append({start, std::min(end, untilMs), &summary.series[i].tally});
    }
    ranges.append({previousFromMs, fromMs, &summary.previous});

    const qint64 tenantId = tenant.tenantId().value();
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery calls(db, callsByOutcome());
        calls.bind(QStringLiteral(":tenant"), tenantId);
        auto ran = sumRanges(calls, ranges, countCalls);
        if (!ran)
            return ran;
        SqlQuery texts(db,
                       QStringLiteral("SELECT COUNT(*) FILTER (WHERE direction = 'inbound'),"
                                      " COUNT(*) FROM messages WHERE tenant_id = :tenant"
                                      " AND sent_at >= :from AND sent_at < :until"));
        texts.bind(QStringLiteral(":tenant"), tenantId);
        ran = sumRanges(texts, ranges, [](ActivityTally &tally, const SqlQuery &row) {
            tally.textsIn += row.value(0).toInt();
            tally.textsOut += row.value(1).toInt() - row.value(0).toInt();
        });
        if (!ran)
            return ran;
        // Leads by when they were made, and by when they were first contacted.
        const std::pair<const char *, int ActivityTally::*> leadTimes[] = {
            {"created_at", &ActivityTally::newLeads},
            {"contacted_at", &ActivityTally::leadsContacted}};
        for (const auto &[column, field] : leadTimes) {
            const QString at = QLatin1String(column);
            SqlQuery leads(db,
                           QStringLiteral("SELECT COUNT(*) FROM leads WHERE tenant_id = :tenant AND ")
                               + at + QStringLiteral(" >= :from AND ") + at
                               + QStringLiteral(" < :until"));
            leads.bind(QStringLiteral(":tenant"), tenantId);
            ran = sumRanges(leads, ranges, [field](ActivityTally &tally, const SqlQuery &row) {
                tally.*field += row.value(0).toInt();
            });
            if (!ran)
                return ran;
        }
        SqlQuery funnel(db,
                        QStringLiteral("SELECT COUNT(*), COUNT(contacted_at),"
                                       " COUNT(*) FILTER (WHERE status = 'booked') FROM leads"
                                       " WHERE tenant_id = :tenant AND created_at >= :from"
                                       " AND created_at < :until"));
        ran = funnel.bind(QStringLiteral(":tenant"), tenantId)
                  .bind(QStringLiteral(":from"), fromMs)
                  .bind(QStringLiteral(":until"), untilMs)
                  .exec();
        if (ran && funnel.next()) {
            summary.funnel = {funnel.value(0).toInt(),
                              funnel.value(1).toInt(),
                              funnel.value(2).toInt()};
        }
        return ran;
    });
    if (!status)
        return status.error();

    if (withQuarantine) {
        // Its own transaction, summed apart: a login that may not read the quarantine (a staff
        // login on PostgreSQL) loses that figure only.
        QList<ActivityTally> kept(ranges.size());
        QList<Range> keptRanges = ranges;
        for (int i = 0; i < keptRanges.size(); ++i)
            keptRanges[i].tally = &kept[i];
        auto read = m_database.adminTransaction(TransactionMode::Read, [&](QSqlDatabase &db) {
            SqlQuery query(db,
                           QStringLiteral("SELECT COUNT(*) FROM quarantine"
                                          " WHERE received_at >= :from AND received_at < :until"));
            return sumRanges(query, keptRanges, [](ActivityTally &tally, const SqlQuery &row) {
                tally.quarantined += row.value(0).toInt();
            });
        });
        if (read) {
            summary.hasQuarantine = true;
            for (int i = 0; i < ranges.size(); ++i)
                *ranges[i].tally += kept.at(i);
        }
    }
    for (const ActivitySlot &slot : std::as_const(summary.series))
        summary.current += slot.tally;
    return summary;
}

} // namespace Sb::Store
