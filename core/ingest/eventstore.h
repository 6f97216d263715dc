#pragma once

#include "ingestevent.h"

#include <core/common/result.h>
#include <core/tenancy/tenantscope.h>

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
    Status quarantine(const QuarantinedEvent &event);
    Status audit(const Tenancy::TenantScope &tenant, const QString &action, const QString &detail);

    // Message statuses only move forward: "sent" arriving after "delivered" changes nothing.
    static int messageStatusRank(const QString &status);
    static int callStatusRank(const QString &status);

private:
    Status
    writeNormalised(QSqlDatabase &db, const Tenancy::TenantScope &tenant, const IngestEvent &event);
    Status
    writeCall(QSqlDatabase &db, const Tenancy::TenantScope &tenant, const IngestEvent &event);
    Status
    writeRecording(QSqlDatabase &db, const Tenancy::TenantScope &tenant, const IngestEvent &event);

    Store::Database &m_database;
};

} // namespace Sb::Ingest
