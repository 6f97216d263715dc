#include "authorizationserver.h"

namespace Sb::OAuth {

QByteArray basicAuthorization(const ClientApp &app)
{
    // RFC 6749 §2.3.1: each part form-encoded before they are joined.
    const QByteArray credentials = QUrl::toPercentEncoding(app.clientId) + ':'
        + QUrl::toPercentEncoding(app.clientSecret.revealString());
    return "Basic " + credentials.toBase64();
}

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
