#pragma once

#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

#include <optional>

namespace Sb::Store {

class Database;

// The stretch of time the dashboard sums: today since midnight, or the last 7 or 30 days
// (today included), each compared with the same length of time just before it.
enum class ActivityPeriod { Today, Week, Month };

// What happened in a stretch of time: calls by outcome (CallSearch::Outcome's rules), texts
// either way, leads made and first contacted, requests quarantined.
struct ActivityTally
{
    int byAssistant = 0;
    int transferred = 0;
    int answered = 0; // by a person at the clinic
    int missed = 0;
    int otherCalls = 0; // still ringing or in progress, or ended some other way
    int textsIn = 0;
    int textsOut = 0;
    int newLeads = 0;
    int leadsContacted = 0;
    int quarantined = 0;

    int calls() const { return byAssistant + transferred + answered + missed + otherCalls; }
    int texts() const { return textsIn + textsOut; }
    ActivityTally &operator+=(const ActivityTally &other);
    bool operator==(const ActivityTally &) const = default;
};

// One bar of the charts: an hour of today, or a day of the period (local time).
struct ActivitySlot
{
    QDateTime start;
    ActivityTally tally;
};

// The leads made in the period, and how far they have got since.
struct LeadFunnel
{
    int created = 0;
    int contacted = 0; // contacted or booked (or contacted once, then lost)
    int booked = 0;
    bool operator==(const LeadFunnel &) const = default;
};

struct ActivitySummary
{
    ActivityPeriod period = ActivityPeriod::Today;
    QDateTime from; // local midnight, today or 6 or 29 days before
    QDateTime until; // now
    QDateTime previousFrom; // the same length of time just before `from`
    ActivityTally current;
    ActivityTally previous;
    QList<ActivitySlot> series; // oldest first: 24 hours of today, or every day of the period
    LeadFunnel funnel;
    // The quarantine belongs to no tenant: counted (every clinic's) only where the login may
    // read it and it was asked for.
    bool hasQuarantine = false;
};

// The dashboard's figures, summed by the store on its thread: per table, one statement run for
// each hour or day of the period (local boundaries, daylight saving included) and once for the
// period before, each an index range scan.
class ActivityStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::ActivityStore)

public:
    explicit ActivityStore(Database &database);

    Result<ActivitySummary> summary(const Store::TenantScope &tenant,
                                    ActivityPeriod period,
                                    const QDateTime &now,
                                    bool withQuarantine) const;

private:
    Database &m_database;
};

} // namespace Sb::Store
