#pragma once

#include "tenantscope.h"

#include <core/common/result.h>

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace Sb::Store {

class Database;

// A staff member's own RingCentral account as Switchboard keeps it: who they signed in as, the
// app that signed them in, the numbers they chose, and how far their call log and their
// notification subscription have got. Their tokens are an OAuth grant of their own.
struct RingCentralUser
{
    StaffId staff;
    QString staffName; // as it was when they connected (a colleague's row shows it)
    QString accountId;
    QString extensionId;
    QString extensionName;
    QString extensionNumber;
    QString appClientId;
    QString smsFrom; // E.164, empty until chosen
    QString callerId;
    QString callLogCursor;
    qint64 callLogSyncedAt = 0;
    QString messageCursor; // how far their texts have been brought in (RingCentral's sync token)
    QString subscriptionId;
    qint64 subscriptionExpiresAt = 0;
    qint64 connectedAt = 0;
    qint64 updatedAt = 0;
};

// A staff line as serve keeps it: whose, and when its notification subscription ends.
struct RingCentralLine
{
    TenantId tenant;
    StaffId staff;
    qint64 subscriptionExpiresAt = 0;
};

// The ringcentral_users table. Tenant-scoped; a staff login reads and writes its own row, a
// clinic's owners and admins read every colleague's and may remove one (a reset), never write
// in their name (row-level security on PostgreSQL). Writes announce ChangeKind::Connections.
class RingCentralUserStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::RingCentralUserStore)

public:
    explicit RingCentralUserStore(Database &database);

    // A sign-in: the staff member's row made or replaced. Signing in again as the same
    // extension keeps the numbers chosen and the sync state; another extension starts afresh.
    // An extension connected by someone else is refused (its notifications could not be routed).
    Status connect(const TenantScope &tenant, const RingCentralUser &user);
    Result<std::optional<RingCentralUser>> find(const TenantScope &tenant, StaffId staff) const;
    Result<QList<RingCentralUser>> list(const TenantScope &tenant) const;
    // The tenant's staff member signed in as that extension (a notification's ownerId).
    Result<std::optional<RingCentralUser>> findByExtension(const TenantScope &tenant, const QString &extensionId) const;
    // Every tenant's lines, the soonest-ending subscription first: for serve, which keeps them
    // all (on PostgreSQL through a function that shows nothing else of the rows).
    Result<QList<RingCentralLine>> lines() const;
    Status chooseNumbers(const TenantScope &tenant, StaffId staff, const QString &smsFrom, const QString &callerId);
    Status saveCallLogCursor(const TenantScope &tenant, StaffId staff, const QString &cursor, qint64 syncedAt);
    Status saveMessageCursor(const TenantScope &tenant, StaffId staff, const QString &cursor);
    Status saveSubscription(const TenantScope &tenant, StaffId staff, const QString &id, qint64 expiresAt);
    // A reset: the staff member's RingCentral grant and row removed, by themselves or by an
    // owner or admin of the clinic (on PostgreSQL through a function that removes a colleague's
    // grant without showing it). True if there was anything.
    Result<bool> reset(const TenantScope &tenant, StaffId staff);

private:
    Status update(const TenantScope &tenant, StaffId staff, const QString &assignments, const QVariantMap &binds);
    // One row by a condition on `:key` (staff_id, extension_id), in the tenant.
    Result<std::optional<RingCentralUser>> findWhere(const TenantScope &tenant, const QString &condition,
                                                     const QVariant &key) const;

    Database &m_database;
};

} // namespace Sb::Store
