#include "authorizationserver.h"

namespace Sb::OAuth {

QString providerDisplayName(const QString &provider)
{
    if (provider == u"hubspot")
        return QStringLiteral("HubSpot");
    if (provider == u"zoho")
        return QStringLiteral("Zoho CRM");
    if (provider == u"ringcentral")
        return QStringLiteral("RingCentral");
    return provider;
}

} // namespace Sb::OAuth
