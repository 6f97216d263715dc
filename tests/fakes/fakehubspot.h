#pragma once

#include "loopbackendpoint.h"

#include <QHash>
#include <QJsonObject>

#include <map>
#include <QHttpServer>
#include <QList>
#include <QString>
#include <QUrlQuery>

class QHttpServerRequest;
class QHttpServerResponder;

namespace Sb::Fakes {

// A loopback HubSpot (../shared/providers.md §4): its authorization server and, for apps
// registered here, tokens as HubSpot issues them.
// - GET /oauth/authorize: the app's redirect URI must match exactly; answers a login and
//   consent page (a form), which submits itself when autoGrant is on (a signed-in user who
//   consents: a real browser then finishes the flow alone).
// - POST /oauth/authorize (the form): 302 to the redirect URI with a one-minute, single-use
//   code and the state, or error=access_denied.
// - POST /oauth/v1/token: authorization_code (client secret, redirect URI and, when a
//   challenge was sent, the PKCE verifier checked) and refresh_token grants; tokens expire
//   after accessTokenLifetime; errors in HubSpot's shape (400 BAD_AUTH_CODE,
//   BAD_REFRESH_TOKEN, BAD_CLIENT_ID, …).
// - DELETE /oauth/v1/refresh-tokens/<token>: revokes (204).
// - CRM v3 contacts for its portal: GET /crm/v3/objects/contacts (limit ≤ 100, `after`, no
//   `paging` on the last page, archived=true lists the archived), POST …/contacts/search
//   (lastmodifieddate GTE, ascending, limit ≤ 200, `total`, 400 past 10,000 results), POST
//   …/contacts (409 CONFLICT on a known email). A valid Bearer token is required (401
//   EXPIRED_AUTHENTICATION or INVALID_AUTHENTICATION); rate-limit headers on every answer and
//   429 TEN_SECONDLY_ROLLING once the window's budget is spent.
class FakeHubSpot final
{
public:
    struct App
    {
        QString clientId;
        QString clientSecret;
        QString redirectUri;
    };

    explicit FakeHubSpot(Transport transport = Transport::Http);
    QString baseUrl() const { return m_endpoint.baseUrl(); }
    QSslCertificate certificate() const { return m_endpoint.certificate; }

    App addApp(const QString &redirectUri);
    void setAutoGrant(bool autoGrant) { m_autoGrant = autoGrant; }
    void setAccessTokenLifetime(int seconds) { m_accessTokenLifetime = seconds; }
    // A refresh answers with a new refresh token and the one used dies (RingCentral's way;
    // HubSpot's own is not documented either way).
    void setRotateRefreshTokens(bool rotate) { m_rotateRefreshTokens = rotate; }
    // Every access token issued so far expires now (401 EXPIRED_AUTHENTICATION).
    void expireAccessTokens();
    // The portal uninstalled the app: every token of it stops working.
    void uninstall(const QString &clientId);
    // Tokens as a finished sign-in would have them (for tests past the sign-in): an access
    // token living `lifetime` seconds (0 or less: already expired) and a refresh token.
    struct Issued
    {
        QString accessToken;
        QString refreshToken;
    };
    Issued issue(const QString &clientId, int lifetime);
    // Contacts of the portal. Generated ones have names, emails and US numbers written in
    // several ways; modified one second apart from `firstModified` (epoch ms).
    struct Contact
    {
        qint64 id = 0;
        QString firstName;
        QString lastName;
        QString email;
        QString phone;
        qint64 modifiedAt = 0;
        bool archived = false;
        QString mergedIds; // "512;513"
    };
    void addContacts(int count, qint64 firstModified);
    qint64 addContact(Contact contact); // its id
    Contact *contact(qint64 id);
    int contactCount() const { return int(m_contacts.size()); }
    // Requests in each window (10 s by default) before a 429; a high number by default.
    void setRateLimit(int perWindow, int windowMs) { m_rateMax = perWindow; m_rateWindowMs = windowMs; }
    // The next `count` API requests answer `status` (429 in HubSpot's shape, 503, …).
    void failApiRequests(int count, int status) { m_failApi = count; m_failApiStatus = status; }
    // HubSpot goes down after answering `answered` more API requests: every one after that
    // answers `status` until failApiRequests(0, …) (a sync killed midway, deterministically).
    void failAfter(int answered, int status) { m_answerBeforeFailing = answered; m_failApiStatus = status; }
    int apiRequests() const { return m_apiRequests; }
    int rateLimited() const { return m_rateLimited; } // 429s answered for the window
    // The next `count` token requests answer `status` (503: HubSpot is down).
    void failTokenRequests(int count, int status) { m_failTokens = count; m_failTokenStatus = status; }

    // Token endpoint calls, per grant type ("authorization_code", "refresh_token").
    int tokenRequests(const QString &grantType) const { return m_tokenRequests.value(grantType); }
    QList<QUrlQuery> authorizeRequests() const { return m_authorizeRequests; }
    QList<QUrlQuery> tokenRequestBodies() const { return m_tokenBodies; }
    bool isAccessTokenValid(const QString &token) const;
    bool isRefreshTokenKnown(const QString &token) const { return m_refreshTokens.contains(token); }
    Issued lastIssued() const { return m_lastIssued; } // by the token endpoint

private:
    struct Code
    {
        QString clientId;
        QString redirectUri;
        QString challenge;
        qint64 expiresAtMs = 0;
    };
    struct Token
    {
        QString clientId;
        qint64 expiresAtMs = 0; // access tokens
    };

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void authorizePage(const QUrlQuery &query, QHttpServerResponder &responder);
    void decide(const QUrlQuery &form, QHttpServerResponder &responder);
    void token(const QUrlQuery &form, QHttpServerResponder &responder);
    void api(const QHttpServerRequest &request, QHttpServerResponder &responder);
    QJsonObject contactJson(const Contact &contact) const;
    QString newToken(const QString &prefix);

    QHttpServer m_server;
    LoopbackEndpoint m_endpoint;
    QHash<QString, App> m_apps;
    QHash<QString, Code> m_codes;
    QHash<QString, Token> m_accessTokens;
    QHash<QString, Token> m_refreshTokens;
    QHash<QString, int> m_tokenRequests;
    QList<QUrlQuery> m_authorizeRequests;
    QList<QUrlQuery> m_tokenBodies;
    bool m_autoGrant = false;
    bool m_rotateRefreshTokens = false;
    int m_accessTokenLifetime = 1800;
    Issued m_lastIssued;
    std::map<qint64, Contact> m_contacts;
    qint64 m_nextContactId = 1001;
    int m_rateMax = 1'000'000;
    int m_rateWindowMs = 10'000;
    qint64 m_windowStart = 0;
    int m_windowUsed = 0;
    int m_failApi = 0;
    int m_answerBeforeFailing = -1; // -1: not going down
    int m_failApiStatus = 503;
    int m_apiRequests = 0;
    int m_rateLimited = 0;
    int m_failTokens = 0;
    int m_failTokenStatus = 503;
    quint64 m_next = 1;
};

// A form body or query as sent ("+" is a space in a form).
QUrlQuery formOf(const QByteArray &body);

} // namespace Sb::Fakes
