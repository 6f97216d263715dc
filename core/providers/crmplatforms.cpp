#include "crmplatforms.h"

#include "hubspot/hubspotplatform.h"
#include "zoho/zohoplatform.h"

#include <core/vault/sealer.h>

namespace Sb::Providers {

CrmPlatforms::CrmPlatforms()
    : m_platforms{std::make_shared<HubSpot::HubSpotPlatform>(), std::make_shared<Zoho::ZohoPlatform>()}
{}

Result<CrmPlatforms> CrmPlatforms::fromEnvironment()
{
    CrmPlatforms platforms;
    for (const auto &[platform, variable] : {std::pair{"hubspot", "SB_HUBSPOT_BASE"}, std::pair{"zoho", "SB_ZOHO_BASES"}}) {
        if (const QString base = qEnvironmentVariable(variable); !base.isEmpty()) {
            if (auto set = platforms.setBase(QLatin1String(platform), base); !set)
                return Error{set.error().code, QStringLiteral("%1: %2").arg(QLatin1String(variable), set.error().message)};
        }
    }
    return platforms;
}

Status CrmPlatforms::setBase(const QString &platform, const QString &base)
{
    std::shared_ptr<const Crm::CrmPlatform> replacement;
    if (platform == u"hubspot") {
        const QUrl url(base);
        if (!url.isValid() || url.host().isEmpty())
            return Error{ErrorCode::InvalidArgument, tr("\"%1\" is not an address.").arg(base)};
        replacement = std::make_shared<HubSpot::HubSpotPlatform>(HubSpot::HubSpotBases::at(url));
    } else if (platform == u"zoho") {
        auto centres = Zoho::ZohoDataCentres::parse(base);
        if (!centres)
            return centres.error();
        replacement = std::make_shared<Zoho::ZohoPlatform>(*centres);
    } else {
        return Error{ErrorCode::InvalidArgument, tr("There is no CRM called \"%1\".").arg(platform)};
    }
    for (auto &known : m_platforms) {
        if (known->name() == platform)
            known = replacement;
    }
    return ok();
}

QStringList CrmPlatforms::names() const
{
    QStringList names;
    for (const auto &platform : m_platforms)
        names.append(platform->name());
    return names;
}

std::shared_ptr<const Crm::CrmPlatform> CrmPlatforms::find(const QString &name) const
{
    for (const auto &platform : m_platforms) {
        if (platform->name() == name)
            return platform;
    }
    return nullptr;
}

OAuth::RefreshTargetLookup CrmPlatforms::refreshTargets(std::shared_ptr<const Vault::Sealer> sealer) const
{
    return [platforms = *this, sealer = std::move(sealer)](Store::Database &database,
                                                           const Store::TenantScope &tenant,
                                                           const Store::StoredGrant &grant) -> Result<OAuth::RefreshTarget> {
        const auto platform = platforms.find(grant.key.provider);
        if (!platform)
            return Error{ErrorCode::Unsupported, tr("No way to refresh a %1 connection.").arg(grant.key.provider)};
        return platform->refreshTarget(database, tenant, grant, *sealer);
    };
}

} // namespace Sb::Providers
