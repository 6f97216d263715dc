#pragma once

#include "authorizationserver.h"
#include "pkce.h"

#include <core/common/result.h>

#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QOAuth2AuthorizationCodeFlow;

namespace Sb::OAuth {

class LoopbackReplyHandler;

// One sign-in through the system browser (RFC 8252): Qt 6.4's authorization code flow with
// what 6.4 leaves to us. A PKCE S256 challenge and a `state` from the system's random source;
// the redirect caught on 127.0.0.1 at the registered redirect URI's port and path only; the
// answer checked before anything else (a wrong state, error=access_denied, no code: the flow
// ends there, and the browser tab says why); the token endpoint's errors read and reported
// (6.4 only logs them, and an HTTP 200 with an "error" is Zoho's way); a time limit for a
// browser closed without finishing. Nothing is stored here: the caller keeps the grant.
//
// The browser is opened through a hook (the console's QDesktopServices, switchboardctl's
// printed URL, a test's scripted browser); a hook that cannot open one ends the flow.
class AuthorizationFlow final : public QObject
{
    Q_OBJECT

public:
    using OpenBrowser = std::function<bool(const QUrl &authorizeUrl)>;
    using Done = std::function<void(Result<TokenGrant>)>;
    // Inspects the redirect's parameters before the code is exchanged, and may move the
    // token endpoint (Zoho's accounts-server names the user's data centre) or refuse.
    using RedirectCheck = std::function<Result<QUrl>(const QVariantMap &redirect)>;

    AuthorizationFlow(AuthorizationServer server,
                      ClientApp app,
                      OpenBrowser openBrowser,
                      QObject *parent = nullptr);
    ~AuthorizationFlow() override;

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void setRedirectCheck(RedirectCheck check) { m_redirectCheck = std::move(check); }
    // Trusted besides the system's CAs for the token endpoint (the tests' HTTPS fakes).
    void setExtraCaCertificates(const QList<QSslCertificate> &certificates);

    // Listens, opens the browser, and calls done exactly once (on this object's thread),
    // unless this object is destroyed first.
    void start(Done done);
    // Ends a flow under way; done gets Cancelled.
    void cancel();

    QUrl authorizeUrl() const { return m_authorizeUrl; } // once started

private:
    void onRedirect(const QVariantMap &parameters);
    void onTokens(const QVariantMap &answer);
    void onReply(QNetworkReply *reply);
    void finish(Result<TokenGrant> result);
    QString pageText(const QString &outcome) const;

    AuthorizationServer m_server;
    ClientApp m_app;
    OpenBrowser m_openBrowser;
    RedirectCheck m_redirectCheck;
    std::chrono::milliseconds m_timeout{std::chrono::minutes(5)};
    QNetworkAccessManager *m_network;
    QPointer<LoopbackReplyHandler> m_listener;
    QPointer<QOAuth2AuthorizationCodeFlow> m_flow;
    QTimer m_deadline;
    Pkce m_pkce;
    QByteArray m_state;
    QUrl m_authorizeUrl;
    QVariantMap m_redirectExtras;
    Done m_done;
    bool m_isFinished = false;
};

} // namespace Sb::OAuth
