#pragma once

#include <core/common/result.h>
#include <core/tenancy/tenantscope.h>

#include <QList>

namespace Sb::Store {
class Database;
}

namespace Sb::Ingest {

struct StoredEvent
{
    qint64 id = 0;
    QString provider;
    QString eventType;
    QString eventKey;
    qint64 receivedAt = 0;
    QByteArray rawBody;
};

struct QuarantineEntry
{
    qint64 id = 0;
    QString provider;
    QString endpoint;
    QString publicUrl;
    QString reason;
    qint64 receivedAt = 0;
    qint64 replayedTenantId = 0; // 0: still waiting
    QByteArray headersJson;
    QByteArray rawBody;
};

// Reading the webhook log: a tenant's stored events (scoped), and the quarantine (administrators).
class EventLog final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ingest::EventLog)

public:
    explicit EventLog(Store::Database &database);

    Result<QList<StoredEvent>> newest(const Tenancy::TenantScope &tenant, int limit) const;
    Result<StoredEvent> event(const Tenancy::TenantScope &tenant, qint64 id) const;
    Result<QList<QuarantineEntry>> quarantined(bool includeReplayed, int limit) const;
    Result<QuarantineEntry> quarantineEntry(qint64 id) const;

private:
    Store::Database &m_database;
};

} // namespace Sb::Ingest
