#pragma once

#include <core/crm/crmplatform.h>

#include <QCoreApplication>
#include <QList>

#include <memory>

namespace Sb::Providers {

// The CRMs Switchboard connects to (HubSpot, Zoho CRM), at their own addresses or at fakes'
// (tests, and by hand: SB_HUBSPOT_BASE, SB_ZOHO_BASES; switchboardctl's --api-base). The CLI
// and the console reach every CRM through this list and the CrmPlatform it gives.
class CrmPlatforms final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::CrmPlatforms)

public:
    CrmPlatforms(); // each at its own address
    // The addresses of the environment's fakes, when it names any; a malformed one is an error.
    static Result<CrmPlatforms> fromEnvironment();

    // One CRM at a fake's address: HubSpot's one base ("http://127.0.0.1:4001"), Zoho's data
    // centres ("com=http://127.0.0.1:4002,eu=http://127.0.0.1:4003").
    Status setBase(const QString &platform, const QString &base);

    QStringList names() const;
    // Null when there is no such CRM.
    std::shared_ptr<const Crm::CrmPlatform> find(const QString &name) const;
    // How AccessTokens refreshes every CRM's grants (each with its own app).
    OAuth::RefreshTargetLookup refreshTargets(std::shared_ptr<const Vault::Sealer> sealer) const;

private:
    QList<std::shared_ptr<const Crm::CrmPlatform>> m_platforms;
};

} // namespace Sb::Providers
