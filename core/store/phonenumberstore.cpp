#include "phonenumberstore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

namespace {
PhoneNumber numberFrom(const SqlQuery &query)
{
    PhoneNumber number;
    number.id = PhoneNumberId(query.value(0).toLongLong());
    number.e164 = query.value(1).toString();
    number.provider = providerFromName(query.value(2).toString()).value_or(NumberProvider::Twilio);
    number.providerAccountId = query.value(3).toString();
    number.providerNumberId = query.value(4).toString();
    number.purpose = purposeFromName(query.value(5).toString()).value_or(NumberPurpose::Clinic);
    number.assistantId = query.value(6).toString();
    number.label = query.value(7).toString();
    number.createdAt = query.value(8).toLongLong();
    number.capabilities = query.value(9).toString().split(u',', Qt::SkipEmptyParts);
    return number;
}

const QStringList kProviderNames = {QStringLiteral("twilio"),
                                    QStringLiteral("vapi"),
                                    QStringLiteral("ringcentral"),
                                    QStringLiteral("sip")};
const QStringList kPurposeNames = {
    QStringLiteral("clinic"), QStringLiteral("assistant"), QStringLiteral("softphone")};
} // namespace

QString providerName(NumberProvider provider)
{
    return kProviderNames.at(int(provider));
}

std::optional<NumberProvider> providerFromName(const QString &name)
{
    const auto index = kProviderNames.indexOf(name);
    return index < 0 ? std::nullopt : std::optional(NumberProvider(index));
}

QString purposeName(NumberPurpose purpose)
{
    return kPurposeNames.at(int(purpose));
}

std::optional<NumberPurpose> purposeFromName(const QString &name)
{
    const auto index = kPurposeNames.indexOf(name);
    return index < 0 ? std::nullopt : std::optional(NumberPurpose(index));
}

PhoneNumberStore::PhoneNumberStore(Database &database)
    : m_database(database)
{}

Result<PhoneNumber> PhoneNumberStore::add(const Store::TenantScope &tenant,
                                          const PhoneNumber &number)
{
    PhoneNumber added = number;
    added.createdAt = QDateTime::currentMSecsSinceEpoch();
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        // Announced after COMMIT only (forgotten on ROLLBACK).
        m_database.noteChange({tenant.tenantId(), ChangeKind::Numbers});
        auto id = InsertQuery(db,
                           QStringLiteral(
                               "INSERT INTO phone_numbers (tenant_id, e164, provider,"
                               " provider_account_id, provider_number_id, purpose, assistant_id,"
                               " label, capabilities, created_at) VALUES (:tenant, :e164,"
                               " :provider, :account, :pn, :purpose, :assistant, :label,"
                               " :capabilities, :at)"))
                      .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                      .bind(QStringLiteral(":e164"), added.e164)
                      .bind(QStringLiteral(":provider"), providerName(added.provider))
                      .bind(QStringLiteral(":account"), optionalString(added.providerAccountId))
                      .bind(QStringLiteral(":pn"), optionalString(added.providerNumberId))
                      .bind(QStringLiteral(":purpose"), purposeName(added.purpose))
                      .bind(QStringLiteral(":assistant"), optionalString(added.assistantId))
                      .bind(QStringLiteral(":label"), text(added.label))
                      .bind(QStringLiteral(":capabilities"), text(added.capabilities.join(u',')))
                      .bind(QStringLiteral(":at"), added.createdAt)
                      .execForId();
        if (!id)
            return Status(id.error());
        added.id = PhoneNumberId(*id);
        return ok();
    });
    if (!status) {
        if (status.error().code == ErrorCode::AlreadyExists) {
            return Error{ErrorCode::AlreadyExists,
                         tr("%1 is already registered with %2")
                             .arg(added.e164, providerName(added.provider))};
        }
        return status.error();
    }
    return added;
}

Result<QList<PhoneNumber>> PhoneNumberStore::list(const Store::TenantScope &tenant) const
{
    QList<PhoneNumber> numbers;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(
            db,
            QStringLiteral("SELECT id, e164, provider, COALESCE(provider_account_id, ''),"
                           " COALESCE(provider_number_id, ''), purpose,"
                           " COALESCE(assistant_id, ''), label, created_at, capabilities"
                           " FROM phone_numbers WHERE tenant_id = :tenant"
                           " ORDER BY e164, provider"));
        if (auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value()).exec();
            !ran)
            return ran;
        while (query.next())
            numbers.append(numberFrom(query));
        return ok();
    });
    if (!status)
        return status.error();
    return numbers;
}

Result<PhoneNumber> PhoneNumberStore::find(const Store::TenantScope &tenant,
                                           const QString &e164) const
{
    std::optional<PhoneNumber> found;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(
            db,
            QStringLiteral("SELECT id, e164, provider, COALESCE(provider_account_id, ''),"
                           " COALESCE(provider_number_id, ''), purpose,"
                           " COALESCE(assistant_id, ''), label, created_at, capabilities"
                           " FROM phone_numbers WHERE tenant_id = :tenant"
                           " AND e164 = :e164 ORDER BY provider LIMIT 1"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":e164"), e164)
                       .exec();
        if (!ran)
            return ran;
        if (query.next())
            found = numberFrom(query);
        return ok();
    });
    if (!status)
        return status.error();
    if (!found)
        return Error{ErrorCode::NotFound, tr("%1 is not one of this tenant's numbers").arg(e164)};
    return *found;
}

Status PhoneNumberStore::setCapabilities(const Store::TenantScope &tenant,
                                         PhoneNumberId id,
                                         const QStringList &capabilities)
{
    return m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        // Announced after COMMIT only (forgotten on ROLLBACK).
        m_database.noteChange({tenant.tenantId(), ChangeKind::Numbers});
        return SqlQuery(db,
                        QStringLiteral("UPDATE phone_numbers SET capabilities = :capabilities"
                                       " WHERE tenant_id = :tenant AND id = :id"))
            .bind(QStringLiteral(":capabilities"), text(capabilities.join(u',')))
            .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
            .bind(QStringLiteral(":id"), id.value())
            .exec();
    });
}

Status
PhoneNumberStore::setLabel(const Store::TenantScope &tenant, PhoneNumberId id, const QString &label)
{
    int changed = 0;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        // Announced after COMMIT only (forgotten on ROLLBACK).
        m_database.noteChange({tenant.tenantId(), ChangeKind::Numbers});
        SqlQuery update(db,
                        QStringLiteral("UPDATE phone_numbers SET label = :label"
                                       " WHERE tenant_id = :tenant AND id = :id"));
        auto ran = update.bind(QStringLiteral(":label"), text(label))
                       .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":id"), id.value())
                       .exec();
        changed = update.numRowsAffected();
        return ran;
    });
    if (!status)
        return status;
    if (changed == 0)
        return Error{ErrorCode::NotFound, tr("No such phone number in this tenant")};
    return ok();
}

Status PhoneNumberStore::remove(const Store::TenantScope &tenant, const QString &e164)
{
    int removed = 0;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        // Announced after COMMIT only (forgotten on ROLLBACK).
        m_database.noteChange({tenant.tenantId(), ChangeKind::Numbers});
        SqlQuery deletion(db,
                          QStringLiteral("DELETE FROM phone_numbers"
                                         " WHERE tenant_id = :tenant AND e164 = :e164"));
        auto ran = deletion.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":e164"), e164)
                       .exec();
        removed = deletion.numRowsAffected();
        return ran;
    });
    if (!status)
        return status;
    if (removed == 0)
        return Error{ErrorCode::NotFound, tr("%1 is not one of this tenant's numbers").arg(e164)};
    return ok();
}

Result<QString> PhoneNumberStore::assistantE164(const Store::TenantScope &tenant) const
{
    QString e164;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       QStringLiteral("SELECT e164 FROM phone_numbers WHERE tenant_id = :tenant"
                                      " AND purpose = 'assistant' ORDER BY id LIMIT 1"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value()).exec();
        if (ran && query.next())
            e164 = query.value(0).toString();
        return ran;
    });
    if (!status)
        return status.error();
    return e164;
}

} // namespace Sb::Store
