#include "ringcentralline.h"

#include "awaitcallback.h"
#include "scriptedbrowser.h"

#include "../fakes/fakeringcentral.h"

#include <core/oauth/accesstokens.h>
#include <core/oauth/oauthapps.h>
#include <core/providers/ringcentral/ringcentralaccount.h>
#include <core/providers/ringcentral/ringcentralauth.h>
#include <core/providers/ringcentral/ringcentralsignin.h>
#include <core/vault/sealer.h>

namespace Sb::Test {

Net::HttpClient::Options quickRetries()
{
    Net::HttpClient::Options quick;
    quick.baseBackoff = std::chrono::milliseconds(10);
    quick.maxBackoff = std::chrono::milliseconds(40);
    quick.maxAttempts = 2;
    return quick;
}

Status shareRingCentralApp(Store::Database &admin, const Vault::Sealer &sealer, Fakes::FakeRingCentral &ringcentral)
{
    const auto registered = ringcentral.addApp(freeRedirectUri());
    OAuth::OAuthApps::Registered shared;
    shared.app = {registered.clientId, Secret::fromString(registered.clientSecret), QUrl(registered.redirectUri)};
    return OAuth::OAuthApps(admin, sealer).setShared(QStringLiteral("ringcentral"), shared);
}

RingCentralLine::RingCentralLine() = default;
RingCentralLine::RingCentralLine(RingCentralLine &&) noexcept = default;
RingCentralLine &RingCentralLine::operator=(RingCentralLine &&) noexcept = default;
RingCentralLine::~RingCentralLine() = default;

Result<RingCentralLine> signInRingCentral(Fakes::FakeRingCentral &ringcentral,
                                          qint64 extension,
                                          const std::shared_ptr<Store::Database> &database,
                                          const Store::TenantScope &tenant,
                                          const Store::StaffMember &staff,
                                          const std::shared_ptr<const Vault::Sealer> &sealer,
                                          Net::HttpClient &http)
{
    ringcentral.setSigningIn(extension);
    ScriptedBrowser browser(ScriptedBrowser::Act::Grant);
    const QUrl base(ringcentral.baseUrl());
    Providers::RingCentral::RingCentralSignIn signIn(database, sealer, http, tenant, staff,
                                                     [&](const QUrl &url) { return browser.open(url); }, base);
    auto signedIn = awaitCallback<Result<Providers::RingCentral::SignedIn>>([&](auto done) { signIn.start(done); },
                                                                            30000);
    if (!signedIn)
        return Error{ErrorCode::Timeout, QStringLiteral("the RingCentral sign-in did not end within 30 s")};
    if (!*signedIn)
        return signedIn->error();
    RingCentralLine line;
    line.tokens = std::make_unique<OAuth::AccessTokens>(database, sealer, http,
                                                        Providers::RingCentral::refreshTargets(sealer, base));
    line.account = std::make_unique<Providers::RingCentral::RingCentralAccount>(http, *line.tokens, tenant, staff.id,
                                                                                base);
    return line;
}

} // namespace Sb::Test
