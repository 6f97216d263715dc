#pragma once

#include <core/common/id.h>
#include <core/common/result.h>

#include <QByteArray>
#include <QString>

namespace Sb::Store {

class Database;

// A request kept for an administrator (events list --quarantined, events replay).
struct QuarantinedEvent
{
    QString provider;
    QString endpoint;
    QString publicUrl;
    QString reason;
    QByteArray headersJson;
    QByteArray rawBody;
    // Its signature or secret checked out against a tenant's: kept whatever the quarantine's
    // budget, never crowded out by requests nobody vouched for.
    bool isVerified = false;
};

// The quarantine: what webhook servers keep of requests they could not place, belonging to no
// tenant (administrators only; the ingest login may only add to it and learn its size).
class QuarantineStore final
{
public:
    explicit QuarantineStore(Database &database);

    Status keep(const QuarantinedEvent &event);
    // What the unverified part holds, in the units of costOf.
    Result<qint64> usage();
    static qint64 costOf(const QuarantinedEvent &event);
    static constexpr qint64 kRowOverhead = 512; // its other columns and index
    // Removes what was placed by a replay and what nobody vouched for; with includeVerified,
    // also verified requests still waiting. beforeId > 0: only older rows.
    struct Purged
    {
        int rows = 0;
        qint64 bytes = 0;
    };
    Result<Purged> purge(bool includeVerified, qint64 beforeId);
    // Replay placed it in a tenant; or it stays, for this reason now.
    Status markPlaced(qint64 id, TenantId tenant);
    Status setReason(qint64 id, const QString &reason);
    // A line for administrators that belongs to no tenant (the quarantine's budget).
    Status notice(const QString &action, const QString &detail);

private:
    Database &m_database;
};

} // namespace Sb::Store
