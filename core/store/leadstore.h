#pragma once

#include <core/common/id.h>
#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sb::Store {

class Database;

struct Lead
{
    LeadId id;
    QString name;
    QString phoneE164; // normalised (Numbering::PhoneNumberParser); may be empty
    QString email;
    QString source; // where the lead came from: web form, campaign, referral…
    QString status = QStringLiteral("new"); // one of statuses()
    QString notes;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    // The way through, in order: new → contacted → booked, or lost.
    static QStringList statuses();
    bool operator==(const Lead &) const = default;
};

// What the Leads list is narrowed to; empty fields narrow nothing.
struct LeadSearch
{
    QString text; // part of the name or email (any case)
    QString e164; // a whole number
    QString digits; // part of a number
    QString status;
    QString source;
};

// Something that happened with a lead's number: a call or a text, either way.
struct LeadActivity
{
    enum class Kind { Call, Message };
    Kind kind = Kind::Call;
    qint64 id = 0; // the call's or the message's
    qint64 at = 0;
    bool isInbound = true;
    QString channel; // messages: sms, whatsapp
    QString text; // a call's summary, a message's body
    QString status;
};

// A tenant's leads: the people an assistant calls back and a screen-pop finds by number.
class LeadStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::LeadStore)

public:
    explicit LeadStore(Database &database);

    // Name or number required; the status one of Lead::statuses(); a number another lead of
    // the tenant has is refused, naming that lead (one person, one lead). Made now, unless
    // lead.createdAt says when it was made elsewhere (a CRM, the demo clinic).
    Result<Lead> add(const Store::TenantScope &tenant, const Lead &lead);
    // Every field but the id and creation time, under the same rules.
    Result<Lead> update(const Store::TenantScope &tenant, const Lead &lead);
    // NotFound for another tenant's lead, exactly as for one that does not exist.
    Result<Lead> find(const Store::TenantScope &tenant, LeadId id) const;
    // beforeId: the last lead of the previous page (0: from the newest).
    Result<QList<Lead>>
    newest(const Store::TenantScope &tenant, int limit, qint64 beforeId = 0) const;
    // The newest first, narrowed; after: the last lead of the previous page.
    Result<QList<Lead>> search(const Store::TenantScope &tenant,
                               const LeadSearch &search,
                               int limit,
                               const std::optional<Lead> &after = std::nullopt) const;
    // The sources the tenant's leads came from, for a filter.
    Result<QStringList> sources(const Store::TenantScope &tenant) const;
    // The record a lead became in a CRM when it was pushed there (none: not pushed).
    Result<std::optional<QString>> crmRecord(const Store::TenantScope &tenant, LeadId lead, const QString &platform) const;
    // Records it; a lead already pushed keeps its first record (false then).
    Result<bool> markPushed(const Store::TenantScope &tenant, LeadId lead, const QString &platform, const QString &recordId);
    // The calls and texts with this number, newest first (at most `limit` of each kind).
    Result<QList<LeadActivity>>
    activity(const Store::TenantScope &tenant, const QString &e164, int limit) const;

private:
    Status check(QSqlDatabase &db, const Store::TenantScope &tenant, const Lead &lead) const;

    Database &m_database;
};

} // namespace Sb::Store
