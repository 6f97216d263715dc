#pragma once

#include "ingestevent.h"

#include <core/common/result.h>
#include <core/store/tenantscope.h>

class QSqlDatabase;

namespace Sb::Store {
class Database;
}

namespace Sb::Ingest {

// An event and the tenant routing gave it.
struct TenantEvent
{
    Store::TenantScope tenant;
    const IngestEvent *event;
};

// Writes webhook events exactly once: the raw event (unique per tenant, provider and event key,
// INSERT … ON CONFLICT DO NOTHING) and its normalised rows in one transaction, so a redelivery,
// even a concurrent one from another server, adds nothing. Also the audit lines.
class EventStore final
{
public:
    explicit EventStore(Store::Database &database);

    // true: stored now; false: a duplicate of an event already stored.
    Result<bool> storeOnce(const Store::TenantScope &tenant, const IngestEvent &event);
    // Several events, perhaps of several tenants, in order, inside a transaction the caller
    // opened (group commit): for each, stored now or a duplicate (also of an earlier one in the
    // list). On PostgreSQL the raw events and message rows of the whole list go in one round
    // trip, each tenant's under its own scope: there a round trip per statement is what limits
    // a batch.
    Result<QList<bool>> storeAllIn(QSqlDatabase &db, const QList<TenantEvent> &events);
    Status audit(const Store::TenantScope &tenant, const QString &action, const QString &detail);

    // Call statuses only move forward (message statuses: Store::MessageStore::statusRank).
    static int callStatusRank(const QString &status);

private:
    Result<QList<bool>> storeEachIn(QSqlDatabase &db, const QList<TenantEvent> &events);
    Result<QList<bool>> storeBatchIn(QSqlDatabase &db, const QList<TenantEvent> &events);
    // The rows an event adds besides its raw copy.
    void noteChanges(const Store::TenantScope &tenant,
                     const IngestEvent &event,
                     qint64 eventId,
                     bool areEventsLogged);
    static Status
    writeMessage(QSqlDatabase &db, const Store::TenantScope &tenant, const IngestEvent &event);
    static Status
    writeCallRows(QSqlDatabase &db, const Store::TenantScope &tenant, const IngestEvent &event);
    static Status
    writeCall(QSqlDatabase &db, const Store::TenantScope &tenant, const IngestEvent &event);
    static Status
    writeRecording(QSqlDatabase &db, const Store::TenantScope &tenant, const IngestEvent &event);

    Store::Database &m_database;
};

} // namespace Sb::Ingest
