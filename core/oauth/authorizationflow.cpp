#include "authorizationflow.h"

#include "loopbackreplyhandler.h"
#include "tokenresponse.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QSslError>

namespace Sb::OAuth {

namespace {
using Stage = QAbstractOAuth::Stage;

// Qt 6.4's reply handler hands the redirect's values over still percent-encoded where the
// query's delimiters are concerned (Zoho's accounts-server=https%3A%2F%2Faccounts.zoho.eu).
QVariantMap decoded(const QVariantMap &parameters)
{
    QVariantMap values;
    for (auto it = parameters.cbegin(); it != parameters.cend(); ++it) {
        QString value = it.value().toString();
        if (value.contains(u'%'))
            value = QUrl::fromPercentEncoding(value.toUtf8());
        values.insert(it.key(), value);
    }
    return values;
}

bool sameEndpoint(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host() && a.port() == b.port()
        && a.path() == b.path();
}

// Qt 6.4's flow can only put the client secret in the token request's form; an app that
// authenticates with HTTP Basic (RingCentral) gets the header here, on that request only.
class TokenEndpointAccess final : public QNetworkAccessManager
{
public:
    using TokenUrl = std::function<QUrl()>;
    TokenEndpointAccess(TokenUrl tokenUrl, QObject *parent)
        : QNetworkAccessManager(parent)
        , m_tokenUrl(std::move(tokenUrl))
    {}
    void setBasic(QByteArray header) { m_basic = std::move(header); }

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request, QIODevice *data) override
    {
        if (m_basic.isEmpty() || operation != PostOperation || !sameEndpoint(request.url(), m_tokenUrl()))
            return QNetworkAccessManager::createRequest(operation, request, data);
        QNetworkRequest authorized(request);
        authorized.setRawHeader("Authorization", m_basic);
        return QNetworkAccessManager::createRequest(operation, authorized, data);
    }

private:
    TokenUrl m_tokenUrl;
    QByteArray m_basic;
};
} // namespace

AuthorizationFlow::AuthorizationFlow(AuthorizationServer server,
                                     ClientApp app,
                                     OpenBrowser openBrowser,
                                     QObject *parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_app(std::move(app))
    , m_openBrowser(std::move(openBrowser))
    , m_network(new TokenEndpointAccess([this] { return m_server.tokenUrl; }, this))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        finish(Error{ErrorCode::Timeout,
                     tr("The sign-in at %1 was not finished in the browser in time: nothing was "
                        "connected. Start again when ready.")
                         .arg(m_server.displayName)});
    });
    connect(m_network, &QNetworkAccessManager::finished, this, &AuthorizationFlow::onReply);
}

AuthorizationFlow::~AuthorizationFlow() = default;

void AuthorizationFlow::setExtraCaCertificates(const QList<QSslCertificate> &certificates)
{
    // The flow makes its own requests: the certificates are trusted where they are met.
    connect(m_network,
            &QNetworkAccessManager::sslErrors,
            this,
            [certificates](QNetworkReply *reply, const QList<QSslError> &errors) {
                const QList<QSslCertificate> chain =
                    reply->sslConfiguration().peerCertificateChain();
                if (!chain.isEmpty() && certificates.contains(chain.first()))
                    reply->ignoreSslErrors(errors);
            });
}

void AuthorizationFlow::start(Done done)
{
    m_done = std::move(done);
    if (auto checked = LoopbackReplyHandler::checkRedirectUri(m_app.redirectUri); !checked)
        return finish(checked.error());
    m_listener = new LoopbackReplyHandler(m_app.redirectUri, this);
    if (!m_listener->isListening()) {
        return finish(Error{
            ErrorCode::IoError,
            tr("Port %1 on this computer is taken by another program, so the sign-in at %2 "
               "could not come back to Switchboard. Close that program, or register another "
               "redirect URI with %2 and give it here.")
                .arg(m_listener->requestedPort())
                .arg(m_server.displayName)});
    }
    m_pkce = Pkce::generate();
    m_state = randomUrlSafe(24);

    m_flow = new QOAuth2AuthorizationCodeFlow(m_network, this);
    m_flow->setAuthorizationUrl(m_server.authorizeUrl);
    m_flow->setAccessTokenUrl(m_server.tokenUrl);
    m_flow->setClientIdentifier(m_app.clientId);
    if (m_server.clientAuthentication == AuthorizationServer::ClientAuthentication::HttpBasic)
        static_cast<TokenEndpointAccess *>(m_network)->setBasic(basicAuthorization(m_app));
    else if (!m_app.clientSecret.isEmpty())
        m_flow->setClientIdentifierSharedKey(m_app.clientSecret.revealString());
    m_flow->setScope(m_server.scopes.join(m_server.scopeSeparator));
    m_flow->setState(QString::fromLatin1(m_state)); // 6.4's own comes from a clock-seeded RNG
    m_flow->setModifyParametersFunction([this](Stage stage, QMultiMap<QString, QVariant> *p) {
        if (stage == Stage::RequestingAuthorization) {
            if (m_server.usesPkce) {
                p->insert(QStringLiteral("code_challenge"), m_pkce.challenge);
                p->insert(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
            }
            for (const auto &[name, value] : std::as_const(m_server.extraAuthorizeParameters))
                p->insert(name, value);
        } else if (stage == Stage::RequestingAccessToken && m_server.usesPkce) {
            p->insert(QStringLiteral("code_verifier"), m_pkce.verifier);
        }
    });
    // Connected before the flow's own handlers, so these run first.
    connect(m_listener, &QAbstractOAuthReplyHandler::callbackReceived, this, &AuthorizationFlow::onRedirect);
    connect(m_listener, &QAbstractOAuthReplyHandler::tokensReceived, this, &AuthorizationFlow::onTokens);
    m_flow->setReplyHandler(m_listener);
    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this, [this](const QUrl &url) {
        m_authorizeUrl = url;
        if (!m_openBrowser || !m_openBrowser(url)) {
            finish(Error{ErrorCode::Unsupported,
                         tr("No browser could be opened for the sign-in at %1.")
                             .arg(m_server.displayName)});
        }
    });
    m_deadline.start(m_timeout);
    m_flow->grant();
}

void AuthorizationFlow::cancel()
{
    finish(Error{ErrorCode::Cancelled,
                 tr("The sign-in at %1 was cancelled: nothing was connected.")
                     .arg(m_server.displayName)});
}

void AuthorizationFlow::onRedirect(const QVariantMap &received)
{
    if (m_isFinished)
        return;
    const QVariantMap parameters = decoded(received);
    // What the browser tab says is set here, before the listener answers it.
    auto refuse = [&](ErrorCode code, const QString &why) {
        m_listener->setCallbackText(pageText(why));
        finish(Error{code, why});
    };
    const QString error = parameters.value(QStringLiteral("error")).toString();
    if (error == u"access_denied") {
        return refuse(ErrorCode::AccessDenied,
                      tr("Access was declined at %1: nothing was connected.")
                          .arg(m_server.displayName));
    }
    if (!error.isEmpty()) {
        const QString detail = parameters.value(QStringLiteral("error_description")).toString();
        return refuse(ErrorCode::ProviderRefused,
                      tr("%1 refused the sign-in: %2 (%3). Nothing was connected.")
                          .arg(m_server.displayName, detail.isEmpty() ? error : detail, error));
    }
    if (parameters.value(QStringLiteral("state")).toString().toLatin1() != m_state) {
        return refuse(ErrorCode::AccessDenied,
                      tr("The answer that came back is not for this sign-in (its state differs: "
                         "an old tab, or someone else's link). Nothing was connected; start "
                         "again."));
    }
    if (parameters.value(QStringLiteral("code")).toString().isEmpty()) {
        return refuse(ErrorCode::ProviderRefused,
                      tr("%1 came back without an authorization code. Nothing was connected.")
                          .arg(m_server.displayName));
    }
    if (m_redirectCheck) {
        auto tokenUrl = m_redirectCheck(parameters);
        if (!tokenUrl)
            return refuse(tokenUrl.error().code, tokenUrl.error().message);
        m_flow->setAccessTokenUrl(*tokenUrl);
        m_server.tokenUrl = *tokenUrl;
    }
    m_redirectExtras = parameters;
    m_redirectExtras.remove(QStringLiteral("code"));
    m_redirectExtras.remove(QStringLiteral("state"));
    m_listener->setCallbackText(
        pageText(tr("Switchboard received the sign-in at %1 and is finishing it.")
                     .arg(m_server.displayName)));
}

void AuthorizationFlow::onTokens(const QVariantMap &answer)
{
    if (m_isFinished)
        return;
    // Qt hands over only answers that came with a success status; an "error" in one (Zoho)
    // is still a refusal.
    auto grant = TokenResponse::read(m_server, 200, answer);
    if (grant) {
        for (auto it = m_redirectExtras.cbegin(); it != m_redirectExtras.cend(); ++it)
            grant->extras.insert(it.key(), it.value());
    }
    finish(std::move(grant));
}

void AuthorizationFlow::onReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_isFinished || !sameEndpoint(reply->url(), m_server.tokenUrl)
        || reply->error() == QNetworkReply::NoError)
        return; // a success is read by Qt's handler (onTokens)
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        return finish(Error{ErrorCode::ProviderUnavailable,
                            tr("%1's token endpoint could not be reached: %2")
                                .arg(m_server.displayName, reply->errorString())});
    }
    // 6.4's handler only logs an error answer: it is read here, unread until now.
    finish(TokenResponse::read(m_server, status, reply->readAll()));
}

void AuthorizationFlow::finish(Result<TokenGrant> result)
{
    if (m_isFinished)
        return;
    m_isFinished = true;
    m_deadline.stop();
    // The listener answers the browser first (this may run inside its callback): it stops
    // listening on the next turn of the event loop, and goes once its page is on its way.
    if (m_listener) {
        QTimer::singleShot(0, m_listener, [listener = m_listener] { listener->close(); });
        QTimer::singleShot(2000, m_listener, &QObject::deleteLater);
    }
    if (m_flow)
        m_flow->deleteLater();
    if (auto done = std::exchange(m_done, nullptr))
        done(std::move(result));
}

QString AuthorizationFlow::pageText(const QString &outcome) const
{
    return QStringLiteral("<h1>Switchboard</h1><p>%1</p><p>%2</p>")
        .arg(outcome.toHtmlEscaped(), tr("You may close this tab.").toHtmlEscaped());
}

} // namespace Sb::OAuth
