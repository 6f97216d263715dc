#include "leadstore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

#include <algorithm>

namespace Sb::Store {

namespace {
const QString kSelect =
    QStringLiteral("SELECT id, name, COALESCE(phone_e164, ''), COALESCE(email, ''), source,"
                   " status, created_at, notes, updated_at FROM leads WHERE tenant_id = :tenant");

Lead leadFrom(const SqlQuery &query)
{
    Lead lead;
    lead.id = LeadId(query.value(0).toLongLong());
    lead.name = query.value(1).toString();
    lead.phoneE164 = query.value(2).toString();
    lead.email = query.value(3).toString();
    lead.source = query.value(4).toString();
    lead.status = query.value(5).toString();
    lead.createdAt = query.value(6).toLongLong();
    lead.notes = query.value(7).toString();
    lead.updatedAt = query.value(8).toLongLong();
    return lead;
}

// When a lead counts as contacted for the dashboard: the first time its status is past "new"
// (contacted or booked; a lost lead may never have been reached). Null: not yet.
QVariant contactedAt(const Lead &lead, qint64 at)
{
    if (lead.status == u"contacted" || lead.status == u"booked")
        return at;
    return QVariant(QMetaType::fromType<qlonglong>());
}

} // namespace

QStringList Lead::statuses()
{
    return {QStringLiteral("new"),
            QStringLiteral("contacted"),
            QStringLiteral("booked"),
            QStringLiteral("lost")};
}

LeadStore::LeadStore(Database &database)
    : m_database(database)
{}

Status LeadStore::check(QSqlDatabase &db, const Store::TenantScope &tenant, const Lead &lead) const
{
    if (lead.name.trimmed().isEmpty() && lead.phoneE164.isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("A lead needs a name or a phone number.")};
    if (!Lead::statuses().contains(lead.status)) {
        return Error{ErrorCode::InvalidArgument,
                     tr("'%1' is not a lead status (%2).")
                         .arg(lead.status, Lead::statuses().join(QStringLiteral(", ")))};
    }
    if (!lead.email.isEmpty()) {
        const qsizetype at = lead.email.indexOf(u'@');
        if (at <= 0 || at != lead.email.lastIndexOf(u'@') || !lead.email.mid(at).contains(u'.')
            || lead.email.contains(u' '))
            return Error{ErrorCode::InvalidArgument,
                         tr("'%1' is not an email address.").arg(lead.email)};
    }
    if (lead.phoneE164.isEmpty())
        return ok();
    SqlQuery same(db,
                  QStringLiteral("SELECT name FROM leads WHERE tenant_id = :tenant"
                                 " AND phone_e164 = :phone AND id <> :id"));
    auto ran = same.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                   .bind(QStringLiteral(":phone"), lead.phoneE164)
                   .bind(QStringLiteral(":id"), lead.id.value())
                   .exec();
    if (!ran)
        return ran;
    if (same.next()) {
        return Error{ErrorCode::AlreadyExists,
                     tr("%1 is already the number of the lead '%2'.")
                         .arg(lead.phoneE164, same.value(0).toString())};
    }
    return ok();
}

Result<Lead> LeadStore::add(const Store::TenantScope &tenant, const Lead &lead)
{
    Lead added = lead;
    added.id = LeadId();
    added.name = added.name.trimmed();
    added.email = added.email.trimmed();
    // A lead made elsewhere first (a CRM's, the demo clinic's) keeps its time; others are new.
    if (added.createdAt <= 0)
        added.createdAt = QDateTime::currentMSecsSinceEpoch();
    added.updatedAt = added.createdAt;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        if (auto valid = check(db, tenant, added); !valid)
            return valid;
        auto id = InsertQuery(db,
                           QStringLiteral("INSERT INTO leads (tenant_id, name, phone_e164, email,"
                                          " source, status, notes, created_at, updated_at,"
                                          " contacted_at) VALUES (:tenant, :name, :phone, :email,"
                                          " :source, :status, :notes, :at, :at, :contacted)"))
                      .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                      .bind(QStringLiteral(":name"), text(added.name))
                      .bind(QStringLiteral(":phone"), optionalString(added.phoneE164))
                      .bind(QStringLiteral(":email"), optionalString(added.email))
                      .bind(QStringLiteral(":source"), text(added.source))
                      .bind(QStringLiteral(":status"), added.status)
                      .bind(QStringLiteral(":notes"), text(added.notes))
                      .bind(QStringLiteral(":at"), added.createdAt)
                      .bind(QStringLiteral(":contacted"), contactedAt(added, added.createdAt))
                      .execForId();
        if (!id)
            return Status(id.error());
        added.id = LeadId(*id);
        m_database.noteChange({tenant.tenantId(), ChangeKind::Leads, added.id.value()});
        return ok();
    });
    if (!status)
        return status.error();
    return added;
}

Result<Lead> LeadStore::update(const Store::TenantScope &tenant, const Lead &lead)
{
    Lead changed = lead;
    changed.name = changed.name.trimmed();
    changed.email = changed.email.trimmed();
    changed.updatedAt = QDateTime::currentMSecsSinceEpoch();
    std::optional<Lead> stored;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        if (auto valid = check(db, tenant, changed); !valid)
            return valid;
        SqlQuery update(db,
                        QStringLiteral("UPDATE leads SET name = :name, phone_e164 = :phone,"
                                       " email = :email, source = :source, status = :status,"
                                       " notes = :notes, updated_at = :at,"
                                       " contacted_at = COALESCE(contacted_at, :contacted)"
                                       " WHERE tenant_id = :tenant AND id = :id"));
        auto ran = update.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":id"), changed.id.value())
                       .bind(QStringLiteral(":name"), text(changed.name))
                       .bind(QStringLiteral(":phone"), optionalString(changed.phoneE164))
                       .bind(QStringLiteral(":email"), optionalString(changed.email))
                       .bind(QStringLiteral(":source"), text(changed.source))
                       .bind(QStringLiteral(":status"), changed.status)
                       .bind(QStringLiteral(":notes"), text(changed.notes))
                       .bind(QStringLiteral(":at"), changed.updatedAt)
                       .bind(QStringLiteral(":contacted"), contactedAt(changed, changed.updatedAt))
                       .exec();
        if (!ran || update.numRowsAffected() == 0)
            return ran;
        SqlQuery query(db, kSelect + QStringLiteral(" AND id = :id"));
        ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                  .bind(QStringLiteral(":id"), changed.id.value())
                  .exec();
        if (ran && query.next())
            stored = leadFrom(query);
        m_database.noteChange({tenant.tenantId(), ChangeKind::Leads, changed.id.value()});
        return ran;
    });
    if (!status)
        return status.error();
    if (!stored)
        return Error{ErrorCode::NotFound, tr("No lead %1 in this tenant").arg(lead.id.value())};
    return *stored;
}

Result<QList<Lead>> LeadStore::search(const Store::TenantScope &tenant,
                                      const LeadSearch &search,
                                      int limit,
                                      const std::optional<Lead> &after) const
{
    QString where;
    QVariantMap binds;
    if (!search.text.trimmed().isEmpty()) {
        // Any case: ILIKE on PostgreSQL; SQLite's LIKE ignores the case of ASCII letters.
        const QString like = m_database.backend() == Backend::Postgres ? QStringLiteral("ILIKE")
                                                                       : QStringLiteral("LIKE");
        where += QStringLiteral(" AND (name %1 :text ESCAPE '\\' OR email %1 :text ESCAPE '\\')")
                     .arg(like);
        binds.insert(QStringLiteral(":text"), likeContaining(search.text.trimmed()));
    }
    if (!search.e164.isEmpty()) {
        where += QStringLiteral(" AND phone_e164 = :e164");
        binds.insert(QStringLiteral(":e164"), search.e164);
    } else if (!search.digits.isEmpty()) {
        where += QStringLiteral(" AND phone_e164 LIKE :digits");
        binds.insert(QStringLiteral(":digits"), likeContaining(search.digits));
    }
    if (!search.status.isEmpty()) {
        where += QStringLiteral(" AND status = :status");
        binds.insert(QStringLiteral(":status"), search.status);
    }
    if (!search.source.isEmpty()) {
        where += QStringLiteral(" AND source = :source");
        binds.insert(QStringLiteral(":source"), search.source);
    }
    if (after) {
        where += QStringLiteral(" AND (created_at < :at OR (created_at = :at AND id < :id))");
        binds.insert(QStringLiteral(":at"), after->createdAt);
        binds.insert(QStringLiteral(":id"), after->id.value());
    }
    QList<Lead> leads;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       kSelect + where
                           + QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT :limit"));
        query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":limit"), limit);
        for (auto it = binds.cbegin(); it != binds.cend(); ++it)
            query.bind(it.key(), it.value());
        auto ran = query.exec();
        while (ran && query.next())
            leads.append(leadFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return leads;
}

Result<QStringList> LeadStore::sources(const Store::TenantScope &tenant) const
{
    QStringList sources;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT DISTINCT source FROM leads WHERE tenant_id = :tenant"
                                      " AND source <> '' ORDER BY source"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value()).exec();
        while (ran && query.next())
            sources.append(query.value(0).toString());
        return ran;
    });
    if (!status)
        return status.error();
    return sources;
}

Result<QList<LeadActivity>>
LeadStore::activity(const Store::TenantScope &tenant, const QString &e164, int limit) const
{
    QList<LeadActivity> activity;
    if (e164.isEmpty())
        return activity;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery calls(db,
                       QStringLiteral("SELECT id, started_at, direction, COALESCE(summary, ''),"
                                      " status FROM calls WHERE tenant_id = :tenant"
                                      " AND counterpart_e164 = :e164"
                                      " ORDER BY started_at DESC, id DESC LIMIT :limit"));
        auto ran = calls.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":e164"), e164)
                       .bind(QStringLiteral(":limit"), limit)
                       .exec();
        while (ran && calls.next()) {
            activity.append({LeadActivity::Kind::Call,
                             calls.value(0).toLongLong(),
                             calls.value(1).toLongLong(),
                             calls.value(2).toString() == u"inbound",
                             {},
                             calls.value(3).toString(),
                             calls.value(4).toString()});
        }
        if (!ran)
            return ran;
        SqlQuery messages(db,
                          QStringLiteral("SELECT id, sent_at, direction, body, status, channel"
                                         " FROM messages WHERE tenant_id = :tenant"
                                         " AND channel IN ('sms', 'whatsapp')"
                                         " AND counterpart_e164 = :e164"
                                         " ORDER BY sent_at DESC, id DESC LIMIT :limit"));
        ran = messages.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                  .bind(QStringLiteral(":e164"), e164)
                  .bind(QStringLiteral(":limit"), limit)
                  .exec();
        while (ran && messages.next()) {
            activity.append({LeadActivity::Kind::Message,
                             messages.value(0).toLongLong(),
                             messages.value(1).toLongLong(),
                             messages.value(2).toString() == u"inbound",
                             messages.value(5).toString(),
                             messages.value(3).toString(),
                             messages.value(4).toString()});
        }
        return ran;
    });
    if (!status)
        return status.error();
    std::stable_sort(
        activity.begin(), activity.end(), [](const auto &a, const auto &b) { return a.at > b.at; });
    return activity;
}

Result<Lead> LeadStore::find(const Store::TenantScope &tenant, LeadId id) const
{
    std::optional<Lead> found;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db, kSelect + QStringLiteral(" AND id = :id"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":id"), id.value())
                       .exec();
        if (ran && query.next())
            found = leadFrom(query);
        return ran;
    });
    if (!status)
        return status.error();
    if (!found)
        return Error{ErrorCode::NotFound, tr("No lead %1 in this tenant").arg(id.value())};
    return *found;
}

Result<QList<Lead>>
LeadStore::newest(const Store::TenantScope &tenant, int limit, qint64 beforeId) const
{
    QList<Lead> leads;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       kSelect
                           + (beforeId > 0 ? keysetBefore(QStringLiteral("leads"),
                                                          QStringLiteral("created_at"))
                                           : QString())
                           + QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT :limit"));
        query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":limit"), limit);
        if (beforeId > 0)
            query.bind(QStringLiteral(":before"), beforeId);
        auto ran = query.exec();
        while (ran && query.next())
            leads.append(leadFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return leads;
}

Result<std::optional<QString>> LeadStore::crmRecord(const Store::TenantScope &tenant,
                                                   LeadId lead,
                                                   const QString &platform) const
{
    std::optional<QString> record;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT record_id FROM lead_crm_records WHERE tenant_id = :t"
                                      " AND lead_id = :lead AND platform = :platform"));
        auto ran = query.bind(QStringLiteral(":t"), tenant.tenantId().value())
                       .bind(QStringLiteral(":lead"), lead.value())
                       .bind(QStringLiteral(":platform"), platform)
                       .exec();
        if (ran && query.next())
            record = query.value(0).toString();
        return ran;
    });
    if (!status)
        return status.error();
    return record;
}

Result<bool> LeadStore::markPushed(const Store::TenantScope &tenant,
                                   LeadId lead,
                                   const QString &platform,
                                   const QString &recordId)
{
    bool isNew = false;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        m_database.noteChange({tenant.tenantId(), ChangeKind::Leads, lead.value()});
        SqlQuery insert(db,
                        QStringLiteral("INSERT INTO lead_crm_records (tenant_id, lead_id, platform,"
                                       " record_id, pushed_at) VALUES (:t, :lead, :platform, :record,"
                                       " :now) ON CONFLICT (tenant_id, lead_id, platform) DO NOTHING"));
        auto ran = insert.bind(QStringLiteral(":t"), tenant.tenantId().value())
                       .bind(QStringLiteral(":lead"), lead.value())
                       .bind(QStringLiteral(":platform"), platform)
                       .bind(QStringLiteral(":record"), recordId)
                       .bind(QStringLiteral(":now"), QDateTime::currentMSecsSinceEpoch())
                       .exec();
        isNew = ran && insert.numRowsAffected() == 1;
        return ran;
    });
    if (!status)
        return status.error();
    return isNew;
}

} // namespace Sb::Store
