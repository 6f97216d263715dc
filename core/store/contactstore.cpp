#include "contactstore.h"

#include "contactpagewriter.h"
#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Below this many matches a search reads them by the trigram index (PostgreSQL).
constexpr int kFewMatches = 2000;

CrmSyncState stateFrom(const SqlQuery &query)
{
    CrmSyncState state;
    state.platform = query.value(0).toString();
    state.isIncremental = query.value(1).toString() == u"incremental";
    state.cursor = query.value(2).toString();
    state.since = query.value(3).toLongLong();
    state.highWater = query.value(4).toLongLong();
    state.fetched = query.value(5).toInt();
    state.estimatedTotal = query.value(6).toInt();
    state.startedAt = query.value(7).toLongLong();
    state.finishedAt = query.value(8).toLongLong();
    state.updatedAt = query.value(9).toLongLong();
    return state;
}

Status writeState(QSqlDatabase &db, qint64 tenant, const CrmSyncState &state)
{
    return SqlQuery(db,
                    QStringLiteral(
                        "INSERT INTO crm_sync_state (tenant_id, platform, phase, cursor_text, since,"
                        " high_water, fetched, estimated_total, started_at, finished_at, updated_at)"
                        " VALUES (:t, :platform, :phase, :cursor, :since, :high, :fetched, :total,"
                        " :started, :finished, :now) ON CONFLICT (tenant_id, platform) DO UPDATE SET"
                        " phase = excluded.phase, cursor_text = excluded.cursor_text,"
                        " since = excluded.since, high_water = excluded.high_water,"
                        " fetched = excluded.fetched, estimated_total = excluded.estimated_total,"
                        " started_at = excluded.started_at, finished_at = excluded.finished_at,"
                        " updated_at = excluded.updated_at"))
        .bind(QStringLiteral(":t"), tenant)
        .bind(QStringLiteral(":platform"), state.platform)
        .bind(QStringLiteral(":phase"), state.isIncremental ? QStringLiteral("incremental") : QStringLiteral("full"))
        .bind(QStringLiteral(":cursor"), text(state.cursor))
        .bind(QStringLiteral(":since"), state.since)
        .bind(QStringLiteral(":high"), state.highWater)
        .bind(QStringLiteral(":fetched"), state.fetched)
        .bind(QStringLiteral(":total"), state.estimatedTotal)
        .bind(QStringLiteral(":started"), state.startedAt)
        .bind(QStringLiteral(":finished"), state.finishedAt)
        .bind(QStringLiteral(":now"), nowMs())
        .exec();
}

const QString kContactColumns = QStringLiteral(
    "SELECT id, name, COALESCE(email, ''), COALESCE(phone_e164, ''), updated_at FROM contacts");
} // namespace

ContactStore::ContactStore(Database &database)
    : m_database(database)
{}

Status ContactStore::storePage(const TenantScope &tenant,
                               const QString &platform,
                               const QList<CrmRecord> &records,
                               const CrmSyncState &next)
{
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        // New contacts for the Contacts page; only where the sync is, for the Connections page.
        m_database.noteChange({tenant.tenantId(), records.isEmpty() ? ChangeKind::Connections : ChangeKind::Contacts});
        if (auto written = ContactPageWriter(db, tenant.tenantId().value(), platform, nowMs()).write(records); !written)
            return written;
        return writeState(db, tenant.tenantId().value(), next);
    });
}

Result<std::optional<CrmSyncState>> ContactStore::syncState(const TenantScope &tenant,
                                                            const QString &platform) const
{
    std::optional<CrmSyncState> state;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT platform, phase, cursor_text, since, high_water,"
                                      " fetched, estimated_total, started_at, finished_at,"
                                      " updated_at FROM crm_sync_state WHERE tenant_id = :t AND"
                                      " platform = :platform"));
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value())
                       .bind(QStringLiteral(":platform"), platform)
                       .exec();
        if (ran && query.next())
            state = stateFrom(query);
        return ran;
    });
    if (!status)
        return status.error();
    return state;
}

Status ContactStore::saveSyncState(const TenantScope &tenant, const CrmSyncState &state)
{
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        m_database.noteChange({tenant.tenantId(), ChangeKind::Connections}); // a sync began or ended
        return writeState(db, tenant.tenantId().value(), state);
    });
}

Result<QList<Contact>> ContactStore::search(const TenantScope &tenant,
                                            const ContactSearch &search,
                                            int limit,
                                            const std::optional<Contact> &after) const
{
    QString where = QStringLiteral(" WHERE tenant_id = :t");
    QVariantMap binds;
    if (!search.e164.isEmpty()) {
        // By the number's index: left free, SQLite walks the name index for the order and
        // reads every contact to find the one (89 ms at 100,000; PostgreSQL picks it itself).
        if (m_database.backend() == Backend::Sqlite)
            where.prepend(QStringLiteral(" INDEXED BY contacts_by_phone"));
        where += QStringLiteral(" AND phone_e164 = :e164");
        binds.insert(QStringLiteral(":e164"), search.e164);
    } else if (!search.digits.isEmpty() || !search.text.isEmpty()) {
        // By the covering index of what a search reads (migration 20): 25-33 ms at 100,000
        // contacts, where the name index SQLite picks itself took 106 ms for a rare word.
        if (m_database.backend() == Backend::Sqlite)
            where.prepend(QStringLiteral(" INDEXED BY contacts_by_tenant_search"));
        where += QStringLiteral(" AND search_text LIKE :like ESCAPE '\\'");
        binds.insert(QStringLiteral(":like"),
                     likeContaining(search.digits.isEmpty() ? search.text.toLower() : search.digits));
    }
    if (after) {
        where += QStringLiteral(" AND (name > :name OR (name = :name AND id > :id))");
        binds.insert(QStringLiteral(":name"), text(after->name));
        binds.insert(QStringLiteral(":id"), after->id.value());
    }
    // PostgreSQL: a pattern few contacts match comes from the trigram index through
    // sb_contacts_matching (migration 21: row-level security keeps LIKE itself off it); one
    // that many match is found soonest walking the names in order.
    const bool mayUseTrigrams = m_database.backend() == Backend::Postgres && binds.contains(QStringLiteral(":like"))
        && binds.value(QStringLiteral(":like")).toString().size() >= 5; // three characters and the % around
    QList<Contact> contacts;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        if (mayUseTrigrams) {
            SqlQuery few(db, QStringLiteral("SELECT COUNT(*) FROM sb_contacts_matching(:t, :like, :cap)"));
            auto counted = few.bind(QStringLiteral(":t"), tenant.tenantId().value())
                               .bind(QStringLiteral(":like"), binds.value(QStringLiteral(":like")))
                               .bind(QStringLiteral(":cap"), kFewMatches + 1)
                               .scalar();
            if (!counted)
                return Status(counted.error());
            if (counted->toInt() <= kFewMatches) {
                where.replace(QStringLiteral(" AND search_text LIKE :like ESCAPE '\\'"),
                              QStringLiteral(" AND id IN (SELECT sb_contacts_matching(:t, :like, :cap))"));
                binds.insert(QStringLiteral(":cap"), kFewMatches + 1);
            }
        }
        SqlQuery query(db, kContactColumns + where + QStringLiteral(" ORDER BY name, id LIMIT :limit"));
        query.bind(QStringLiteral(":t"), tenant.tenantId().value()).bind(QStringLiteral(":limit"), limit);
        for (auto it = binds.cbegin(); it != binds.cend(); ++it)
            query.bind(it.key(), it.value());
        auto ran = query.exec();
        while (ran && query.next()) {
            Contact contact;
            contact.id = ContactId(query.value(0).toLongLong());
            contact.name = query.value(1).toString();
            contact.email = query.value(2).toString();
            contact.phoneE164 = query.value(3).toString();
            contact.updatedAt = query.value(4).toLongLong();
            contacts.append(contact);
        }
        if (!ran || contacts.isEmpty())
            return ran;
        // Their links, for the rows shown only.
        QStringList ids;
        for (const Contact &contact : std::as_const(contacts))
            ids.append(QString::number(contact.id.value()));
        SqlQuery links(db,
                       QStringLiteral("SELECT contact_id, platform, record_id FROM contact_links"
                                      " WHERE tenant_id = :t AND contact_id IN (")
                           + ids.join(u',') + QStringLiteral(") ORDER BY platform, record_id"));
        auto linked = links.bind(QStringLiteral(":t"), tenant.tenantId().value()).exec();
        while (linked && links.next()) {
            const qint64 id = links.value(0).toLongLong();
            for (Contact &contact : contacts) {
                if (contact.id.value() == id)
                    contact.links.append({links.value(1).toString(), links.value(2).toString()});
            }
        }
        return linked;
    });
    if (!status)
        return status.error();
    return contacts;
}

Result<std::optional<Contact>> ContactStore::find(const TenantScope &tenant, ContactId id) const
{
    std::optional<Contact> found;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, kContactColumns + QStringLiteral(" WHERE tenant_id = :t AND id = :id"));
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value()).bind(QStringLiteral(":id"), id.value()).exec();
        if (!ran || !query.next())
            return ran;
        Contact contact;
        contact.id = id;
        contact.name = query.value(1).toString();
        contact.email = query.value(2).toString();
        contact.phoneE164 = query.value(3).toString();
        contact.updatedAt = query.value(4).toLongLong();
        SqlQuery links(db,
                       QStringLiteral("SELECT platform, record_id FROM contact_links WHERE"
                                      " tenant_id = :t AND contact_id = :id ORDER BY platform"));
        auto linked = links.bind(QStringLiteral(":t"), tenant.tenantId().value()).bind(QStringLiteral(":id"), id.value()).exec();
        while (linked && links.next())
            contact.links.append({links.value(0).toString(), links.value(1).toString()});
        found = contact;
        return linked;
    });
    if (!status)
        return status.error();
    return found;
}

Result<int> ContactStore::count(const TenantScope &tenant, const QString &platform) const
{
    int n = 0;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       platform.isEmpty()
                           ? QStringLiteral("SELECT COUNT(*) FROM contacts WHERE tenant_id = :t")
                           : QStringLiteral("SELECT COUNT(*) FROM contact_links WHERE tenant_id = :t AND platform = :platform"));
        query.bind(QStringLiteral(":t"), tenant.tenantId().value());
        if (!platform.isEmpty())
            query.bind(QStringLiteral(":platform"), platform);
        auto ran = query.exec();
        if (ran && query.next())
            n = query.value(0).toInt();
        return ran;
    });
    if (!status)
        return status.error();
    return n;
}

} // namespace Sb::Store
