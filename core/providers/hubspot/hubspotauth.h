#pragma once

#include <core/common/result.h>
#include <core/crypto/secret.h>
#include <core/oauth/authorizationserver.h>

#include <QUrl>

#include <functional>

namespace Sb::Net {
class HttpClient;
}

namespace Sb::Providers::HubSpot {

// Where HubSpot's own addresses are; a test's fake serves both at one base.
struct HubSpotBases
{
    QUrl app = QUrl(QStringLiteral("https://app.hubspot.com")); // the consent page
    QUrl api = QUrl(QStringLiteral("https://api.hubapi.com")); // tokens and the CRM API

    static HubSpotBases at(const QUrl &base) { return {base, base}; }
};

// HubSpot's authorization server (../shared/providers.md §4.1): the consent page on
// app.hubspot.com, tokens on api.hubapi.com (the client secret is required; PKCE is sent
// too), the contact scopes Switchboard needs.
OAuth::AuthorizationServer authorizationServer(const HubSpotBases &bases = {});

// Disconnecting: the refresh token revoked at HubSpot (DELETE /oauth/v1/refresh-tokens/…).
// A token HubSpot no longer knows counts as revoked.
void revoke(Net::HttpClient &http,
            qint64 tenantId,
            const HubSpotBases &bases,
            const Secret &refreshToken,
            std::function<void(Status)> done);

} // namespace Sb::Providers::HubSpot
