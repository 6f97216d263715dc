#include "changelog.h"

#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

namespace {
const QList<ChangeKind> kKinds{ChangeKind::Calls,
                               ChangeKind::Messages,
                               ChangeKind::Leads,
                               ChangeKind::Events,
                               ChangeKind::Numbers,
                               ChangeKind::Connections,
                               ChangeKind::Contacts};
} // namespace

QString changeKindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Calls:
        return QStringLiteral("calls");
    case ChangeKind::Messages:
        return QStringLiteral("messages");
    case ChangeKind::Leads:
        return QStringLiteral("leads");
    case ChangeKind::Events:
        return QStringLiteral("events");
    case ChangeKind::Numbers:
        return QStringLiteral("numbers");
    case ChangeKind::Connections:
        return QStringLiteral("connections");
    case ChangeKind::Contacts:
        return QStringLiteral("contacts");
    }
    return {};
}

std::optional<ChangeKind> changeKindFromName(const QString &name)
{
    for (ChangeKind kind : kKinds) {
        if (changeKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

ChangeKinds allChangeKinds()
{
    ChangeKinds all;
    for (ChangeKind kind : kKinds)
        all |= kind;
    return all;
}

Status ChangeLog::record(QSqlDatabase &db,
                         TenantId tenant,
                         const QList<ChangeKind> &kinds,
                         qint64 rowId,
                         qint64 at,
                         const QString &origin)
{
    QStringList names;
    for (ChangeKind kind : kinds)
        names.append(changeKindName(kind));
    return SqlQuery(db,
                    QStringLiteral("INSERT INTO change_log (tenant_id, kind, row_id, origin,"
                                   " changed_at) VALUES (:tenant, :kind, :row, :origin, :at)"))
        .bind(QStringLiteral(":tenant"), tenant.value())
        .bind(QStringLiteral(":kind"), names.join(u','))
        .bind(QStringLiteral(":row"), kinds.size() == 1 ? rowId : 0)
        .bind(QStringLiteral(":origin"), origin)
        .bind(QStringLiteral(":at"), at > 0 ? at : QDateTime::currentMSecsSinceEpoch())
        .exec();
}

Result<QList<ChangeLog::Entry>>
ChangeLog::readAfter(QSqlDatabase &db, qint64 afterId, const QString &origin, int limit)
{
    SqlQuery query(db,
                   QStringLiteral("SELECT id, tenant_id, kind, row_id, changed_at FROM change_log"
                                  " WHERE id > :after AND origin <> :origin"
                                  " ORDER BY id LIMIT :limit"));
    auto ran = query.bind(QStringLiteral(":after"), afterId)
                   .bind(QStringLiteral(":origin"), origin)
                   .bind(QStringLiteral(":limit"), limit)
                   .exec();
    if (!ran)
        return ran.error();
    QList<Entry> entries;
    while (query.next()) {
        Entry entry{query.value(0).toLongLong(), {}};
        const QStringList names = query.value(2).toString().split(u',', Qt::SkipEmptyParts);
        for (const QString &name : names) {
            const auto kind = changeKindFromName(name);
            if (!kind)
                continue; // written by a newer program: not ours to show
            entry.changes.append(Change{TenantId(query.value(1).toLongLong()),
                                        *kind,
                                        query.value(3).toLongLong(),
                                        query.value(4).toLongLong(),
                                        true});
        }
        entries.append(entry);
    }
    return entries;
}

Result<qint64> ChangeLog::newestId(QSqlDatabase &db)
{
    auto newest =
        SqlQuery(db, QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM change_log")).scalar();
    if (!newest)
        return newest.error();
    return newest->toLongLong();
}

Status ChangeLog::prune(QSqlDatabase &db, TenantId tenant, qint64 maxAgeMs)
{
    return SqlQuery(db,
                    QStringLiteral("DELETE FROM change_log WHERE tenant_id = :tenant"
                                   " AND changed_at < :before"))
        .bind(QStringLiteral(":tenant"), tenant.value())
        .bind(QStringLiteral(":before"), QDateTime::currentMSecsSinceEpoch() - maxAgeMs)
        .exec();
}

} // namespace Sb::Store
