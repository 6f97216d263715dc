#pragma once

#include <core/common/id.h>
#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sb::Store {

class Database;

enum class NumberProvider { Twilio, Vapi, RingCentral, Sip };
enum class NumberPurpose { Clinic, Assistant, Softphone };
QString providerName(NumberProvider provider);
std::optional<NumberProvider> providerFromName(const QString &name);
QString purposeName(NumberPurpose purpose);
std::optional<NumberPurpose> purposeFromName(const QString &name);

struct PhoneNumber
{
    PhoneNumberId id;
    QString e164;
    NumberProvider provider = NumberProvider::Twilio;
    QString providerAccountId; // e.g. the Twilio subaccount SID that owns the number
    QString providerNumberId; // e.g. the Twilio PN… SID
    NumberPurpose purpose = NumberPurpose::Clinic;
    QString assistantId;
    QString label;
    QStringList capabilities; // what the provider says the number can do: voice, sms, mms
    qint64 createdAt = 0;
};

// A tenant's phone numbers. Every call is scoped; a number is owned by one tenant per provider.
class PhoneNumberStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::PhoneNumberStore)

public:
    explicit PhoneNumberStore(Database &database);

    // number.e164 must already be normalised (Numbering::PhoneNumberParser).
    Result<PhoneNumber> add(const Store::TenantScope &tenant, const PhoneNumber &number);
    Result<QList<PhoneNumber>> list(const Store::TenantScope &tenant) const;
    Result<PhoneNumber> find(const Store::TenantScope &tenant, const QString &e164) const;
    // The tenant's first assistant number (VAPI), where its calls are forwarded; empty: none.
    Result<QString> assistantE164(const Store::TenantScope &tenant) const;
    Status setCapabilities(const Store::TenantScope &tenant,
                           PhoneNumberId id,
                           const QStringList &capabilities);
    Status setLabel(const Store::TenantScope &tenant, PhoneNumberId id, const QString &label);
    Status remove(const Store::TenantScope &tenant, const QString &e164);

private:
    Database &m_database;
};

} // namespace Sb::Store
