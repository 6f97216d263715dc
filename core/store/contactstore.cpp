#include "contactstore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

namespace {
// What a search matches: the name, the email and the number's digits, in lower case.
QString searchTextOf(const QString &name, const QString &email, const QString &e164)
{
    QString digits;
    for (const QChar c : e164) {
        if (c.isDigit())
            digits += c;
    }
    return (name + u' ' + email + u' ' + digits).toLower();
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Below this many matches a search reads them by the trigram index (PostgreSQL).
constexpr int kFewMatches = 2000;

// One record written inside storePage's transaction.
class PageWriter
{
public:
    PageWriter(QSqlDatabase &db, const TenantScope &tenant, const QString &platform)
        : m_db(db)
        , m_tenant(tenant.tenantId().value())
        , m_platform(platform)
        , m_now(nowMs())
    {}

    Status write(const CrmRecord &record)
    {
        for (const QString &merged : record.mergedRecordIds) {
            if (auto gone = unlink(merged); !gone)
                return gone;
        }
        if (record.isDeleted)
            return unlink(record.recordId);
        auto contact = linkedContact(record.recordId);
        if (!contact)
            return contact.error();
        qint64 id = *contact;
        if (id == 0) {
            auto same = samePerson(record);
            if (!same)
                return same.error();
            id = *same;
        }
        if (id == 0) {
            auto made = insertContact(record);
            if (!made)
                return made.error();
            id = *made;
        } else if (auto updated = updateContact(id, record); !updated) {
            return updated;
        }
        return SqlQuery(m_db,
                        QStringLiteral(
                            "INSERT INTO contact_links (tenant_id, platform, record_id, contact_id,"
                            " name, email, phone, modified_at) VALUES (:t, :platform, :record,"
                            " :contact, :name, :email, :phone, :modified) ON CONFLICT (tenant_id,"
                            " platform, record_id) DO UPDATE SET contact_id = excluded.contact_id,"
                            " name = excluded.name, email = excluded.email, phone = excluded.phone,"
                            " modified_at = excluded.modified_at"))
            .bind(QStringLiteral(":t"), m_tenant)
            .bind(QStringLiteral(":platform"), m_platform)
            .bind(QStringLiteral(":record"), record.recordId)
            .bind(QStringLiteral(":contact"), id)
            .bind(QStringLiteral(":name"), text(record.name))
            .bind(QStringLiteral(":email"), optionalString(record.email))
            .bind(QStringLiteral(":phone"), optionalString(record.phone))
            .bind(QStringLiteral(":modified"), record.modifiedAt)
            .exec();
    }

private:
    Result<qint64> linkedContact(const QString &recordId)
    {
        SqlQuery query(m_db,
                       QStringLiteral("SELECT contact_id FROM contact_links WHERE tenant_id = :t"
                                      " AND platform = :platform AND record_id = :record"));
        auto ran = query.bind(QStringLiteral(":t"), m_tenant)
                       .bind(QStringLiteral(":platform"), m_platform)
                       .bind(QStringLiteral(":record"), recordId)
                       .exec();
        if (!ran)
            return ran.error();
        return query.next() ? query.value(0).toLongLong() : qint64(0);
    }

    // The tenant's contact with the same number, else the same email.
    Result<qint64> samePerson(const CrmRecord &record)
    {
        for (const auto &[column, value] : {std::pair{QStringLiteral("phone_e164"), record.phoneE164},
                                            std::pair{QStringLiteral("email"), record.email}}) {
            if (value.isEmpty())
                continue;
            SqlQuery query(m_db,
                           QStringLiteral("SELECT id FROM contacts WHERE tenant_id = :t AND ")
                               + column + QStringLiteral(" = :value ORDER BY id LIMIT 1"));
            auto ran = query.bind(QStringLiteral(":t"), m_tenant).bind(QStringLiteral(":value"), value).exec();
            if (!ran)
                return ran.error();
            if (query.next())
                return query.value(0).toLongLong();
        }
        return qint64(0);
    }

    Result<qint64> insertContact(const CrmRecord &record)
    {
        SqlQuery insert(m_db,
                        QStringLiteral("INSERT INTO contacts (tenant_id, name, email, phone_e164,"
                                       " search_text, created_at, updated_at) VALUES (:t, :name,"
                                       " :email, :phone, :search, :now, :now) RETURNING id"));
        auto id = insert.bind(QStringLiteral(":t"), m_tenant)
                      .bind(QStringLiteral(":name"), text(record.name))
                      .bind(QStringLiteral(":email"), optionalString(record.email))
                      .bind(QStringLiteral(":phone"), optionalString(record.phoneE164))
                      .bind(QStringLiteral(":search"), searchTextOf(record.name, record.email, record.phoneE164))
                      .bind(QStringLiteral(":now"), m_now)
                      .scalar();
        if (!id)
            return id.error();
        return id->toLongLong();
    }

    // A record changed more recently than the contact's other records gives the contact its
    // values (a patient's new number in the CRM shows here); an older one only fills what the
    // contact lacks.
    Status updateContact(qint64 id, const CrmRecord &record)
    {
        SqlQuery others(m_db,
                        QStringLiteral("SELECT COALESCE(MAX(modified_at), 0) FROM contact_links WHERE tenant_id = :t"
                                       " AND contact_id = :id AND NOT (platform = :platform AND record_id = :record)"));
        auto newest = others.bind(QStringLiteral(":t"), m_tenant)
                          .bind(QStringLiteral(":id"), id)
                          .bind(QStringLiteral(":platform"), m_platform)
                          .bind(QStringLiteral(":record"), record.recordId)
                          .scalar();
        if (!newest)
            return newest.error();
        const QString statement = record.modifiedAt >= newest->toLongLong()
            ? QStringLiteral("UPDATE contacts SET name = CASE WHEN :name <> '' THEN :name ELSE name END,"
                             " email = COALESCE(:email, email), phone_e164 = COALESCE(:phone, phone_e164),"
                             " updated_at = :now WHERE tenant_id = :t AND id = :id")
            : QStringLiteral("UPDATE contacts SET name = CASE WHEN name = '' THEN :name ELSE name END,"
                             " email = COALESCE(email, :email), phone_e164 = COALESCE(phone_e164, :phone),"
                             " updated_at = :now WHERE tenant_id = :t AND id = :id");
        auto updated = SqlQuery(m_db, statement)
            .bind(QStringLiteral(":name"), text(record.name))
            .bind(QStringLiteral(":email"), optionalString(record.email))
            .bind(QStringLiteral(":phone"), optionalString(record.phoneE164))
            .bind(QStringLiteral(":now"), m_now)
            .bind(QStringLiteral(":t"), m_tenant)
            .bind(QStringLiteral(":id"), id)
            .exec();
        return updated ? refreshSearchText(id) : updated;
    }

    Status refreshSearchText(qint64 id)
    {
        SqlQuery read(m_db,
                      QStringLiteral("SELECT name, COALESCE(email, ''), COALESCE(phone_e164, '')"
                                     " FROM contacts WHERE tenant_id = :t AND id = :id"));
        auto ran = read.bind(QStringLiteral(":t"), m_tenant).bind(QStringLiteral(":id"), id).exec();
        if (!ran || !read.next())
            return ran;
        const QString search = searchTextOf(read.value(0).toString(), read.value(1).toString(), read.value(2).toString());
        return SqlQuery(m_db, QStringLiteral("UPDATE contacts SET search_text = :search WHERE tenant_id = :t AND id = :id"))
            .bind(QStringLiteral(":search"), search)
            .bind(QStringLiteral(":t"), m_tenant)
            .bind(QStringLiteral(":id"), id)
            .exec();
    }

    // The record is gone from the CRM: its link goes, and its contact when nothing else has it.
    Status unlink(const QString &recordId)
    {
        auto contact = linkedContact(recordId);
        if (!contact || *contact == 0)
            return contact ? ok() : Status(contact.error());
        auto removed = SqlQuery(m_db,
                                QStringLiteral("DELETE FROM contact_links WHERE tenant_id = :t AND"
                                               " platform = :platform AND record_id = :record"))
                           .bind(QStringLiteral(":t"), m_tenant)
                           .bind(QStringLiteral(":platform"), m_platform)
                           .bind(QStringLiteral(":record"), recordId)
                           .exec();
        if (!removed)
            return removed;
        return SqlQuery(m_db,
                        QStringLiteral("DELETE FROM contacts WHERE tenant_id = :t AND id = :id AND"
                                       " NOT EXISTS (SELECT 1 FROM contact_links l WHERE"
                                       " l.tenant_id = :t AND l.contact_id = :id)"))
            .bind(QStringLiteral(":t"), m_tenant)
            .bind(QStringLiteral(":id"), *contact)
            .exec();
    }

    QSqlDatabase &m_db;
    qint64 m_tenant;
    QString m_platform;
    qint64 m_now;
};

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
        PageWriter writer(db, tenant, platform);
        for (const CrmRecord &record : records) {
            if (auto written = writer.write(record); !written)
                return written;
        }
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

Result<int> ContactStore::count(const TenantScope &tenant) const
{
    int n = 0;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, QStringLiteral("SELECT COUNT(*) FROM contacts WHERE tenant_id = :t"));
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value()).exec();
        if (ran && query.next())
            n = query.value(0).toInt();
        return ran;
    });
    if (!status)
        return status.error();
    return n;
}

} // namespace Sb::Store
