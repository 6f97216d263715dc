#include "fakehubspot.h"

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
using StatusCode = QHttpServerResponder::StatusCode;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString value(const QUrlQuery &query, const char *name)
{
    return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
}

// HubSpot's error body.
void refuse(QHttpServerResponder &responder, int status, const QString &code, const QString &message)
{
    responder.write(QJsonDocument(QJsonObject{
                        {QStringLiteral("status"), code},
                        {QStringLiteral("message"), message},
                        {QStringLiteral("correlationId"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                    }),
                    StatusCode(status));
}

void page(QHttpServerResponder &responder, const QString &html, StatusCode status = StatusCode::Ok)
{
    responder.write(html.toUtf8(), "text/html; charset=utf-8", status);
}

QString hidden(const QString &name, const QString &value)
{
    return QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">")
        .arg(name, value.toHtmlEscaped());
}
} // namespace

QUrlQuery formOf(const QByteArray &body)
{
    QByteArray copy = body;
    copy.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(copy));
}

FakeHubSpot::FakeHubSpot(Transport transport)
{
    m_server.setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(request, std::move(responder));
        });
    m_endpoint = listenOnLoopback(m_server, transport);
}

QString FakeHubSpot::newToken(const QString &prefix)
{
    return prefix + QString::number(m_next++) + u'-'
        + QUuid::createUuid().toString(QUuid::Id128);
}

FakeHubSpot::App FakeHubSpot::addApp(const QString &redirectUri)
{
    App app{QUuid::createUuid().toString(QUuid::WithoutBraces),
            QUuid::createUuid().toString(QUuid::WithoutBraces),
            redirectUri};
    m_apps.insert(app.clientId, app);
    return app;
}

void FakeHubSpot::uninstall(const QString &clientId)
{
    auto drop = [&](QHash<QString, Token> &tokens) {
        for (auto it = tokens.begin(); it != tokens.end();)
            it = it->clientId == clientId ? tokens.erase(it) : std::next(it);
    };
    drop(m_accessTokens);
    drop(m_refreshTokens);
}

FakeHubSpot::Issued FakeHubSpot::issue(const QString &clientId, int lifetime)
{
    Issued issued{newToken(QStringLiteral("CKDZ-")), newToken(QStringLiteral("refresh-"))};
    m_accessTokens.insert(issued.accessToken, {clientId, nowMs() + qint64(lifetime) * 1000});
    m_refreshTokens.insert(issued.refreshToken, {clientId, 0});
    return issued;
}

bool FakeHubSpot::isAccessTokenValid(const QString &token) const
{
    const auto it = m_accessTokens.constFind(token);
    return it != m_accessTokens.cend() && it->expiresAtMs > nowMs();
}

void FakeHubSpot::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QString path = request.url().path();
    const auto method = request.method();
    if (path == u"/oauth/authorize" && method == QHttpServerRequest::Method::Get)
        return authorizePage(QUrlQuery(request.url()), responder);
    if (path == u"/oauth/authorize" && method == QHttpServerRequest::Method::Post)
        return decide(formOf(request.body()), responder);
    if (path == u"/oauth/v1/token" && method == QHttpServerRequest::Method::Post)
        return token(formOf(request.body()), responder);
    if (path.startsWith(u"/oauth/v1/refresh-tokens/") && method == QHttpServerRequest::Method::Delete) {
        const QString token = path.section(u'/', -1);
        if (!m_refreshTokens.remove(token))
            return refuse(responder, 404, QStringLiteral("error"), QStringLiteral("refresh token not found"));
        return responder.write(StatusCode::NoContent);
    }
    refuse(responder, 404, QStringLiteral("error"), QStringLiteral("Not found: ") + path);
}

void FakeHubSpot::authorizePage(const QUrlQuery &query, QHttpServerResponder &responder)
{
    m_authorizeRequests.append(query);
    const auto app = m_apps.constFind(value(query, "client_id"));
    if (app == m_apps.cend())
        return page(responder, QStringLiteral("<h1>Unknown app</h1>"), StatusCode::BadRequest);
    if (value(query, "redirect_uri") != app->redirectUri) {
        return page(responder,
                    QStringLiteral("<h1>Authorization failed because the redirect URL doesn't "
                                   "match the one registered for this app</h1>"),
                    StatusCode::BadRequest);
    }
    QString fields;
    for (const char *name : {"client_id", "redirect_uri", "scope", "state", "code_challenge",
                             "code_challenge_method"})
        fields += hidden(QLatin1String(name), value(query, name));
    const QString html = QStringLiteral(
        "<!doctype html><html><head><title>Log in to HubSpot</title></head><body>"
        "<h1>Connect Switchboard to your HubSpot account</h1>"
        "<p>Switchboard asks to: %1</p>"
        "<form id=\"grant\" method=\"post\" action=\"/oauth/authorize\">%2"
        "<label>Email <input name=\"email\" value=\"admin@clinic.example\"></label>"
        "<label>Password <input type=\"password\" name=\"password\"></label>"
        "<input type=\"hidden\" name=\"decision\" value=\"grant\">"
        "<button type=\"submit\">Connect app</button></form>"
        "<form method=\"post\" action=\"/oauth/authorize\">%2"
        "<input type=\"hidden\" name=\"decision\" value=\"deny\">"
        "<button type=\"submit\">Cancel</button></form>%3</body></html>")
        .arg(value(query, "scope").toHtmlEscaped(),
             fields,
             m_autoGrant ? QStringLiteral("<script>document.getElementById('grant').submit();</script>")
                         : QString());
    page(responder, html);
}

void FakeHubSpot::decide(const QUrlQuery &form, QHttpServerResponder &responder)
{
    const auto app = m_apps.constFind(value(form, "client_id"));
    if (app == m_apps.cend() || value(form, "redirect_uri") != app->redirectUri)
        return page(responder, QStringLiteral("<h1>Unknown app</h1>"), StatusCode::BadRequest);
    QUrl target(app->redirectUri);
    QUrlQuery answer;
    if (value(form, "decision") == u"grant") {
        const QString code = newToken(QStringLiteral("code-"));
        m_codes.insert(code,
                       {app->clientId, app->redirectUri, value(form, "code_challenge"),
                        nowMs() + 60'000});
        answer.addQueryItem(QStringLiteral("code"), code);
    } else {
        answer.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
        answer.addQueryItem(QStringLiteral("error_description"),
                            QStringLiteral("The user denied access"));
    }
    answer.addQueryItem(QStringLiteral("state"),
                        QString::fromLatin1(QUrl::toPercentEncoding(value(form, "state"))));
    target.setQuery(answer);
    responder.write(QByteArray(),
                    {{"Location", target.toEncoded()}, {"Content-Type", "text/html"}},
                    StatusCode::Found);
}

void FakeHubSpot::token(const QUrlQuery &form, QHttpServerResponder &responder)
{
    m_tokenBodies.append(form);
    const QString grantType = value(form, "grant_type");
    m_tokenRequests[grantType] += 1;
    if (m_failTokens > 0) {
        --m_failTokens;
        return refuse(responder, m_failTokenStatus, QStringLiteral("error"), QStringLiteral("Service Unavailable"));
    }
    const auto app = m_apps.constFind(value(form, "client_id"));
    if (app == m_apps.cend())
        return refuse(responder, 400, QStringLiteral("BAD_CLIENT_ID"), QStringLiteral("missing or unknown client id"));
    if (value(form, "client_secret") != app->clientSecret)
        return refuse(responder, 400, QStringLiteral("BAD_CLIENT_SECRET"), QStringLiteral("missing or invalid client secret"));

    QString refreshToken;
    if (grantType == u"authorization_code") {
        const Code code = m_codes.take(value(form, "code")); // single use
        if (code.clientId != app->clientId || code.expiresAtMs < nowMs())
            return refuse(responder, 400, QStringLiteral("BAD_AUTH_CODE"), QStringLiteral("missing or unknown auth code"));
        if (value(form, "redirect_uri") != code.redirectUri)
            return refuse(responder, 400, QStringLiteral("BAD_REDIRECT_URI"), QStringLiteral("redirect_uri does not match"));
        if (!code.challenge.isEmpty()) {
            const QByteArray verifier = value(form, "code_verifier").toLatin1();
            const QString challenge = QString::fromLatin1(
                QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
            if (challenge != code.challenge)
                return refuse(responder, 400, QStringLiteral("BAD_AUTH_CODE"), QStringLiteral("code_verifier does not match"));
        }
        refreshToken = newToken(QStringLiteral("refresh-"));
        m_refreshTokens.insert(refreshToken, {app->clientId, 0});
    } else if (grantType == u"refresh_token") {
        refreshToken = value(form, "refresh_token");
        const auto known = m_refreshTokens.constFind(refreshToken);
        if (known == m_refreshTokens.cend() || known->clientId != app->clientId) {
            QJsonObject body{{QStringLiteral("status"), QStringLiteral("BAD_REFRESH_TOKEN")},
                             {QStringLiteral("message"), QStringLiteral("missing or unknown refresh token")},
                             {QStringLiteral("error"), QStringLiteral("invalid_grant")},
                             {QStringLiteral("correlationId"), QUuid::createUuid().toString(QUuid::WithoutBraces)}};
            return responder.write(QJsonDocument(body), StatusCode::BadRequest);
        }
        if (m_rotateRefreshTokens) {
            m_refreshTokens.remove(refreshToken);
            refreshToken = newToken(QStringLiteral("refresh-"));
            m_refreshTokens.insert(refreshToken, {app->clientId, 0});
        }
    } else {
        return refuse(responder, 400, QStringLiteral("BAD_GRANT_TYPE"), QStringLiteral("unknown grant_type"));
    }
    const QString access = newToken(QStringLiteral("CKDZ-"));
    m_lastIssued = {access, refreshToken};
    m_accessTokens.insert(access, {app->clientId, nowMs() + qint64(m_accessTokenLifetime) * 1000});
    responder.write(QJsonDocument(QJsonObject{
        {QStringLiteral("token_type"), QStringLiteral("bearer")},
        {QStringLiteral("access_token"), access},
        {QStringLiteral("refresh_token"), refreshToken},
        {QStringLiteral("expires_in"), m_accessTokenLifetime},
        {QStringLiteral("hub_id"), 1234567},
        {QStringLiteral("user_id"), 7654321},
        {QStringLiteral("scopes"), QJsonArray{QStringLiteral("crm.objects.contacts.read"),
                                              QStringLiteral("crm.objects.contacts.write"),
                                              QStringLiteral("oauth")}},
    }));
}

} // namespace Sb::Fakes
