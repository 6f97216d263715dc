#pragma once

#include "loopbackendpoint.h"

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QHttpServer>
#include <QList>
#include <QString>
#include <QUrlQuery>

class QHttpServerRequest;
class QHttpServerResponder;

namespace Sb::Fakes {

// A loopback RingCentral platform (../shared/providers.md §3), its sign-in and tokens so far:
// - GET /restapi/oauth/authorize: the app's redirect URI must match; a login page with a form
//   (submitted at once with autoGrant) for the user it is told signs in next.
// - POST /restapi/oauth/authorize: 302 to the redirect URI with a single-use code, the state
//   and expires_in=60, or error=access_denied.
// - POST /restapi/oauth/token: the app by HTTP Basic only (a client_secret in the form is
//   refused), the PKCE verifier checked; access tokens live accessTokenLifetime, refresh tokens
//   are single-use (a refresh kills the one it used; using it again is 400 invalid_grant).
// - POST /restapi/oauth/revoke (Basic): the token and its pair die.
// - GET /restapi/v1.0/account/~/extension/~ and …/phone-number: the signed-in user's own,
//   Bearer only (401 TokenInvalid otherwise), X-Rate-Limit-* headers on every answer; the
//   numbers in pages of perPage with navigation.nextPage and no totals to trust.
// - GET …/extension/~/call-log?dateFrom&perPage&page: the user's calls since dateFrom (24 h
//   back when absent, as RingCentral does), newest first, paged by navigation.nextPage only;
//   recordings' contentUri at GET /restapi/v1.0/account/~/recording/{id}/content (Bearer).
class FakeRingCentral final
{
public:
    struct App
    {
        QString clientId;
        QString clientSecret;
        QString redirectUri;
    };
    struct User
    {
        qint64 extensionId = 0;
        QString name;
        QStringList numbers; // E.164; the first can text and be caller id, the others only caller id
    };
    // One entry of a user's call log.
    struct LoggedCall
    {
        QString id;
        qint64 startMs = 0;
        int durationSeconds = 0;
        bool isInbound = true;
        QString result; // Accepted, Missed, Voicemail, Busy, …
        QString from;
        QString to;
        bool isRecorded = false;
        QString sessionId; // empty: one made up from the id
    };

    explicit FakeRingCentral(Transport transport = Transport::Http);
    QString baseUrl() const { return m_endpoint.baseUrl(); }

    App addApp(const QString &redirectUri);
    void addUser(const User &user) { m_users.insert(user.extensionId, user); }
    void setSigningIn(qint64 extensionId) { m_signingIn = extensionId; }
    // The next sign-ins, in turn, before setSigningIn's (by hand: several users one after another).
    void queueSignIns(const QList<qint64> &extensions) { m_signInQueue = extensions; }
    void setAutoGrant(bool autoGrant) { m_autoGrant = autoGrant; }
    void setAccessTokenLifetime(int seconds) { m_accessTokenLifetime = seconds; }
    void expireAccessTokens();
    // The user's next `count` API requests answer 429 CMN-301 with Retry-After: 1 (their own
    // bucket only), or `status` (503: RingCentral failing for them).
    void rateLimit(qint64 extensionId, int count) { m_limited[extensionId] = count; }
    void failFor(qint64 extensionId, int count, int status) { m_failing[extensionId] = {count, status}; }
    int apiRequestsBy(qint64 extensionId) const { return m_apiRequests.value(extensionId); }
    // `count` calls in the user's log, one every `spacingMs` from startMs on, alternating in and
    // out with the user's first number, every third recorded, every fifth missed.
    void addCalls(qint64 extensionId, int count, qint64 startMs, qint64 spacingMs = 60'000);
    const QList<LoggedCall> &callsOf(qint64 extensionId) const { return m_calls[extensionId]; }
    // After `pages` more call-log pages for that user, their requests fail with 503 (RingCentral
    // going down mid-sync) until healed with -1.
    void failCallLogAfter(qint64 extensionId, int pages) { m_callLogPagesLeft[extensionId] = pages; }
    int callLogRequestsBy(qint64 extensionId) const { return m_callLogRequests.value(extensionId); }
    // What a recording's content is (a stand-in WAV header and its id), and how many were fetched.
    static QByteArray recordingBytes(const QString &recordingId);
    int recordingDownloads() const { return m_recordingDownloads; }
    // RingOut: a call placed rings the user's `from` first, then `to`. Each status read moves
    // it on (InProgress, then the outcome set here: Success, NoAnswer, Busy, …); DELETE ends it.
    struct RingOut
    {
        qint64 extensionId = 0;
        QString from;
        QString to;
        QString callerId;
        int reads = 0;
        bool isCancelled = false;
    };
    void setRingOutOutcome(const QString &calleeStatus) { m_ringOutOutcome = calleeStatus; }

    // Webhook subscriptions (POST /restapi/v1.0/subscription, …/{id}/renew): creating one runs
    // the Validation-Token handshake against its address first (200 and the token echoed within
    // 3 s, else 400 SUB-525). Deliveries to an address starting with `publicBase` go to
    // `actualBase` instead (the tests' DNS: serve's public URL is not this machine's).
    struct Subscription
    {
        QString id;
        qint64 extensionId = 0;
        QString address;
        QString verificationToken;
        QStringList eventFilters;
        qint64 expiresAtMs = 0;
        int renewals = 0;
    };
    void routeDeliveries(const QString &publicBase, const QString &actualBase)
    {
        m_publicBase = publicBase;
        m_actualBase = actualBase;
    }
    QList<Subscription> subscriptions() const { return m_subscriptions.values(); }
    void dropSubscriptions() { m_subscriptions.clear(); } // RingCentral forgot them
    void expireSubscriptionsIn(qint64 ms); // their expiry moved that close
    // A new-SMS notification for the user, as RingCentral posts it to their subscription's
    // address with its Verification-Token; the HTTP status the address answered (0: none).
    int notifySms(qint64 extensionId, const QString &uuid);
    QList<RingOut> ringOuts() const { return m_ringOuts.values(); }

    // Calls on a user's line as they happen (fakeringcentralcalls.cpp): telephony session
    // notifications as RingCentral sends them (the user's party: Proceeding, Answered,
    // Disconnected, with missedCall) to their subscriptions that ask for telephony sessions;
    // hanging up puts the call in their log under the same sessionId (Accepted when it was
    // answered, else Missed). Each returns the HTTP status the subscription's address answered.
    QString ringLine(qint64 extensionId, const QString &caller, int *status = nullptr);
    int answerLine(const QString &sessionId);
    int hangUpLine(const QString &sessionId);
    // A session's notification sent again, as RingCentral may, late (under a new uuid).
    int renotify(const QString &sessionId, const QString &code);

    // Texts (fakeringcentraltexts.cpp): POST …/extension/~/sms from the user's first number
    // (the one that can text; another is refused MSG-304), GET …/message-store/{id}, and GET
    // …/message-sync: FSync (dateFrom) lists the user's texts since then, ISync (syncToken)
    // those new or changed since the token; a token let go of (forgetSyncTokens) is 400.
    struct Text
    {
        QString id;
        qint64 extensionId = 0;
        bool isInbound = false;
        QString from;
        QString to;
        QString text;
        QString status; // Queued, Sent, Delivered, DeliveryFailed, SendingFailed, Received
        qint64 createdMs = 0;
        qint64 changed = 0; // the change it was last part of (sync tokens count them)
    };
    // A text from `from` to the user's first number; notified when they have a subscription.
    Text receiveText(qint64 extensionId, const QString &from, const QString &text);
    // The user's outbound texts not yet final move on to `status` (Sent, Delivered, …).
    void moveTexts(qint64 extensionId, const QString &status);
    QList<Text> textsOf(qint64 extensionId) const;
    void forgetSyncTokens() { m_syncFloor = m_textChanges; }
    int syncRequests(const QString &syncType) const { return m_syncRequests.value(syncType); }

    int tokenRequests(const QString &grantType) const { return m_tokenRequests.value(grantType); }
    int refusedForm() const { return m_refusedForm; } // token requests without Basic
    int replayedRefreshTokens() const { return m_replayed; }
    bool isRefreshTokenAlive(const QString &token) const { return m_refreshTokens.contains(token); }
    QString lastRefreshToken() const { return m_lastRefresh; }
    // Every access and refresh token it ever gave out (to look for them where none may be).
    QStringList issuedTokens() const { return m_issued; }

private:
    struct Code
    {
        QString clientId;
        QString redirectUri;
        QString challenge;
        qint64 extensionId = 0;
    };
    struct Token
    {
        QString clientId;
        qint64 extensionId = 0;
        qint64 expiresAtMs = 0;
        QString pair; // the refresh token of an access token, and the other way round
    };

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void token(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void api(const QHttpServerRequest &request, QHttpServerResponder &responder);
    // The texts' part of the API; false if the path is not theirs.
    bool texts(const QHttpServerRequest &request, QHttpServerResponder &responder, const User &user);
    QJsonObject textJson(const Text &text) const;
    const App *appOf(const QHttpServerRequest &request) const; // by its Basic header
    QString newToken(const QString &prefix);

    QHttpServer m_server;
    LoopbackEndpoint m_endpoint;
    QHash<QString, App> m_apps;
    QHash<qint64, User> m_users;
    QHash<QString, Code> m_codes;
    QHash<QString, Token> m_accessTokens;
    QHash<QString, Token> m_refreshTokens;
    QSet<QString> m_spentRefreshTokens;
    QHash<QString, int> m_tokenRequests;
    QHash<qint64, int> m_limited;
    QHash<qint64, QPair<int, int>> m_failing;
    QHash<qint64, int> m_apiRequests;
    mutable QHash<qint64, QList<LoggedCall>> m_calls;
    QHash<qint64, int> m_callLogPagesLeft;
    QHash<qint64, int> m_callLogRequests;
    int m_recordingDownloads = 0;
    QMap<QString, RingOut> m_ringOuts;
    QList<Text> m_texts;
    qint64 m_textChanges = 0;
    qint64 m_syncFloor = 0; // tokens at or below it are let go of
    QHash<QString, int> m_syncRequests;
    QString m_ringOutOutcome = QStringLiteral("Success");
    QMap<QString, Subscription> m_subscriptions;
    QString m_publicBase;
    QString m_actualBase;
    // POST to a (routed) address, waiting for the answer in a nested event loop (the tests'
    // server may run on this very thread): status and headers, or status 0.
    struct LiveSession
    {
        qint64 extensionId = 0;
        QString caller;
        qint64 startMs = 0;
        qint64 answeredMs = 0;
        int sequence = 0;
    };
    int notifyCallSession(const QString &sessionId, const QString &code);
    QHash<QString, LiveSession> m_sessions;
    QPair<int, QByteArray> deliver(const QString &address, const QList<QPair<QByteArray, QByteArray>> &headers,
                                   const QByteArray &body, const QByteArray &headerToRead);
    qint64 m_signingIn = 0;
    QList<qint64> m_signInQueue;
    bool m_autoGrant = false;
    int m_accessTokenLifetime = 3600;
    int m_refusedForm = 0;
    int m_replayed = 0;
    QString m_lastRefresh;
    QStringList m_issued;
    quint64 m_next = 1;
};

} // namespace Sb::Fakes
