#pragma once

#include <core/crypto/secret.h>

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariantMap>

namespace Sb::OAuth {

// Where a provider's authorization server is and how it wants to be asked
// (../shared/providers.md: HubSpot §4.1, Zoho §5.2, RingCentral §3.1).
struct AuthorizationServer
{
    QString provider; // "hubspot", "zoho", "ringcentral": error shapes and rate keys
    QString displayName; // "HubSpot": what messages call it
    QUrl authorizeUrl;
    QUrl tokenUrl;
    QStringList scopes;
    QString scopeSeparator = QStringLiteral(" "); // Zoho: ","
    bool usesPkce = true;
    // How the app proves itself at the token endpoint: client_secret in the form (HubSpot,
    // Zoho), or HTTP Basic with the client id and secret (RingCentral's confidential apps).
    enum class ClientAuthentication { InForm, HttpBasic };
    ClientAuthentication clientAuthentication = ClientAuthentication::InForm;
    // Asked for besides the standard ones (Zoho: access_type=offline, prompt=consent).
    QList<QPair<QString, QString>> extraAuthorizeParameters;
};

// The admin's own app at the provider, as registered in its developer portal.
struct ClientApp
{
    QString clientId;
    Secret clientSecret; // empty for a public client
    // Registered at the provider, exactly: http://localhost:PORT/PATH or http://127.0.0.1:…
    // (HubSpot accepts plain http only for localhost). Switchboard listens on 127.0.0.1 only.
    QUrl redirectUri;
};

// What a token endpoint granted (a code exchange or a refresh).
struct TokenGrant
{
    Secret accessToken;
    Secret refreshToken; // empty when none came (a refresh that keeps the one it used)
    QDateTime expiresAt; // UTC; invalid when the provider did not say
    QStringList scopes;
    // The rest of the answer and of the redirect: Zoho's api_domain and accounts-server,
    // HubSpot's hub_id. Never a token.
    QVariantMap extras;
};

// "Basic base64(client_id:client_secret)": the Authorization header of a token request for an
// app that authenticates with HTTP Basic.
QByteArray basicAuthorization(const ClientApp &app);

// "HubSpot", "Zoho CRM", "RingCentral": what messages call a provider.
QString providerDisplayName(const QString &provider);

} // namespace Sb::OAuth
