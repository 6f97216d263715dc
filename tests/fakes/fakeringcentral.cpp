#include "fakeringcentral.h"

#include "fakehubspot.h" // formOf
#include "fakeringcentralwire.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace Sb::Fakes {

namespace {
using namespace RingCentralWire;

void oauthError(QHttpServerResponder &responder, const QString &error, const QString &code, const QString &message)
{
    json(responder,
         {{u"error"_qs, error},
          {u"errors"_qs, QJsonArray{QJsonObject{{u"errorCode"_qs, code}, {u"message"_qs, message}}}},
          {u"error_description"_qs, message}},
         400);
}

QString hidden(const QString &name, const QString &value)
{
    return QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">").arg(name, value.toHtmlEscaped());
}
} // namespace

FakeRingCentral::FakeRingCentral(Transport transport)
{
    m_server.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handle(request, std::move(responder));
    });
    m_endpoint = listenOnLoopback(m_server, transport);
}

QString FakeRingCentral::newToken(const QString &prefix)
{
    return prefix + QString::number(m_next++) + QUuid::createUuid().toString(QUuid::Id128);
}

FakeRingCentral::App FakeRingCentral::addApp(const QString &redirectUri)
{
    App app{QUuid::createUuid().toString(QUuid::Id128).left(22), QUuid::createUuid().toString(QUuid::Id128), redirectUri};
    m_apps.insert(app.clientId, app);
    return app;
}

void FakeRingCentral::expireAccessTokens()
{
    for (Token &token : m_accessTokens)
        token.expiresAtMs = nowMs() - 1;
}

const FakeRingCentral::App *FakeRingCentral::appOf(const QHttpServerRequest &request) const
{
    const QByteArray header = request.value("Authorization");
    if (!header.startsWith("Basic "))
        return nullptr;
    const QByteArray credentials = QByteArray::fromBase64(header.mid(6));
    const qsizetype colon = credentials.indexOf(':');
    const QString id = QUrl::fromPercentEncoding(credentials.left(colon));
    const QString secret = QUrl::fromPercentEncoding(credentials.mid(colon + 1));
    const auto app = m_apps.constFind(id);
    return app != m_apps.cend() && app->clientSecret == secret ? &*app : nullptr;
}

void FakeRingCentral::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QString path = request.url().path();
    const bool isPost = request.method() == QHttpServerRequest::Method::Post;
    if (path == u"/restapi/oauth/authorize" && !isPost) {
        const QUrlQuery query(request.url());
        const auto app = m_apps.constFind(value(query, "client_id"));
        if (app == m_apps.cend() || value(query, "redirect_uri") != app->redirectUri)
            return responder.write("<h1>Invalid client or redirect URI</h1>", "text/html", StatusCode::BadRequest);
        QString fields;
        for (const char *name : {"client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method"})
            fields += hidden(QLatin1String(name), value(query, name));
        const QString html =
            QStringLiteral("<!doctype html><html><head><title>RingCentral</title></head><body><h1>Sign in to RingCentral</h1>"
                           "<form id=\"grant\" method=\"post\" action=\"/restapi/oauth/authorize\">%1"
                           "<input type=\"hidden\" name=\"decision\" value=\"grant\"><button>Authorize</button></form>"
                           "<form method=\"post\" action=\"/restapi/oauth/authorize\">%1"
                           "<input type=\"hidden\" name=\"decision\" value=\"deny\"><button>Cancel</button></form>%2</body></html>")
                .arg(fields,
                     m_autoGrant ? QStringLiteral("<script>document.getElementById('grant').submit();</script>") : QString());
        return responder.write(html.toUtf8(), "text/html; charset=utf-8");
    }
    if (path == u"/restapi/oauth/authorize" && isPost) {
        const QUrlQuery form = formOf(request.body());
        const auto app = m_apps.constFind(value(form, "client_id"));
        if (app == m_apps.cend() || value(form, "redirect_uri") != app->redirectUri)
            return responder.write("<h1>Invalid client</h1>", "text/html", StatusCode::BadRequest);
        QUrl target(app->redirectUri);
        QUrlQuery answer;
        if (value(form, "decision") == u"grant") {
            const QString code = newToken(QStringLiteral("code-"));
            const qint64 extension = m_signInQueue.isEmpty() ? m_signingIn : m_signInQueue.takeFirst();
            m_codes.insert(code, {app->clientId, app->redirectUri, value(form, "code_challenge"), extension});
            answer.addQueryItem(QStringLiteral("code"), code);
            answer.addQueryItem(QStringLiteral("expires_in"), QStringLiteral("60"));
        } else {
            answer.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
        }
        answer.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(value(form, "state"))));
        target.setQuery(answer);
        return responder.write(QByteArray(), {{"Location", target.toEncoded()}}, StatusCode::Found);
    }
    if (path == u"/restapi/oauth/token" && isPost)
        return token(request, responder);
    if (path == u"/restapi/oauth/revoke" && isPost) {
        if (!appOf(request))
            return oauthError(responder, u"invalid_client"_qs, u"OAU-123"_qs, u"Client authentication is required"_qs);
        const QString token = value(formOf(request.body()), "token");
        const Token known = m_refreshTokens.take(token);
        m_accessTokens.remove(known.pair);
        const Token access = m_accessTokens.take(token);
        m_refreshTokens.remove(access.pair);
        return json(responder, {});
    }
    if (path.startsWith(u"/restapi/v1.0/"))
        return api(request, responder);
    json(responder, {{u"errorCode"_qs, u"CMN-404"_qs}, {u"message"_qs, u"Not found"_qs}}, 404);
}

void FakeRingCentral::token(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const QUrlQuery form = formOf(request.body());
    const QString grantType = value(form, "grant_type");
    m_tokenRequests[grantType] += 1;
    const App *app = appOf(request);
    if (!app || form.hasQueryItem(u"client_secret"_qs)) {
        ++m_refusedForm;
        return oauthError(responder, u"invalid_client"_qs, u"OAU-123"_qs, u"Client authentication is required"_qs);
    }
    qint64 extension = 0;
    if (grantType == u"authorization_code") {
        const Code code = m_codes.take(value(form, "code"));
        if (code.clientId != app->clientId || value(form, "redirect_uri") != code.redirectUri)
            return oauthError(responder, u"invalid_grant"_qs, u"OAU-109"_qs, u"Authorization code is invalid"_qs);
        const QString challenge = QString::fromLatin1(
            QCryptographicHash::hash(value(form, "code_verifier").toLatin1(), QCryptographicHash::Sha256)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        if (code.challenge.isEmpty() || challenge != code.challenge)
            return oauthError(responder, u"invalid_grant"_qs, u"OAU-109"_qs, u"Code verifier does not match"_qs);
        extension = code.extensionId;
    } else if (grantType == u"refresh_token") {
        const QString used = value(form, "refresh_token");
        if (m_spentRefreshTokens.contains(used)) {
            ++m_replayed;
            return oauthError(responder, u"invalid_grant"_qs, u"OAU-211"_qs, u"Token is revoked"_qs);
        }
        const auto known = m_refreshTokens.constFind(used);
        if (known == m_refreshTokens.cend() || known->clientId != app->clientId)
            return oauthError(responder, u"invalid_grant"_qs, u"OAU-210"_qs, u"Token expired"_qs);
        extension = known->extensionId;
        // Single-use: this refresh token and its access token die.
        m_accessTokens.remove(known->pair);
        m_refreshTokens.remove(used);
        m_spentRefreshTokens.insert(used);
    } else {
        return oauthError(responder, u"unsupported_grant_type"_qs, u"OAU-250"_qs, u"Unsupported grant type"_qs);
    }
    const QString access = newToken(QStringLiteral("U1BCMDFU-a"));
    const QString refresh = newToken(QStringLiteral("U1BCMDFU-r"));
    m_accessTokens.insert(access, {app->clientId, extension, nowMs() + qint64(m_accessTokenLifetime) * 1000, refresh});
    m_refreshTokens.insert(refresh, {app->clientId, extension, nowMs() + 604'800'000, access});
    m_lastRefresh = refresh;
    m_issued << access << refresh;
    json(responder,
         {{u"access_token"_qs, access},
          {u"token_type"_qs, u"bearer"_qs},
          {u"expires_in"_qs, m_accessTokenLifetime},
          {u"refresh_token"_qs, refresh},
          {u"refresh_token_expires_in"_qs, 604800},
          {u"scope"_qs, u"ReadAccounts ReadCallLog SMS RingOut"_qs},
          {u"owner_id"_qs, QString::number(extension)},
          {u"endpoint_id"_qs, QUuid::createUuid().toString(QUuid::Id128).left(22)}});
}

} // namespace Sb::Fakes
