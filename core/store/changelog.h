#pragma once

#include "change.h"

#include <core/common/result.h>

#include <QList>

class QSqlDatabase;

namespace Sb::Store {

// The change_log table: how one process learns that another committed something. A row says
// only which tenant and which kind of rows changed (never row data), and each login reads it
// under its own row-level scope, so a staff member learns nothing of another tenant's activity.
class ChangeLog final
{
public:
    // Inside the writing transaction, under the tenant's scope: one row for all the kinds of
    // the tenant's rows the transaction changed (rowId when it changed a single row).
    // origin: the writing process.
    static Status record(QSqlDatabase &db,
                         TenantId tenant,
                         const QList<ChangeKind> &kinds,
                         qint64 rowId,
                         qint64 at,
                         const QString &origin);
    // Rows after afterId, not written by origin, oldest first, at most limit.
    struct Entry
    {
        qint64 id = 0;
        QList<Change> changes; // one per kind the row names
    };
    static Result<QList<Entry>>
    readAfter(QSqlDatabase &db, qint64 afterId, const QString &origin, int limit);
    // The newest row this login may see (0: none).
    static Result<qint64> newestId(QSqlDatabase &db);
    // Drops what no listener needs any more (older than maxAgeMs), for the tenant in scope.
    static Status prune(QSqlDatabase &db, TenantId tenant, qint64 maxAgeMs);
};

} // namespace Sb::Store
