#pragma once

#include "contactsource.h"

#include <core/store/leadstore.h>
#include <core/store/tenantscope.h>

#include <QCoreApplication>

#include <functional>
#include <memory>

namespace Sb::Store {
class Database;
}

namespace Sb::Crm {

// What pushing a lead did.
struct PushedLead
{
    QString recordId; // the CRM's record for the lead
    bool wasThere = false; // pushed before: nothing was sent
};

// "Push to CRM": the lead becomes a contact in the chosen CRM, and the record's id is kept with
// the lead, so it is never pushed twice (a second push answers the first record). A person the
// CRM already had (the same email) is linked, not made again. done runs on the caller's thread.
class LeadPush final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Crm::LeadPush)

public:
    static void push(std::shared_ptr<Store::Database> database,
                     const Store::TenantScope &tenant,
                     LeadId lead,
                     ContactSource &source,
                     QObject *context,
                     std::function<void(Result<PushedLead>)> done);
};

} // namespace Sb::Crm
