#pragma once

#include "ingestevent.h"

#include <core/common/result.h>
#include <core/tenancy/tenantscope.h>

#include <QSet>

class QSqlDatabase;

namespace Sb::Store {
class Database;
}

namespace Sb::Ingest {

struct QuarantinedEvent
{
    QString provider;
    QString endpoint;
    QString publicUrl;
    QString reason;
    QByteArray headersJson;
    QByteArray rawBody;
};

// Writes webhook events exactly once: the raw event (unique per tenant, provider and event key,
// INSERT … ON CONFLICT DO NOTHING) and its normalised rows in one transaction, so a redelivery,
// even a concurrent one from another server, adds nothing. Also quarantine and the audit lines.
class EventStore final
{
public:
    explicit EventStore(Store::Database &database);

    // true: stored now; false: a duplicate of an event already stored.
    Result<bool> storeOnce(const Tenancy::TenantScope &tenant, const IngestEvent &event);
    // The same inside a transaction the caller opened and scoped to the tenant (group commit).
    static Result<bool>
    storeIn(QSqlDatabase &db, const Tenancy::TenantScope &tenant, const IngestEvent &event);
    // Several events of one tenant, in order, inside such a transaction: for each, stored now
    // or a duplicate. On PostgreSQL the raw events go in one statement: there a round trip per
    // statement is what limits a batch.
    static Result<QList<bool>> storeAllIn(QSqlDatabase &db,
                                          const Tenancy::TenantScope &tenant,
                                          const QList<const IngestEvent *> &events);
    Status quarantine(const QuarantinedEvent &event);
    Status audit(const Tenancy::TenantScope &tenant, const QString &action, const QString &detail);

    // Message statuses only move forward: "sent" arriving after "delivered" changes nothing.
    static int messageStatusRank(const QString &status);
    static int callStatusRank(const QString &status);

private:
    static Result<QSet<QString>> insertRawEvents(QSqlDatabase &db,
                                                 const Tenancy::TenantScope &tenant,
                                                 const QList<const IngestEvent *> &events);
    static Status
    writeNormalised(QSqlDatabase &db, const Tenancy::TenantScope &tenant, const IngestEvent &event);
    static Status
    writeCall(QSqlDatabase &db, const Tenancy::TenantScope &tenant, const IngestEvent &event);
    static Status
    writeRecording(QSqlDatabase &db, const Tenancy::TenantScope &tenant, const IngestEvent &event);

    Store::Database &m_database;
};

} // namespace Sb::Ingest
