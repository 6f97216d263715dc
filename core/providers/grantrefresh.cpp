#include "grantrefresh.h"

#include "ringcentral/ringcentralauth.h"

namespace Sb::Providers {

OAuth::RefreshTargetLookup refreshTargetsForAll(const CrmPlatforms &crms,
                                                std::shared_ptr<const Vault::Sealer> sealer,
                                                const QUrl &ringcentral)
{
    return [crm = crms.refreshTargets(sealer), phone = RingCentral::refreshTargets(sealer, ringcentral)](
               Store::Database &database, const Store::TenantScope &tenant,
               const Store::StoredGrant &grant) -> Result<OAuth::RefreshTarget> {
        if (grant.key.provider == u"ringcentral")
            return phone(database, tenant, grant);
        return crm(database, tenant, grant);
    };
}

QUrl ringCentralPlatformFromEnvironment()
{
    const QString base = qEnvironmentVariable("SB_RINGCENTRAL_BASE");
    return base.isEmpty() ? RingCentral::platformUrl() : QUrl(base);
}

} // namespace Sb::Providers
