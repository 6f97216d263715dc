#pragma once

#include <core/common/id.h>
#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QList>
#include <QString>

namespace Sb::Store {

class Database;

struct Lead
{
    LeadId id;
    QString name;
    QString phoneE164; // normalised (Numbering::PhoneNumberParser); may be empty
    QString email;
    QString source; // where the lead came from: web form, campaign, referral…
    QString status = QStringLiteral("new");
    qint64 createdAt = 0;
};

// A tenant's leads: the people an assistant calls back and a screen-pop finds by number.
class LeadStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::LeadStore)

public:
    explicit LeadStore(Database &database);

    Result<Lead> add(const Store::TenantScope &tenant, const Lead &lead);
    // NotFound for another tenant's lead, exactly as for one that does not exist.
    Result<Lead> find(const Store::TenantScope &tenant, LeadId id) const;
    // beforeId: the last lead of the previous page (0: from the newest).
    Result<QList<Lead>>
    newest(const Store::TenantScope &tenant, int limit, qint64 beforeId = 0) const;

private:
    Database &m_database;
};

} // namespace Sb::Store
