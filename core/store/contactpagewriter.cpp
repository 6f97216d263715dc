#include "contactpagewriter.h"

#include "sqlquery.h"

#include <QSet>

namespace Sb::Store {

namespace {
constexpr qsizetype kMostRowsAStatement = 256;

// "?, ?, …": the set statements bind by position (SqlQuery::bind(int)).
QString marks(qsizetype count, const QString &one = QStringLiteral("?"))
{
    QStringList all;
    all.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        all.append(one);
    return all.join(QStringLiteral(", "));
}

// "(SELECT ? AS value UNION ALL SELECT ? …) v": values to look up one by one, in SQL both
// backends read.
QString valueList(qsizetype count)
{
    return u'(' + marks(count, QStringLiteral("SELECT ? AS value")).replace(QStringLiteral(", SELECT"), QStringLiteral(" UNION ALL SELECT"))
        + QStringLiteral(") v");
}

// Statements are prepared once per connection and text (StatementCache): a set's statement
// comes in a few sizes only, powers of two, so a handful of texts serve every page.
qsizetype roundedUp(qsizetype count)
{
    qsizetype size = 1;
    while (size < count)
        size *= 2;
    return size;
}

// An IN list of `values` from `position` on, padded to a rounded size with its last value
// (the same set).
void bindAll(SqlQuery &query, int position, const QStringList &values)
{
    const qsizetype size = roundedUp(values.size());
    for (qsizetype i = 0; i < size; ++i)
        query.bind(position + int(i), values.at(std::min(i, values.size() - 1)));
}

// Rows written by several statements of power-of-two sizes, the largest first (430: 256,
// 128, 32, 8, 4, 2); values looked up at most this many a statement (SQLite allows 500 terms
// of a compound SELECT).
QList<qsizetype> chunksOf(qsizetype count)
{
    QList<qsizetype> chunks;
    for (qsizetype size = kMostRowsAStatement; count > 0; size /= 2) {
        while (count >= size) {
            chunks.append(size);
            count -= size;
        }
    }
    return chunks;
}

// A new contact as the insert returns it, to give each record its new row.
QString personKey(const QString &name, const QString &email, const QString &e164)
{
    return name + QChar(0x1f) + email + QChar(0x1f) + e164;
}
} // namespace

ContactPageWriter::ContactPageWriter(QSqlDatabase &db, qint64 tenantId, QString platform, qint64 now)
    : m_db(db)
    , m_tenant(tenantId)
    , m_platform(std::move(platform))
    , m_now(now)
{}

QString ContactPageWriter::searchTextOf(const QString &name, const QString &email, const QString &e164)
{
    QString digits;
    for (const QChar c : e164) {
        if (c.isDigit())
            digits += c;
    }
    return (name + u' ' + email + u' ' + digits).toLower();
}

Status ContactPageWriter::write(const QList<CrmRecord> &records)
{
    // Deletions and merges first, one by one; a record listed twice counts once (the last).
    QList<const CrmRecord *> live;
    QHash<QString, qsizetype> position;
    for (const CrmRecord &record : records) {
        for (const QString &merged : record.mergedRecordIds) {
            if (auto gone = unlink(merged); !gone)
                return gone;
        }
        if (record.isDeleted) {
            if (auto gone = unlink(record.recordId); !gone)
                return gone;
            if (const auto at = position.find(record.recordId); at != position.end())
                live[*at] = nullptr;
            continue;
        }
        if (const auto at = position.find(record.recordId); at != position.end()) {
            live[*at] = &record;
        } else {
            position.insert(record.recordId, live.size());
            live.append(&record);
        }
    }
    live.removeAll(nullptr);
    if (live.isEmpty())
        return ok();
    auto linked = linkedContacts(live);
    if (!linked)
        return linked.error();
    if (auto matched = readMatches(live); !matched)
        return matched;
    // Each record's contact: its link, else the same number, else the same email (here or made
    // earlier in this page), else a new person.
    QHash<const CrmRecord *, qint64> contactOf;
    QList<const CrmRecord *> people; // new contacts
    QHash<const CrmRecord *, const CrmRecord *> sameAsNew; // joins a person new in this page
    QHash<QString, const CrmRecord *> newByPhone;
    QHash<QString, const CrmRecord *> newByEmail;
    QList<const CrmRecord *> updates;
    for (const CrmRecord *record : std::as_const(live)) {
        qint64 id = linked->value(record->recordId);
        if (id == 0 && !record->phoneE164.isEmpty())
            id = m_byPhone.value(record->phoneE164);
        if (id == 0 && !record->email.isEmpty())
            id = m_byEmail.value(record->email);
        if (id != 0) {
            contactOf.insert(record, id);
            updates.append(record);
            continue;
        }
        const CrmRecord *same = record->phoneE164.isEmpty() ? nullptr : newByPhone.value(record->phoneE164);
        if (!same && !record->email.isEmpty())
            same = newByEmail.value(record->email);
        if (same) {
            sameAsNew.insert(record, same);
            continue;
        }
        people.append(record);
        if (!record->phoneE164.isEmpty())
            newByPhone.insert(record->phoneE164, record);
        if (!record->email.isEmpty())
            newByEmail.insert(record->email, record);
    }
    if (auto made = insertContacts(people, contactOf); !made)
        return made;
    for (auto it = sameAsNew.cbegin(); it != sameAsNew.cend(); ++it) {
        contactOf.insert(it.key(), contactOf.value(it.value()));
        updates.append(it.key());
    }
    for (const CrmRecord *record : std::as_const(updates)) {
        if (auto updated = updateContact(contactOf.value(record), *record); !updated)
            return updated;
    }
    return upsertLinks(live, contactOf);
}

Result<QHash<QString, qint64>> ContactPageWriter::linkedContacts(const QList<const CrmRecord *> &records)
{
    QStringList ids;
    for (const CrmRecord *record : records)
        ids.append(record->recordId);
    QHash<QString, qint64> linked;
    for (qsizetype first = 0; first < ids.size(); first += kMostRowsAStatement) {
        const QStringList some = ids.mid(first, kMostRowsAStatement);
        SqlQuery query(m_db,
                       QStringLiteral("SELECT v.value, (SELECT l.contact_id FROM contact_links l WHERE l.tenant_id = ?"
                                      " AND l.platform = ? AND l.record_id = v.value) FROM ")
                           + valueList(roundedUp(some.size())));
        query.bind(0, m_tenant).bind(1, m_platform);
        bindAll(query, 2, some);
        if (auto ran = query.exec(); !ran)
            return ran.error();
        while (query.next()) {
            if (!query.value(1).isNull())
                linked.insert(query.value(0).toString(), query.value(1).toLongLong());
        }
    }
    return linked;
}

Status ContactPageWriter::readMatches(const QList<const CrmRecord *> &records)
{
    QSet<QString> phones;
    QSet<QString> emails;
    for (const CrmRecord *record : records) {
        if (!record->phoneE164.isEmpty())
            phones.insert(record->phoneE164);
        if (!record->email.isEmpty())
            emails.insert(record->email);
    }
    m_byPhone.clear();
    m_byEmail.clear();
    for (const auto &[column, values, found] : {std::tuple{QStringLiteral("phone_e164"), phones.values(), &m_byPhone},
                                                std::tuple{QStringLiteral("email"), emails.values(), &m_byEmail}}) {
        // Each value looked up by its own index: an IN list of a hundred values looks
        // unselective to PostgreSQL before its statistics catch up with a first sync, and it
        // scanned the tenant's contacts for every page.
        for (qsizetype first = 0; first < values.size(); first += kMostRowsAStatement) {
            const QStringList some = values.mid(first, kMostRowsAStatement);
            SqlQuery query(m_db,
                           QStringLiteral("SELECT v.value, (SELECT MIN(c.id) FROM contacts c WHERE c.tenant_id = ? AND c.")
                               + column + QStringLiteral(" = v.value) FROM ") + valueList(roundedUp(some.size())));
            query.bind(0, m_tenant);
            bindAll(query, 1, some);
            if (auto ran = query.exec(); !ran)
                return ran;
            while (query.next()) {
                if (!query.value(1).isNull())
                    found->insert(query.value(0).toString(), query.value(1).toLongLong());
            }
        }
    }
    return ok();
}

Status ContactPageWriter::insertContacts(const QList<const CrmRecord *> &people, QHash<const CrmRecord *, qint64> &contactOf)
{
    qsizetype first = 0;
    for (const qsizetype size : chunksOf(people.size())) {
        if (auto made = insertChunk(people.mid(first, size), contactOf); !made)
            return made;
        first += size;
    }
    return ok();
}

Status ContactPageWriter::insertChunk(const QList<const CrmRecord *> &people, QHash<const CrmRecord *, qint64> &contactOf)
{
    SqlQuery insert(m_db,
                    QStringLiteral("INSERT INTO contacts (tenant_id, name, email, phone_e164, search_text, created_at,"
                                   " updated_at) VALUES ")
                        + marks(people.size(), QStringLiteral("(?, ?, ?, ?, ?, ?, ?)"))
                        + QStringLiteral(" RETURNING id, name, COALESCE(email, ''), COALESCE(phone_e164, '')"));
    int at = 0;
    for (const CrmRecord *person : people) {
        insert.bind(at++, m_tenant)
            .bind(at++, text(person->name))
            .bind(at++, optionalString(person->email))
            .bind(at++, optionalString(person->phoneE164))
            .bind(at++, searchTextOf(person->name, person->email, person->phoneE164))
            .bind(at++, m_now)
            .bind(at++, m_now);
    }
    if (auto ran = insert.exec(); !ran)
        return ran;
    // The rows come back in no promised order: each goes to a record with its values (two
    // records with the same values are the same to give out).
    QMultiHash<QString, qint64> made;
    while (insert.next())
        made.insert(personKey(insert.value(1).toString(), insert.value(2).toString(), insert.value(3).toString()),
                    insert.value(0).toLongLong());
    for (const CrmRecord *person : people) {
        const QString key = personKey(person->name, person->email, person->phoneE164);
        const auto it = made.find(key);
        if (it == made.end())
            return Error{ErrorCode::DatabaseError, QStringLiteral("a new contact did not come back from its insert")};
        contactOf.insert(person, it.value());
        made.erase(it);
    }
    return ok();
}

// A record changed more recently than the contact's other records gives the contact its
// values (a patient's new number in the CRM shows here); an older one only fills what the
// contact lacks.
Status ContactPageWriter::updateContact(qint64 id, const CrmRecord &record)
{
    SqlQuery update(m_db,
                    QStringLiteral(
                        "UPDATE contacts SET"
                        " name = CASE WHEN :name <> '' AND (name = '' OR :newest = 1) THEN :name ELSE name END,"
                        " email = CASE WHEN :newest = 1 THEN COALESCE(:email, email) ELSE COALESCE(email, :email) END,"
                        " phone_e164 = CASE WHEN :newest = 1 THEN COALESCE(:phone, phone_e164)"
                        " ELSE COALESCE(phone_e164, :phone) END,"
                        " updated_at = :now WHERE tenant_id = :t AND id = :id"
                        " RETURNING name, COALESCE(email, ''), COALESCE(phone_e164, '')")
                        .replace(QStringLiteral(":newest = 1"),
                                 QStringLiteral("(:modified >= COALESCE((SELECT MAX(l.modified_at) FROM contact_links l"
                                                " WHERE l.tenant_id = :t AND l.contact_id = :id AND NOT (l.platform = :platform"
                                                " AND l.record_id = :record)), 0))")));
    auto ran = update.bind(QStringLiteral(":name"), text(record.name))
                   .bind(QStringLiteral(":email"), optionalString(record.email))
                   .bind(QStringLiteral(":phone"), optionalString(record.phoneE164))
                   .bind(QStringLiteral(":modified"), record.modifiedAt)
                   .bind(QStringLiteral(":platform"), m_platform)
                   .bind(QStringLiteral(":record"), record.recordId)
                   .bind(QStringLiteral(":now"), m_now)
                   .bind(QStringLiteral(":t"), m_tenant)
                   .bind(QStringLiteral(":id"), id)
                   .exec();
    if (!ran || !update.next())
        return ran;
    return SqlQuery(m_db, QStringLiteral("UPDATE contacts SET search_text = :search WHERE tenant_id = :t AND id = :id"))
        .bind(QStringLiteral(":search"),
              searchTextOf(update.value(0).toString(), update.value(1).toString(), update.value(2).toString()))
        .bind(QStringLiteral(":t"), m_tenant)
        .bind(QStringLiteral(":id"), id)
        .exec();
}

Status ContactPageWriter::upsertLinks(const QList<const CrmRecord *> &records, const QHash<const CrmRecord *, qint64> &contactOf)
{
    qsizetype first = 0;
    for (const qsizetype size : chunksOf(records.size())) {
        if (auto linked = upsertChunk(records.mid(first, size), contactOf); !linked)
            return linked;
        first += size;
    }
    return ok();
}

Status ContactPageWriter::upsertChunk(const QList<const CrmRecord *> &records, const QHash<const CrmRecord *, qint64> &contactOf)
{
    SqlQuery upsert(m_db,
                    QStringLiteral("INSERT INTO contact_links (tenant_id, platform, record_id, contact_id, name, email,"
                                   " phone, modified_at) VALUES ")
                        + marks(records.size(), QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?)"))
                        + QStringLiteral(" ON CONFLICT (tenant_id, platform, record_id) DO UPDATE SET"
                                         " contact_id = excluded.contact_id, name = excluded.name,"
                                         " email = excluded.email, phone = excluded.phone,"
                                         " modified_at = excluded.modified_at"));
    int at = 0;
    for (const CrmRecord *record : records) {
        upsert.bind(at++, m_tenant)
            .bind(at++, m_platform)
            .bind(at++, record->recordId)
            .bind(at++, contactOf.value(record))
            .bind(at++, text(record->name))
            .bind(at++, optionalString(record->email))
            .bind(at++, optionalString(record->phone))
            .bind(at++, record->modifiedAt);
    }
    return upsert.exec();
}

// The record is gone from the CRM: its link goes, and its contact when nothing else has it.
Status ContactPageWriter::unlink(const QString &recordId)
{
    SqlQuery removed(m_db,
                     QStringLiteral("DELETE FROM contact_links WHERE tenant_id = :t AND platform = :platform"
                                    " AND record_id = :record RETURNING contact_id"));
    auto ran = removed.bind(QStringLiteral(":t"), m_tenant)
                   .bind(QStringLiteral(":platform"), m_platform)
                   .bind(QStringLiteral(":record"), recordId)
                   .exec();
    if (!ran || !removed.next())
        return ran;
    const qint64 contact = removed.value(0).toLongLong();
    return SqlQuery(m_db,
                    QStringLiteral("DELETE FROM contacts WHERE tenant_id = :t AND id = :id AND"
                                   " NOT EXISTS (SELECT 1 FROM contact_links l WHERE"
                                   " l.tenant_id = :t AND l.contact_id = :id)"))
        .bind(QStringLiteral(":t"), m_tenant)
        .bind(QStringLiteral(":id"), contact)
        .exec();
}

} // namespace Sb::Store
