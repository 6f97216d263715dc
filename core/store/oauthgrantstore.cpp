#include "oauthgrantstore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Store {

namespace {
const QString kColumns = QStringLiteral(
    "provider, owner_staff_id, connected_by, key_id, envelope, expires_at, scopes, extras_json,"
    " generation, refreshing_until, status, problem, connected_at, updated_at");
const QString kThisGrant = QStringLiteral(
    " WHERE tenant_id = :t AND provider = :provider AND owner_staff_id = :owner");

StoredGrant grantFrom(const SqlQuery &query)
{
    StoredGrant grant;
    grant.key.provider = query.value(0).toString();
    grant.key.owner = StaffId(query.value(1).toLongLong());
    grant.connectedBy = query.value(2).toString();
    grant.keyId = query.value(3).toString();
    grant.envelope = query.value(4).toByteArray();
    grant.expiresAt = query.value(5).toLongLong();
    grant.scopes = query.value(6).toString().split(u' ', Qt::SkipEmptyParts);
    grant.extras = QJsonDocument::fromJson(query.value(7).toString().toUtf8()).object().toVariantMap();
    grant.generation = query.value(8).toLongLong();
    grant.refreshingUntil = query.value(9).toLongLong();
    grant.needsReconnect = query.value(10).toString() == u"needs_reconnect";
    grant.problem = query.value(11).toString();
    grant.connectedAt = query.value(12).toLongLong();
    grant.updatedAt = query.value(13).toLongLong();
    return grant;
}

QString jsonOf(const QVariantMap &extras)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject::fromVariantMap(extras)).toJson(QJsonDocument::Compact));
}

SqlQuery &bindKey(SqlQuery &query, const TenantScope &tenant, const GrantKey &key)
{
    return query.bind(QStringLiteral(":t"), tenant.tenantId().value())
        .bind(QStringLiteral(":provider"), key.provider)
        .bind(QStringLiteral(":owner"), key.owner.isValid() ? key.owner.value() : qint64(0));
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

QString GrantKey::record() const
{
    return QStringLiteral("oauth:%1:%2").arg(provider).arg(owner.isValid() ? owner.value() : 0);
}

OAuthGrantStore::OAuthGrantStore(Database &database)
    : m_database(database)
{}

Status OAuthGrantStore::connect(const TenantScope &tenant, const StoredGrant &grant)
{
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        m_database.noteChange({tenant.tenantId(), ChangeKind::Connections});
        const qint64 now = nowMs();
        // A reconnect replaces the grant; its generation still grows, so a token of the old
        // grant handed out before is never taken for a current one.
        SqlQuery upsert(
            db,
            QStringLiteral(
                "INSERT INTO oauth_grants (tenant_id, provider, owner_staff_id, connected_by,"
                " key_id, envelope, expires_at, scopes, extras_json, generation,"
                " refreshing_until, status, problem, connected_at, updated_at) VALUES (:t,"
                " :provider, :owner, :by, :key, :envelope, :expires, :scopes, :extras, 1, 0,"
                " 'connected', '', :now, :now) ON CONFLICT (tenant_id, provider, owner_staff_id)"
                " DO UPDATE SET connected_by = excluded.connected_by, key_id = excluded.key_id,"
                " envelope = excluded.envelope, expires_at = excluded.expires_at,"
                " scopes = excluded.scopes, extras_json = excluded.extras_json,"
                " generation = oauth_grants.generation + 1, refreshing_until = 0,"
                " status = 'connected', problem = '', connected_at = excluded.connected_at,"
                " updated_at = excluded.updated_at"));
        return bindKey(upsert, tenant, grant.key)
            .bind(QStringLiteral(":by"), text(grant.connectedBy))
            .bind(QStringLiteral(":key"), grant.keyId)
            .bind(QStringLiteral(":envelope"), grant.envelope)
            .bind(QStringLiteral(":expires"), grant.expiresAt)
            .bind(QStringLiteral(":scopes"), text(grant.scopes.join(u' ')))
            .bind(QStringLiteral(":extras"), jsonOf(grant.extras))
            .bind(QStringLiteral(":now"), now)
            .exec();
    });
}

Result<std::optional<StoredGrant>> OAuthGrantStore::find(const TenantScope &tenant,
                                                         const GrantKey &key) const
{
    std::optional<StoredGrant> found;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM oauth_grants") + kThisGrant);
        auto ran = bindKey(query, tenant, key).exec();
        if (ran && query.next())
            found = grantFrom(query);
        return ran;
    });
    if (!status)
        return status.error();
    return found;
}

Result<QList<StoredGrant>> OAuthGrantStore::list(const TenantScope &tenant) const
{
    QList<StoredGrant> grants;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT ") + kColumns
                           + QStringLiteral(" FROM oauth_grants WHERE tenant_id = :t"
                                            " ORDER BY provider, owner_staff_id"));
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value()).exec();
        while (ran && query.next())
            grants.append(grantFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return grants;
}

Result<bool> OAuthGrantStore::takeRefreshLease(const TenantScope &tenant,
                                               const GrantKey &key,
                                               qint64 generation,
                                               qint64 now,
                                               qint64 until)
{
    bool taken = false;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        // One statement: of two processes asking at once, exactly one row update succeeds.
        SqlQuery lease(db,
                       QStringLiteral("UPDATE oauth_grants SET refreshing_until = :until")
                           + kThisGrant
                           + QStringLiteral(" AND generation = :generation AND status ="
                                            " 'connected' AND refreshing_until < :now"));
        auto ran = bindKey(lease, tenant, key)
                       .bind(QStringLiteral(":until"), until)
                       .bind(QStringLiteral(":generation"), generation)
                       .bind(QStringLiteral(":now"), now)
                       .exec();
        taken = ran && lease.numRowsAffected() == 1;
        return ran;
    });
    if (!status)
        return status.error();
    return taken;
}

Result<qint64> OAuthGrantStore::saveRefreshed(const TenantScope &tenant,
                                              const GrantKey &key,
                                              qint64 leasedGeneration,
                                              const QString &keyId,
                                              const QByteArray &envelope,
                                              qint64 expiresAt,
                                              const QVariantMap &extras)
{
    bool saved = false;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        m_database.noteChange({tenant.tenantId(), ChangeKind::Connections});
        SqlQuery update(db,
                        QStringLiteral("UPDATE oauth_grants SET key_id = :key, envelope ="
                                       " :envelope, expires_at = :expires, extras_json = :extras,"
                                       " generation = generation + 1, refreshing_until = 0,"
                                       " updated_at = :now")
                            + kThisGrant + QStringLiteral(" AND generation = :generation"));
        auto ran = bindKey(update, tenant, key)
                       .bind(QStringLiteral(":key"), keyId)
                       .bind(QStringLiteral(":envelope"), envelope)
                       .bind(QStringLiteral(":expires"), expiresAt)
                       .bind(QStringLiteral(":extras"), jsonOf(extras))
                       .bind(QStringLiteral(":now"), nowMs())
                       .bind(QStringLiteral(":generation"), leasedGeneration)
                       .exec();
        saved = ran && update.numRowsAffected() == 1;
        return ran;
    });
    if (!status)
        return status.error();
    if (!saved) {
        return Error{ErrorCode::AlreadyExists,
                     tr("The %1 connection changed while it was being refreshed (reconnected or "
                        "removed): the refreshed tokens were not kept.")
                         .arg(key.provider)};
    }
    return leasedGeneration + 1;
}

Status OAuthGrantStore::releaseLease(const TenantScope &tenant, const GrantKey &key, qint64 generation)
{
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        SqlQuery update(db,
                        QStringLiteral("UPDATE oauth_grants SET refreshing_until = 0")
                            + kThisGrant + QStringLiteral(" AND generation = :generation"));
        return bindKey(update, tenant, key).bind(QStringLiteral(":generation"), generation).exec();
    });
}

Status OAuthGrantStore::markNeedsReconnect(const TenantScope &tenant,
                                           const GrantKey &key,
                                           qint64 generation,
                                           const QString &problem)
{
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        m_database.noteChange({tenant.tenantId(), ChangeKind::Connections});
        SqlQuery update(db,
                        QStringLiteral("UPDATE oauth_grants SET status = 'needs_reconnect',"
                                       " problem = :problem, refreshing_until = 0, updated_at ="
                                       " :now")
                            + kThisGrant + QStringLiteral(" AND generation = :generation"));
        return bindKey(update, tenant, key)
            .bind(QStringLiteral(":problem"), text(problem))
            .bind(QStringLiteral(":now"), nowMs())
            .bind(QStringLiteral(":generation"), generation)
            .exec();
    });
}

Result<bool> OAuthGrantStore::remove(const TenantScope &tenant, const GrantKey &key)
{
    bool removed = false;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        m_database.noteChange({tenant.tenantId(), ChangeKind::Connections});
        SqlQuery remove(db, QStringLiteral("DELETE FROM oauth_grants") + kThisGrant);
        auto ran = bindKey(remove, tenant, key).exec();
        removed = ran && remove.numRowsAffected() > 0;
        return ran;
    });
    if (!status)
        return status.error();
    return removed;
}

} // namespace Sb::Store
