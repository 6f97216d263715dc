#pragma once

#include "loopbackendpoint.h"

#include <QHash>
#include <QHttpServer>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <map>
#include <memory>

class QHttpServerRequest;
class QHttpServerResponder;

namespace Sb::Fakes {

// A loopback Zoho (../shared/providers.md §5): one server per data centre, each its accounts
// server and its API; the admin's account lives in one of them.
// - GET /oauth/v2/auth at any data centre: the app's redirect URI must match; a login and
//   consent page (a form; submitted at once when autoGrant is on).
// - POST /oauth/v2/auth (the form): 302 to the redirect URI with a one-minute single-use code,
//   the state, and, as multi-DC Zoho does, `location` and `accounts-server` naming the
//   account's data centre (or error=access_denied).
// - POST /oauth/v2/token (parameters in the query or a form body): authorization_code (client
//   secret, redirect URI, PKCE verifier when a challenge came) and refresh_token; errors are
//   HTTP 200 {"error": …}: invalid_client at another data centre than the account's,
//   invalid_code for a used, expired or revoked code or refresh token. A refresh answers
//   without a refresh_token (Zoho's never rotate); more refreshes than the limit in a minute
//   answer 400 "Access Denied". api_domain is the data centre's own.
// - POST /oauth/v2/token/revoke (token in the query or the body).
// - GET /crm/v3/Contacts (fields required, per_page ≤ 200, `page` for the first 2,000 records
//   then `page_token`, sort_by id or Modified_Time, If-Modified-Since), GET
//   /crm/v3/Contacts/actions/count, GET /crm/v3/Contacts/deleted (If-Modified-Since, numbered
//   pages), POST /crm/v3/Contacts (DUPLICATE_DATA on a known email).
//   Only `Zoho-oauthtoken` tokens of this data centre work (else 401 INVALID_TOKEN). An empty
//   list is 204, nothing modified since 304; 429 TOO_MANY_REQUESTS on demand.
class FakeZoho final
{
public:
    struct App
    {
        QString clientId;
        QString clientSecret;
        QString redirectUri;
    };
    struct Contact
    {
        QString id; // 19 digits
        QString firstName;
        QString lastName;
        QString email;
        QString phone;
        QString mobile;
        qint64 modifiedAt = 0;
    };

    explicit FakeZoho(const QStringList &dataCentres = {QStringLiteral("com"), QStringLiteral("eu")},
                      Transport transport = Transport::Http);
    ~FakeZoho();

    // "com=http://127.0.0.1:P,eu=http://127.0.0.1:Q": for SB_ZOHO_BASES and --api-base.
    QString bases() const;
    QString baseUrl(const QString &dataCentre) const;
    QSslCertificate certificate() const;

    App addApp(const QString &redirectUri);
    void setAccountCentre(const QString &dataCentre) { m_accountCentre = dataCentre; }
    void setAutoGrant(bool autoGrant) { m_autoGrant = autoGrant; }
    void setAccessTokenLifetime(int seconds) { m_accessTokenLifetime = seconds; }
    void setRefreshLimitPerMinute(int limit) { m_refreshLimit = limit; }
    // Every access token issued so far stops working (401 INVALID_TOKEN), as after an hour.
    void expireAccessTokens();
    // The next `count` API requests answer `status` (429 in Zoho's shape, 503, …).
    void failApiRequests(int count, int status) { m_failApi = count; m_failApiStatus = status; }
    // Zoho goes down after answering `answered` more API requests, until failApiRequests(0, …).
    void failAfter(int answered, int status) { m_answerBeforeFailing = answered; m_failApiStatus = status; }
    // Every page token handed out stops working (as a day later).
    void expirePageTokens() { m_pageTokens.clear(); }

    void addContacts(int count, qint64 firstModified);
    QString addContact(Contact contact); // its id
    Contact *contact(const QString &id);
    // Deleted in Zoho now: listed by GET /crm/v3/Contacts/deleted from then on.
    void deleteContact(const QString &id);
    int contactCount() const { return int(m_contacts.size()); }

    int tokenRequests(const QString &grantType) const { return m_tokenRequests.value(grantType); }
    // Token requests answered at each data centre.
    int tokenRequestsAt(const QString &dataCentre) const { return m_tokenRequestsAt.value(dataCentre); }
    int apiRequests() const { return m_apiRequests; }
    QList<QUrlQuery> authorizeRequests() const { return m_authorizeRequests; }
    QList<QByteArray> ifModifiedSinceSeen() const { return m_ifModifiedSince; }
    QList<int> statusesAnswered() const { return m_statuses; } // the API's, in order
    bool isRefreshTokenKnown(const QString &token) const { return m_refreshTokens.contains(token); }
    QString lastRefreshToken() const { return m_lastRefreshToken; }

private:
    struct Centre;
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
        QString centre;
        qint64 expiresAtMs = 0; // access tokens
    };
    struct Paging // what a page_token goes on with
    {
        QString sortBy;
        qint64 since = 0;
        int offset = 0;
    };

    void handle(const QString &centre, const QHttpServerRequest &request, QHttpServerResponder &responder);
    void authorizePage(const QUrlQuery &query, QHttpServerResponder &responder);
    void decide(const QUrlQuery &form, QHttpServerResponder &responder);
    void token(const QString &centre, const QUrlQuery &form, QHttpServerResponder &responder);
    void api(const QString &centre, const QHttpServerRequest &request, QHttpServerResponder &responder);
    void list(const QHttpServerRequest &request, QHttpServerResponder &responder);
    QJsonObject contactJson(const Contact &contact, const QStringList &fields) const;
    QString newToken(const QString &prefix);

    std::map<QString, std::unique_ptr<Centre>> m_centres;
    QString m_accountCentre = QStringLiteral("com");
    QHash<QString, App> m_apps;
    QHash<QString, Code> m_codes;
    QHash<QString, Token> m_accessTokens;
    QHash<QString, Token> m_refreshTokens;
    QHash<QString, Paging> m_pageTokens;
    QHash<QString, int> m_tokenRequests;
    QHash<QString, int> m_tokenRequestsAt;
    QList<QUrlQuery> m_authorizeRequests;
    QList<QByteArray> m_ifModifiedSince;
    QList<int> m_statuses;
    QList<qint64> m_refreshTimes;
    QString m_lastRefreshToken;
    bool m_autoGrant = false;
    int m_accessTokenLifetime = 3600;
    int m_refreshLimit = 1000;
    std::map<QString, Contact> m_contacts; // by id: ids grow, so this is creation order
    std::map<QString, qint64> m_deleted; // id → when
    qint64 m_nextContactId = 4150868000000224000;
    int m_failApi = 0;
    int m_answerBeforeFailing = -1;
    int m_failApiStatus = 503;
    int m_apiRequests = 0;
    quint64 m_next = 1;
};

} // namespace Sb::Fakes
