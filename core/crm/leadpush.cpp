#include "leadpush.h"

#include <core/common/continuation.h>
#include <core/store/asyncstore.h>
#include <core/store/database.h>

#include <QPointer>

namespace Sb::Crm {

void LeadPush::push(std::shared_ptr<Store::Database> database,
                    const Store::TenantScope &tenant,
                    LeadId lead,
                    ContactSource &source,
                    QObject *context,
                    std::function<void(Result<PushedLead>)> done)
{
    using Found = std::pair<Store::Lead, std::optional<QString>>;
    auto read = database->run([database, tenant, lead, platform = source.platform()]() -> Result<Found> {
        Store::LeadStore leads(*database);
        auto found = leads.find(tenant, lead);
        if (!found)
            return found.error();
        auto record = leads.crmRecord(tenant, lead, platform);
        if (!record)
            return record.error();
        return Found{*found, *record};
    });
    onFinished(context, std::move(read), [database, tenant, &source, context, done](Result<Found> found) {
        if (!found)
            return done(found.error());
        const auto &[lead, record] = *found;
        if (record)
            return done(PushedLead{*record, true});
        if (lead.email.isEmpty() && lead.phoneE164.isEmpty()) {
            return done(Error{ErrorCode::InvalidArgument,
                              tr("%1 has neither an email nor a number: the CRM could not tell them from anyone else.")
                                  .arg(lead.name)});
        }
        const QPointer<QObject> alive(context);
        source.createContact({lead.name, lead.email.toCaseFolded(), lead.phoneE164},
                             [database, tenant, leadId = lead.id, platform = source.platform(), alive, done](Result<QString> created) {
                                 if (!alive)
                                     return;
                                 if (!created)
                                     return done(created.error());
                                 auto kept = database->run([database, tenant, leadId, platform, id = *created] {
                                     return Store::LeadStore(*database).markPushed(tenant, leadId, platform, id);
                                 });
                                 onFinished(alive.data(), std::move(kept), [done, id = *created](Result<bool> kept) {
                                     if (!kept)
                                         return done(kept.error());
                                     done(PushedLead{id, false});
                                 });
                             });
    });
}

} // namespace Sb::Crm
