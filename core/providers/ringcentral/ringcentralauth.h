#pragma once

#include <core/common/result.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/authorizationserver.h>
#include <core/store/oauthgrantstore.h>

#include <QUrl>

#include <functional>

#include <memory>

namespace Sb::Net {
class HttpClient;
}
namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Providers::RingCentral {

// RingCentral's platform: sign-in, tokens and the REST API at one host (a test's fake serves
// them at its own base).
inline QUrl platformUrl()
{
    return QUrl(QStringLiteral("https://platform.ringcentral.com"));
}

// RingCentral's authorization server (../shared/providers.md §3.1): the code flow with PKCE, the
// app proving itself with HTTP Basic at the token endpoint (a confidential app). The scopes are
// the app's own, chosen when it was registered: none are asked for. A refresh token is
// single-use: AccessTokens' lease makes one process spend it.
OAuth::AuthorizationServer authorizationServer(const QUrl &platform = platformUrl());

// A staff member's RingCentral grant: theirs alone (the clinic's CRMs are the clinic's).
inline Store::GrantKey grantOf(StaffId staff)
{
    return {QStringLiteral("ringcentral"), staff};
}

// Giving a token back (reset, disconnect): POST /restapi/oauth/revoke with the app's Basic
// header. RingCentral's answer is not read: a token it no longer knows is as good as revoked.
void revoke(Net::HttpClient &http,
            qint64 tenantId,
            StaffId staff,
            const QUrl &platform,
            const OAuth::ClientApp &app,
            const Secret &token,
            std::function<void(Status)> done);

// Where a staff member's grant is refreshed: RingCentral's token endpoint, as the app that
// issued the grant (its client id is kept with it) among those that may serve them, even when
// a more specific app was registered since. An app removed since: the user reconnects.
OAuth::RefreshTargetLookup refreshTargets(std::shared_ptr<const Vault::Sealer> sealer, QUrl platform = platformUrl());

// "Reset my RingCentral connection" (or an admin's reset of a staff member): their tokens
// given back to RingCentral (best effort: a RingCentral that cannot be reached still leaves
// nothing here), their grant and their row removed; nobody else's touched. Store work on
// store threads; done on context's thread with whether RingCentral took the tokens back.
struct ResetOutcome
{
    bool hadConnection = false;
    std::optional<Error> revokeProblem; // RingCentral could not be told
};
void reset(std::shared_ptr<Store::Database> database,
           std::shared_ptr<const Vault::Sealer> sealer,
           Net::HttpClient &http,
           const Store::TenantScope &tenant,
           StaffId staff,
           const QUrl &platform,
           QObject *context,
           std::function<void(Result<ResetOutcome>)> done);

} // namespace Sb::Providers::RingCentral
