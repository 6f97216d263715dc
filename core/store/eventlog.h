#pragma once

#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QList>
#include <QVariantMap>

#include <optional>

namespace Sb::Store {
class Database;
}

namespace Sb::Store {

struct StoredEvent
{
    qint64 id = 0;
    QString provider;
    QString eventType;
    QString eventKey;
    qint64 receivedAt = 0;
    QByteArray rawBody;
    QByteArray headersJson; // as kept: credential headers were never stored
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
    bool isVerified = false;
};

// The latest word an ingest server left for administrators about the quarantine's budget.
struct QuarantineNotice
{
    QString action; // "quarantine.full" or "quarantine.room"
    QString detail;
    qint64 at = 0;
};

// Reading the webhook log: a tenant's stored events (scoped), and the quarantine (administrators).
class EventLog final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::EventLog)

public:
    explicit EventLog(Store::Database &database);

    // Newest first; beforeId: the last event of the previous page (0: from the newest).
    Result<QList<StoredEvent>>
    newest(const Store::TenantScope &tenant, int limit, qint64 beforeId = 0) const;
    Result<StoredEvent> event(const Store::TenantScope &tenant, qint64 id) const;
    // Newest first, for reading; beforeId as above.
    Result<QList<QuarantineEntry>>
    quarantined(bool includeReplayed, int limit, qint64 beforeId = 0) const;
    // Waiting ones, oldest first: the order to replay them in.
    Result<QList<QuarantineEntry>> waitingOldestFirst(int limit) const;
    Result<QuarantineEntry> quarantineEntry(qint64 id) const;
    Result<std::optional<QuarantineNotice>> latestQuarantineNotice() const;

private:
    Result<QList<QuarantineEntry>> selectQuarantine(const QString &rest,
                                                    const QVariantMap &binds) const;

    Store::Database &m_database;
};

} // namespace Sb::Store
