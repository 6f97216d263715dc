#pragma once

#include "authorizationserver.h"

#include <core/common/result.h>

#include <QCoreApplication>

namespace Sb::OAuth {

// Reads what a token endpoint answered, whatever its status: the grant, or why not, in each
// provider's shape. Errors may come with HTTP 200 (Zoho's {"error": "invalid_code"}), as
// OAuth's {"error", "error_description"}, or as HubSpot's {"status": "BAD_REFRESH_TOKEN",
// "message"}. The error's code says what to do:
// - AuthenticationFailed: the grant or the app is dead (invalid_grant, invalid_code,
//   BAD_REFRESH_TOKEN, invalid_client, …): the admin connects again;
// - RateLimited: too many token requests (429, Zoho's "Access Denied"): wait;
// - ProviderUnavailable: 5xx; ProviderRefused: anything else.
// Tokens never appear in a message.
class TokenResponse final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::OAuth::TokenResponse)

public:
    static Result<TokenGrant> read(const AuthorizationServer &server,
                                   int httpStatus,
                                   const QByteArray &body,
                                   const QDateTime &now = QDateTime::currentDateTimeUtc());
    // The same from an answer already parsed (Qt's reply handler hands a map over).
    static Result<TokenGrant> read(const AuthorizationServer &server,
                                   int httpStatus,
                                   const QVariantMap &answer,
                                   const QDateTime &now = QDateTime::currentDateTimeUtc());
    static bool isDeadGrant(const Error &error) { return error.code == ErrorCode::AuthenticationFailed; }
};

} // namespace Sb::OAuth
