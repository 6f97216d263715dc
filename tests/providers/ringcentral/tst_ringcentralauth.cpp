#include "../../fakes/fakeringcentral.h"
#include "../../support/awaitcallback.h"
#include "../../support/scriptedbrowser.h"
#include "../../support/testdatabase.h"

#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/authorizationflow.h>
#include <core/oauth/grantvault.h>
#include <core/providers/ringcentral/ringcentralauth.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/datakeys.h>
#include <core/vault/sealer.h>

#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// RingCentral's sign-in for each staff member, against a loopback RingCentral that accepts the
// app only by HTTP Basic and spends every refresh token once: the code exchanged with the app's
// Basic header and the PKCE verifier (no client_secret in the form); each staff member's grant
// kept apart from a colleague's; twenty requests finding the access token dead make one
// refresh, the old refresh token never sent again; revoking gives the tokens back. On both
// backends.
class tst_RingCentralAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void eachStaffMemberSignsInAndRefreshesOnce_data() { Test::TestDatabase::addBackendRows(); }
    void eachStaffMemberSignsInAndRefreshesOnce();

private:
    Result<OAuth::TokenGrant> signIn(Fakes::FakeRingCentral &fake, const OAuth::ClientApp &app, qint64 extension);

    Test::TestDatabase m_databases;
    std::shared_ptr<Vault::Sealer> m_sealer;
    std::unique_ptr<Net::HttpClient> m_http;
};

void tst_RingCentralAuth::initTestCase()
{
    m_sealer = std::make_shared<Vault::Sealer>(*Vault::DataKeys::generate());
    m_http = std::make_unique<Net::HttpClient>();
}

Result<OAuth::TokenGrant> tst_RingCentralAuth::signIn(Fakes::FakeRingCentral &fake, const OAuth::ClientApp &app, qint64 extension)
{
    fake.setSigningIn(extension);
    Test::ScriptedBrowser browser(Test::ScriptedBrowser::Act::Grant);
    OAuth::AuthorizationFlow flow(Providers::RingCentral::authorizationServer(QUrl(fake.baseUrl())), app,
                                  [&](const QUrl &url) { return browser.open(url); });
    auto grant = Test::awaitCallback<Result<OAuth::TokenGrant>>([&](auto done) { flow.start(done); }, 30000);
    if (!grant)
        return Error{ErrorCode::Timeout, u"the sign-in did not end"_s};
    return *grant;
}

void tst_RingCentralAuth::eachStaffMemberSignsInAndRefreshesOnce()
{
    QFETCH(QString, backend);
    auto database = m_databases.createMigrated(backend);
    SB_VERIFY_OK(database);
    auto tenant = Store::TenantStore(**database).add(u"clinic-a"_s, {});
    SB_VERIFY_OK(tenant);
    const auto scope = *Tenancy::AdminSession(**database).scope(u"clinic-a"_s);
    auto pat = Store::StaffStore(**database).addToTenant(u"pat"_s, *tenant, Store::Role::Staff);
    auto sam = Store::StaffStore(**database).addToTenant(u"sam"_s, *tenant, Store::Role::Staff);
    SB_VERIFY_OK(pat);
    SB_VERIFY_OK(sam);

    Fakes::FakeRingCentral ringcentral;
    ringcentral.addUser({1001, u"Pat Lee"_s, {u"+16505550100"_s}});
    ringcentral.addUser({1002, u"Sam Roe"_s, {u"+16505550200"_s}});
    const auto registered = ringcentral.addApp(Test::freeRedirectUri());
    const OAuth::ClientApp app{registered.clientId, Secret::fromString(registered.clientSecret), QUrl(registered.redirectUri)};

    // Each signs in with their own RingCentral login; the app proves itself by Basic only.
    const auto patGrant = signIn(ringcentral, app, 1001);
    SB_VERIFY_OK(patGrant);
    QCOMPARE(ringcentral.refusedForm(), 0);
    QCOMPARE(patGrant->extras.value(u"owner_id"_s).toString(), u"1001"_s);
    const QString patRefresh = ringcentral.lastRefreshToken();
    const auto samGrant = signIn(ringcentral, app, 1002);
    SB_VERIFY_OK(samGrant);
    const QString samRefresh = ringcentral.lastRefreshToken();
    OAuth::GrantVault vault(**database, *m_sealer);
    SB_VERIFY_OK(vault.connect(scope, Providers::RingCentral::grantOf(pat->id), *patGrant, u"pat"_s));
    SB_VERIFY_OK(vault.connect(scope, Providers::RingCentral::grantOf(sam->id), *samGrant, u"sam"_s));

    // Pat's access token dies early: twenty requests at once make one refresh with Basic, and
    // the spent refresh token is never sent again. Sam's grant is untouched.
    ringcentral.expireAccessTokens();
    OAuth::AccessTokens tokens(*database, m_sealer, *m_http,
                               [&](Store::Database &, const Store::TenantScope &, const Store::StoredGrant &) {
                                   return Result<OAuth::RefreshTarget>(OAuth::RefreshTarget{
                                       Providers::RingCentral::authorizationServer(QUrl(ringcentral.baseUrl())), app});
                               });
    const auto stored = Store::OAuthGrantStore(**database).find(scope, Providers::RingCentral::grantOf(pat->id));
    SB_VERIFY_OK(stored);
    QVERIFY(*stored);
    auto before = vault.open(scope, **stored);
    SB_VERIFY_OK(before);
    QObject context;
    QList<Result<OAuth::AccessToken>> answers;
    for (int i = 0; i < 20; ++i) {
        tokens.get(scope, Providers::RingCentral::grantOf(pat->id), &context,
                   [&](Result<OAuth::AccessToken> token) { answers.append(token); }, (*stored)->generation);
    }
    QVERIFY(QTest::qWaitFor([&] { return answers.size() == 20; }, 20000));
    for (const auto &answer : std::as_const(answers)) {
        SB_VERIFY_OK(answer);
        QCOMPARE(answer->token.revealString(), answers.first()->token.revealString());
    }
    QVERIFY(answers.first()->token.revealString() != before->accessToken.revealString());
    QCOMPARE(ringcentral.tokenRequests(u"refresh_token"_s), 1);
    QCOMPARE(ringcentral.replayedRefreshTokens(), 0);
    QCOMPARE(ringcentral.refusedForm(), 0);
    QVERIFY(!ringcentral.isRefreshTokenAlive(patRefresh));
    QVERIFY(ringcentral.isRefreshTokenAlive(samRefresh));

    // Revoked at RingCentral: the pair is gone there.
    const QString newRefresh = ringcentral.lastRefreshToken();
    QVERIFY(ringcentral.isRefreshTokenAlive(newRefresh));
    const auto revoked = Test::awaitCallback<Status>([&](auto done) {
        Providers::RingCentral::revoke(*m_http, scope.tenantId().value(), pat->id, QUrl(ringcentral.baseUrl()), app,
                                       Secret::fromString(newRefresh), done);
    });
    QVERIFY(revoked);
    SB_VERIFY_OK(*revoked);
    QVERIFY(!ringcentral.isRefreshTokenAlive(newRefresh));
    QVERIFY(ringcentral.isRefreshTokenAlive(samRefresh));
}

QTEST_MAIN(tst_RingCentralAuth)
#include "tst_ringcentralauth.moc"
