#include "../../fakes/fakeringcentral.h"
#include "../../support/awaitcallback.h"
#include "../../support/ctlrunner.h"
#include "../../support/scriptedbrowser.h"
#include "../../support/testdatabase.h"

#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/authorizationflow.h>
#include <core/oauth/grantvault.h>
#include <core/providers/ringcentral/ringcentralaccount.h>
#include <core/providers/ringcentral/ringcentralauth.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/datakeys.h>
#include <core/vault/sealer.h>

#include <QElapsedTimer>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// RingCentral's sign-in for each staff member, against a loopback RingCentral that accepts the
// app only by HTTP Basic and spends every refresh token once: the code exchanged with the app's
// Basic header and the PKCE verifier (no client_secret in the form); each staff member's grant
// kept apart from a colleague's; twenty requests finding the access token dead make one
// refresh, the old refresh token never sent again; revoking gives the tokens back. Each user
// sees their own numbers (every page, with what each can do), and one user's 429s and open
// circuit leave a colleague's requests untouched. The console and serve (two processes) finding
// the token dead together make one refresh; a refresh RingCentral refuses marks that member's
// connection "needs reconnect", and only theirs. On both backends.
class tst_RingCentralAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void eachStaffMemberSignsInAndRefreshesOnce_data() { Test::TestDatabase::addBackendRows(); }
    void eachStaffMemberSignsInAndRefreshesOnce();
    void eachUserHasTheirOwnNumbersAndLimits();
    void theConsoleAndServeRefreshOnce_data() { Test::TestDatabase::addBackendRows(); }
    void theConsoleAndServeRefreshOnce();

private:
    // clinic-a with two staff members, Pat and Sam, in a migrated store.
    struct Clinic
    {
        std::shared_ptr<Store::Database> database;
        Store::TenantScope scope;
        Store::StaffMember pat;
        Store::StaffMember sam;
    };
    Result<Clinic> clinicOfPatAndSam(const QString &backend);
    Result<OAuth::TokenGrant> signIn(Fakes::FakeRingCentral &fake, const OAuth::ClientApp &app, qint64 extension);

    Test::TestDatabase m_databases;
    std::optional<Vault::DataKeys> m_keys;
    std::shared_ptr<Vault::Sealer> m_sealer;
    std::unique_ptr<Net::HttpClient> m_http;
};

void tst_RingCentralAuth::initTestCase()
{
    m_keys = *Vault::DataKeys::generate();
    m_sealer = std::make_shared<Vault::Sealer>(*m_keys);
    m_http = std::make_unique<Net::HttpClient>();
}

Result<tst_RingCentralAuth::Clinic> tst_RingCentralAuth::clinicOfPatAndSam(const QString &backend)
{
    auto database = m_databases.createMigrated(backend);
    if (!database)
        return database.error();
    auto tenant = Store::TenantStore(**database).add(u"clinic-a"_s, {});
    if (!tenant)
        return tenant.error();
    auto scope = Tenancy::AdminSession(**database).scope(u"clinic-a"_s);
    if (!scope)
        return scope.error();
    auto pat = Store::StaffStore(**database).addToTenant(u"pat"_s, *tenant, Store::Role::Staff);
    if (!pat)
        return pat.error();
    auto sam = Store::StaffStore(**database).addToTenant(u"sam"_s, *tenant, Store::Role::Staff);
    if (!sam)
        return sam.error();
    return Clinic{*database, *scope, *pat, *sam};
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
    auto clinic = clinicOfPatAndSam(backend);
    SB_VERIFY_OK(clinic);
    const auto *database = &clinic->database;
    const Store::TenantScope scope = clinic->scope;
    const Store::StaffMember *pat = &clinic->pat;
    const Store::StaffMember *sam = &clinic->sam;

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

void tst_RingCentralAuth::eachUserHasTheirOwnNumbersAndLimits()
{
    auto clinic = clinicOfPatAndSam(u"sqlite"_s);
    SB_VERIFY_OK(clinic);
    const auto *database = &clinic->database;
    const Store::TenantScope scope = clinic->scope;
    const Store::StaffMember *pat = &clinic->pat;
    const Store::StaffMember *sam = &clinic->sam;
    Fakes::FakeRingCentral ringcentral;
    QStringList many;
    for (int i = 0; i < 150; ++i)
        many.append(u"+1650555%1"_s.arg(1000 + i));
    ringcentral.addUser({1001, u"Pat Lee"_s, many});
    ringcentral.addUser({1002, u"Sam Roe"_s, {u"+16505550200"_s}});
    const auto registered = ringcentral.addApp(Test::freeRedirectUri());
    const OAuth::ClientApp app{registered.clientId, Secret::fromString(registered.clientSecret), QUrl(registered.redirectUri)};
    OAuth::GrantVault vault(**database, *m_sealer);
    for (const auto &[staff, extension] : {std::pair{pat->id, 1001}, std::pair{sam->id, 1002}}) {
        const auto grant = signIn(ringcentral, app, extension);
        SB_VERIFY_OK(grant);
        SB_VERIFY_OK(vault.connect(scope, Providers::RingCentral::grantOf(staff), *grant, u"staff"_s));
    }
    Net::HttpClient::Options quick;
    quick.baseBackoff = std::chrono::milliseconds(10);
    quick.maxBackoff = std::chrono::milliseconds(40);
    Net::HttpClient http(quick);
    OAuth::AccessTokens tokens(*database, m_sealer, http,
                               [&](Store::Database &, const Store::TenantScope &, const Store::StoredGrant &) {
                                   return Result<OAuth::RefreshTarget>(OAuth::RefreshTarget{
                                       Providers::RingCentral::authorizationServer(QUrl(ringcentral.baseUrl())), app});
                               });
    const QUrl base(ringcentral.baseUrl());
    Providers::RingCentral::RingCentralAccount patAccount(http, tokens, scope, pat->id, base);
    Providers::RingCentral::RingCentralAccount samAccount(http, tokens, scope, sam->id, base);
    using Numbers = Result<QList<Providers::RingCentral::UserNumber>>;

    // Their own numbers only: every page of Pat's 150, and what each may do.
    auto patNumbers = Test::awaitCallback<Numbers>([&](auto done) { patAccount.numbers(done); });
    QVERIFY(patNumbers);
    SB_VERIFY_OK(*patNumbers);
    QCOMPARE((*patNumbers)->size(), 150);
    QVERIFY((*patNumbers)->first().canText() && (*patNumbers)->first().canBeCallerId());
    QVERIFY(!(*patNumbers)->at(1).canText() && (*patNumbers)->at(1).canBeCallerId());
    auto samNumbers = Test::awaitCallback<Numbers>([&](auto done) { samAccount.numbers(done); });
    SB_VERIFY_OK(*samNumbers);
    QCOMPARE((*samNumbers)->size(), 1);
    QCOMPARE((*samNumbers)->first().e164, u"+16505550200"_s);

    // Pat is rate-limited twice (Retry-After: 1, honoured); Sam, asking at the same moment,
    // is not held up by it.
    ringcentral.rateLimit(1001, 2);
    QElapsedTimer clock;
    clock.start();
    qint64 patMs = -1;
    qint64 samMs = -1;
    patAccount.numbers([&](Numbers answer) {
        QVERIFY(answer);
        patMs = clock.elapsed();
    });
    samAccount.numbers([&](Numbers answer) {
        QVERIFY(answer);
        samMs = clock.elapsed();
    });
    QVERIFY(QTest::qWaitFor([&] { return patMs >= 0 && samMs >= 0; }, 15000));
    QVERIFY2(patMs >= 2000, qPrintable(QString::number(patMs)));
    QVERIFY2(samMs < 900, qPrintable(QString::number(samMs)));

    // RingCentral fails for Pat until Pat's circuit opens; Sam's stays closed and answers.
    ringcentral.failFor(1001, 100, 503);
    for (int i = 0; i < 3; ++i) {
        auto failed = Test::awaitCallback<Numbers>([&](auto done) { patAccount.numbers(done); });
        QVERIFY(failed && !*failed);
    }
    const Net::RateKey patKey{scope.tenantId().value(), u"ringcentral"_s, QString::number(pat->id.value())};
    const Net::RateKey samKey{scope.tenantId().value(), u"ringcentral"_s, QString::number(sam->id.value())};
    QCOMPARE(http.circuitState(patKey), Net::CircuitBreaker::State::Open);
    QCOMPARE(http.circuitState(samKey), Net::CircuitBreaker::State::Closed);
    const int patAsked = ringcentral.apiRequestsBy(1001);
    auto open = Test::awaitCallback<Numbers>([&](auto done) { patAccount.numbers(done); });
    QVERIFY(open && !*open);
    QCOMPARE(ringcentral.apiRequestsBy(1001), patAsked); // not even sent
    samNumbers = Test::awaitCallback<Numbers>([&](auto done) { samAccount.numbers(done); });
    SB_VERIFY_OK(*samNumbers);
}

void tst_RingCentralAuth::theConsoleAndServeRefreshOnce()
{
    QFETCH(QString, backend);
    auto clinic = clinicOfPatAndSam(backend);
    SB_VERIFY_OK(clinic);
    const auto *database = &clinic->database;
    const Store::TenantScope scope = clinic->scope;
    const Store::StaffMember *pat = &clinic->pat;
    const Store::StaffMember *sam = &clinic->sam;
    Fakes::FakeRingCentral ringcentral;
    ringcentral.addUser({1001, u"Pat Lee"_s, {u"+16505550100"_s}});
    ringcentral.addUser({1002, u"Sam Roe"_s, {u"+16505550200"_s}});
    const auto registered = ringcentral.addApp(Test::freeRedirectUri());
    const OAuth::ClientApp app{registered.clientId, Secret::fromString(registered.clientSecret), QUrl(registered.redirectUri)};
    OAuth::GrantVault vault(**database, *m_sealer);
    for (const auto &[staff, extension] : {std::pair{pat->id, 1001}, std::pair{sam->id, 1002}}) {
        const auto grant = signIn(ringcentral, app, extension);
        SB_VERIFY_OK(grant);
        SB_VERIFY_OK(vault.connect(scope, Providers::RingCentral::grantOf(staff), *grant, u"staff"_s));
    }
    const QString samRefresh = ringcentral.lastRefreshToken();

    // Pat's access token dies early; the console and serve, two processes, both have it refused
    // (a 401) and ask for a new one at the same moment.
    ringcentral.expireAccessTokens();
    const QStringList asking{u"--db"_s, m_databases.lastUrl(), u"--tenant"_s, u"clinic-a"_s, u"--ringcentral"_s,
                             ringcentral.baseUrl(), u"--staff"_s, QString::number(pat->id.value()), u"--client-id"_s,
                             registered.clientId, u"--at"_s, QString::number(QDateTime::currentMSecsSinceEpoch() + 1500),
                             u"--rejected"_s, u"1"_s};
    const QStringList lines = Test::runTogether(QStringLiteral(SB_OAUTH_TOKENS_PATH), {asking, asking},
                                                m_keys->toSecret().reveal().toBase64() + '\n'
                                                    + registered.clientSecret.toUtf8() + '\n');
    QVERIFY2(lines.at(0).startsWith(u"generation 2 sha256 "_s), qPrintable(lines.join(u" | "_s)));
    QCOMPARE(lines.at(1), lines.at(0)); // the same token
    QCOMPARE(ringcentral.tokenRequests(u"refresh_token"_s), 1);
    QCOMPARE(ringcentral.replayedRefreshTokens(), 0);

    // RingCentral lets go of Pat's refresh token (revoked there): the refresh is refused, the
    // stored token read again, and Pat's connection says it needs connecting again. Sam's is
    // untouched and refreshes.
    const auto revoked = Test::awaitCallback<Status>([&](auto done) {
        Providers::RingCentral::revoke(*m_http, scope.tenantId().value(), pat->id, QUrl(ringcentral.baseUrl()), app,
                                       Secret::fromString(ringcentral.lastRefreshToken()), done);
    });
    QVERIFY(revoked && *revoked);
    ringcentral.expireAccessTokens();
    OAuth::AccessTokens tokens(*database, m_sealer, *m_http,
                               [&](Store::Database &, const Store::TenantScope &, const Store::StoredGrant &) {
                                   return Result<OAuth::RefreshTarget>(OAuth::RefreshTarget{
                                       Providers::RingCentral::authorizationServer(QUrl(ringcentral.baseUrl())), app});
                               });
    const auto tokenOf = [&](StaffId staff, qint64 rejected) {
        auto token = Test::awaitCallback<Result<OAuth::AccessToken>>([&](auto done) {
            tokens.get(scope, Providers::RingCentral::grantOf(staff), nullptr, done, rejected);
        });
        return token ? *token : Result<OAuth::AccessToken>(Error{ErrorCode::Timeout, u"no answer"_s});
    };
    auto refused = tokenOf(pat->id, 2);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::AuthenticationFailed);
    QVERIFY2(refused.error().message.contains(u"connected again"_s), qPrintable(refused.error().message));
    auto patStored = Store::OAuthGrantStore(**database).find(scope, Providers::RingCentral::grantOf(pat->id));
    SB_VERIFY_OK(patStored);
    QVERIFY((*patStored)->needsReconnect);
    auto samStored = Store::OAuthGrantStore(**database).find(scope, Providers::RingCentral::grantOf(sam->id));
    SB_VERIFY_OK(samStored);
    QVERIFY(!(*samStored)->needsReconnect);
    QVERIFY(ringcentral.isRefreshTokenAlive(samRefresh));
    auto samToken = tokenOf(sam->id, 1);
    SB_VERIFY_OK(samToken);
    QCOMPARE(samToken->generation, 2);
    QVERIFY(!lines.join(u' ').contains(samToken->token.revealString())); // no token printed
}

QTEST_GUILESS_MAIN(tst_RingCentralAuth)
#include "tst_ringcentralauth.moc"
