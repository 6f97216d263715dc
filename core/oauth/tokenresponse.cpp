#include "tokenresponse.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace Sb::OAuth {

namespace {
// Codes that mean the grant (or the app) will not work again without the admin.
const QSet<QString> kDeadGrant = {
    QStringLiteral("invalid_grant"),
    QStringLiteral("invalid_code"),
    QStringLiteral("invalid_client"),
    QStringLiteral("invalid_client_secret"),
    QStringLiteral("unauthorized_client"),
    QStringLiteral("invalid_redirect_uri"),
    QStringLiteral("BAD_REFRESH_TOKEN"),
    QStringLiteral("BAD_AUTH_CODE"),
    QStringLiteral("BAD_CLIENT_ID"),
    QStringLiteral("BAD_CLIENT_SECRET"),
    QStringLiteral("BAD_REDIRECT_URI"),
};

QStringList scopesOf(const QVariantMap &answer)
{
    if (answer.contains(QStringLiteral("scopes"))) // HubSpot: a list
        return answer.value(QStringLiteral("scopes")).toStringList();
    const QString scope = answer.value(QStringLiteral("scope")).toString();
    // OAuth says spaces; Zoho uses commas.
    return scope.split(QRegularExpression(QStringLiteral("[ ,]")), Qt::SkipEmptyParts);
}
} // namespace

Result<TokenGrant> TokenResponse::read(const AuthorizationServer &server,
                                       int httpStatus,
                                       const QByteArray &body,
                                       const QDateTime &now)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject()) {
        const ErrorCode code = httpStatus >= 500 ? ErrorCode::ProviderUnavailable
                                                 : ErrorCode::ProviderRefused;
        return Error{code,
                     tr("%1's token endpoint answered HTTP %2 without the JSON it should send.")
                         .arg(server.displayName)
                         .arg(httpStatus)};
    }
    return read(server, httpStatus, document.object().toVariantMap(), now);
}

Result<TokenGrant> TokenResponse::read(const AuthorizationServer &server,
                                       int httpStatus,
                                       const QVariantMap &answer,
                                       const QDateTime &now)
{
    const bool isSuccess = httpStatus >= 200 && httpStatus < 300;
    QString code = answer.value(QStringLiteral("error")).toString();
    if (code.isEmpty() && !isSuccess)
        code = answer.value(QStringLiteral("status")).toString(); // HubSpot's
    if (!code.isEmpty() || !isSuccess) {
        QString detail = answer.value(QStringLiteral("error_description")).toString();
        if (detail.isEmpty())
            detail = answer.value(QStringLiteral("message")).toString();
        ErrorCode kind = ErrorCode::ProviderRefused;
        if (kDeadGrant.contains(code))
            kind = ErrorCode::AuthenticationFailed;
        else if (httpStatus == 429 || code == u"Access Denied") // Zoho: too many refreshes
            kind = ErrorCode::RateLimited;
        else if (httpStatus >= 500)
            kind = ErrorCode::ProviderUnavailable;
        const QString what = code.isEmpty() ? tr("HTTP %1").arg(httpStatus) : code;
        return Error{kind,
                     detail.isEmpty()
                         ? tr("%1 refused the token request: %2.").arg(server.displayName, what)
                         : tr("%1 refused the token request: %2 (%3).")
                               .arg(server.displayName, detail, what)};
    }
    TokenGrant grant;
    grant.accessToken = Secret::fromString(answer.value(QStringLiteral("access_token")).toString());
    if (grant.accessToken.isEmpty()) {
        return Error{ErrorCode::ProviderRefused,
                     tr("%1's token endpoint answered without an access token.")
                         .arg(server.displayName)};
    }
    grant.refreshToken =
        Secret::fromString(answer.value(QStringLiteral("refresh_token")).toString());
    bool isNumber = false;
    const qint64 lifetime = answer.value(QStringLiteral("expires_in")).toLongLong(&isNumber);
    if (isNumber && lifetime > 0)
        grant.expiresAt = now.toUTC().addSecs(lifetime);
    grant.scopes = scopesOf(answer);
    grant.extras = answer;
    for (const char *key : {"access_token",
                            "refresh_token",
                            "id_token",
                            "expires_in",
                            "scope",
                            "scopes",
                            "token_type"})
        grant.extras.remove(QLatin1String(key));
    return grant;
}

} // namespace Sb::OAuth
