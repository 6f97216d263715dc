#pragma once

#include <core/common/result.h>
#include <core/store/contactstore.h>
#include <core/store/database.h>

namespace Sb::Test {

// A contact as a HubSpot sync stores it: one record on a page of its own.
inline Status storeCrmContact(Store::Database &database,
                              const Store::TenantScope &tenant,
                              const QString &recordId,
                              const QString &name,
                              const QString &phoneE164)
{
    Store::CrmRecord record;
    record.recordId = recordId;
    record.name = name;
    record.phoneE164 = phoneE164;
    record.phone = phoneE164;
    record.modifiedAt = 1;
    Store::CrmSyncState state;
    state.platform = QStringLiteral("hubspot");
    return Store::ContactStore(database).storePage(tenant, QStringLiteral("hubspot"), {record}, state);
}

} // namespace Sb::Test
