#include "../fakes/fakehubspot.h"
#include "../support/awaitcallback.h"
#include "../support/ctlrunner.h"
#include "../support/testdatabase.h"

#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/grantvault.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/datakeys.h>
#include <core/vault/sealer.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// Access tokens of stored grants against a loopback HubSpot, on both backends: a valid token
// is used as it is; an expired one is refreshed once however many ask (twenty requests in this
// process, two processes at once with single-use refresh tokens); a 401 gets a newer one; a
// refresh token the provider no longer knows makes the grant "needs reconnect" once and for
// all; a provider that is down leaves the grant as it was. The tokens are sealed: the row
// holds no token, and it opens for its own tenant only.
class tst_AccessTokens : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void aValidTokenIsUsedAsItIs_data() { Test::TestDatabase::addBackendRows(); }
    void aValidTokenIsUsedAsItIs();
    void twentyAskingMakeOneRefresh_data() { Test::TestDatabase::addBackendRows(); }
    void twentyAskingMakeOneRefresh();
    void aRejectedTokenIsReplaced_data() { Test::TestDatabase::addBackendRows(); }
    void aRejectedTokenIsReplaced();
    void aRevokedAppNeedsReconnect_data() { Test::TestDatabase::addBackendRows(); }
    void aRevokedAppNeedsReconnect();
    void aProviderDownLeavesTheGrant_data() { Test::TestDatabase::addBackendRows(); }
    void aProviderDownLeavesTheGrant();
    void twoProcessesMakeOneRefresh_data() { Test::TestDatabase::addBackendRows(); }
    void twoProcessesMakeOneRefresh();
    void grantsAreSealedToTheirTenant_data() { Test::TestDatabase::addBackendRows(); }
    void grantsAreSealedToTheirTenant();

private:
    // A clinic with a HubSpot grant whose access token lives `lifetime` seconds.
    bool setUp(const QString &backend, int lifetime);
    std::unique_ptr<OAuth::AccessTokens> makeTokens();
    Result<OAuth::AccessToken> get(OAuth::AccessTokens &tokens, std::optional<qint64> rejected = {});

    Test::TestDatabase m_databases;
    std::unique_ptr<Fakes::FakeHubSpot> m_hubspot;
    Fakes::FakeHubSpot::App m_app;
    Fakes::FakeHubSpot::Issued m_issued;
    std::shared_ptr<Store::Database> m_database;
    std::optional<Store::TenantScope> m_clinic;
    std::optional<Store::TenantScope> m_otherClinic;
    std::optional<Vault::DataKeys> m_keys;
    std::shared_ptr<Vault::Sealer> m_sealer;
    std::unique_ptr<Net::HttpClient> m_http;
    const Store::GrantKey m_key{u"hubspot"_s, StaffId()};
};

void tst_AccessTokens::initTestCase()
{
    auto keys = Vault::DataKeys::generate();
    SB_VERIFY_OK(keys);
    m_keys = *keys;
    m_sealer = std::make_shared<Vault::Sealer>(*keys);
}

void tst_AccessTokens::init()
{
    m_hubspot = std::make_unique<Fakes::FakeHubSpot>();
    m_hubspot->setRotateRefreshTokens(true); // single use, as RingCentral's: the strict case
    m_app = m_hubspot->addApp(u"http://localhost:53682/callback"_s);
    m_http = std::make_unique<Net::HttpClient>();
}

bool tst_AccessTokens::setUp(const QString &backend, int lifetime)
{
    auto database = m_databases.createMigrated(backend);
    if (!database)
        return false;
    m_database = *database;
    for (const char *name : {"clinic-a", "clinic-b"}) {
        if (!Store::TenantStore(*m_database).add(QLatin1String(name), {}))
            return false;
    }
    m_clinic = *Tenancy::AdminSession(*m_database).scope(u"clinic-a"_s);
    m_otherClinic = *Tenancy::AdminSession(*m_database).scope(u"clinic-b"_s);
    m_issued = m_hubspot->issue(m_app.clientId, lifetime);
    OAuth::TokenGrant grant;
    grant.accessToken = Secret::fromString(m_issued.accessToken);
    grant.refreshToken = Secret::fromString(m_issued.refreshToken);
    grant.expiresAt = QDateTime::currentDateTimeUtc().addSecs(lifetime);
    grant.extras.insert(u"hub_id"_s, 1234567);
    return bool(OAuth::GrantVault(*m_database, *m_sealer).connect(*m_clinic, m_key, grant, u"admin"_s));
}

std::unique_ptr<OAuth::AccessTokens> tst_AccessTokens::makeTokens()
{
    OAuth::RefreshTarget target;
    target.server.provider = u"hubspot"_s;
    target.server.displayName = u"HubSpot"_s;
    target.server.tokenUrl = QUrl(m_hubspot->baseUrl() + u"/oauth/v1/token"_s);
    target.app.clientId = m_app.clientId;
    target.app.clientSecret = Secret::fromString(m_app.clientSecret);
    OAuth::AccessTokens::Options options;
    options.waitStep = std::chrono::milliseconds(50);
    return std::make_unique<OAuth::AccessTokens>(
        m_database, m_sealer, *m_http,
        [target](Store::Database &, const Store::TenantScope &, const Store::StoredGrant &) {
            return Result<OAuth::RefreshTarget>(target);
        },
        options);
}

Result<OAuth::AccessToken> tst_AccessTokens::get(OAuth::AccessTokens &tokens, std::optional<qint64> rejected)
{
    auto token = Test::awaitCallback<Result<OAuth::AccessToken>>([&](auto done) {
        tokens.get(*m_clinic, m_key, nullptr, done, rejected);
    });
    if (!token)
        return Error{ErrorCode::Timeout, u"no answer"_s};
    return *token;
}

void tst_AccessTokens::aValidTokenIsUsedAsItIs()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 1800));
    auto tokens = makeTokens();
    auto token = get(*tokens);
    SB_VERIFY_OK(token);
    QCOMPARE(token->token.revealString(), m_issued.accessToken);
    QCOMPARE(token->generation, 1);
    QCOMPARE(token->extras.value(u"hub_id"_s).toInt(), 1234567);
    QCOMPARE(m_hubspot->tokenRequests(u"refresh_token"_s), 0);
}

void tst_AccessTokens::twentyAskingMakeOneRefresh()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 0)); // expired already
    auto tokens = makeTokens();
    QList<Result<OAuth::AccessToken>> answers;
    for (int i = 0; i < 20; ++i)
        tokens->get(*m_clinic, m_key, nullptr, [&](Result<OAuth::AccessToken> token) { answers.append(token); });
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 20, 10000);
    QCOMPARE(m_hubspot->tokenRequests(u"refresh_token"_s), 1);
    for (const auto &answer : std::as_const(answers)) {
        SB_VERIFY_OK(answer);
        QCOMPARE(answer->generation, 2);
        QVERIFY(m_hubspot->isAccessTokenValid(answer->token.revealString()));
    }
    // Stored before it was handed out: a new AccessTokens (the next start) uses it as it is.
    auto next = makeTokens();
    auto again = get(*next);
    SB_VERIFY_OK(again);
    QCOMPARE(again->token, answers.first()->token);
    QCOMPARE(m_hubspot->tokenRequests(u"refresh_token"_s), 1);
}

void tst_AccessTokens::aRejectedTokenIsReplaced()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 1800));
    auto tokens = makeTokens();
    auto first = get(*tokens);
    SB_VERIFY_OK(first);
    // HubSpot answered 401 to it (revoked early, a clock off): a newer one, though it looks valid.
    auto second = get(*tokens, first->generation);
    SB_VERIFY_OK(second);
    QCOMPARE(second->generation, first->generation + 1);
    QVERIFY(second->token.revealString() != first->token.revealString());
    QCOMPARE(m_hubspot->tokenRequests(u"refresh_token"_s), 1);
    // A 401 for the old generation, arriving late, refreshes nothing more.
    auto late = get(*tokens, first->generation);
    SB_VERIFY_OK(late);
    QCOMPARE(late->generation, second->generation);
    QCOMPARE(m_hubspot->tokenRequests(u"refresh_token"_s), 1);
}

void tst_AccessTokens::aRevokedAppNeedsReconnect()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 0));
    m_hubspot->uninstall(m_app.clientId);
    auto tokens = makeTokens();
    auto token = get(*tokens);
    QVERIFY(!token);
    QCOMPARE(token.error().code, ErrorCode::AuthenticationFailed);
    QVERIFY2(token.error().message.contains(u"HubSpot needs to be connected again"_s), qPrintable(token.error().message));
    QVERIFY(token.error().message.contains(u"missing or unknown refresh token"_s));
    auto stored = Store::OAuthGrantStore(*m_database).find(*m_clinic, m_key);
    SB_VERIFY_OK(stored);
    QVERIFY((*stored)->needsReconnect);
    // From now on it says so at once, and asks HubSpot nothing more.
    auto again = get(*makeTokens());
    QCOMPARE(again.error().code, ErrorCode::AuthenticationFailed);
    QCOMPARE(m_hubspot->tokenRequests(u"refresh_token"_s), 1);
}

void tst_AccessTokens::aProviderDownLeavesTheGrant()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 0));
    m_hubspot->failTokenRequests(1, 503);
    auto tokens = makeTokens();
    auto down = get(*tokens);
    QVERIFY(!down);
    QCOMPARE(down.error().code, ErrorCode::ProviderUnavailable);
    auto stored = Store::OAuthGrantStore(*m_database).find(*m_clinic, m_key);
    QVERIFY(!(*stored)->needsReconnect);
    QCOMPARE((*stored)->refreshingUntil, 0); // the lease was given back
    // Up again: the same refresh token works (nothing was spent).
    auto up = get(*tokens);
    SB_VERIFY_OK(up);
    QCOMPARE(up->generation, 2);
}

void tst_AccessTokens::twoProcessesMakeOneRefresh()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 0));
    // Two processes ask at the same moment; the fake lives in this process, answering them.
    const QStringList asking{u"--db"_s, m_databases.lastUrl(), u"--tenant"_s, u"clinic-a"_s,
                             u"--token-url"_s, m_hubspot->baseUrl() + u"/oauth/v1/token"_s,
                             u"--client-id"_s, m_app.clientId, u"--at"_s,
                             QString::number(QDateTime::currentMSecsSinceEpoch() + 1500)};
    const QStringList lines = Test::runTogether(QStringLiteral(SB_OAUTH_TOKENS_PATH), {asking, asking},
                                                m_keys->toSecret().reveal().toBase64() + '\n'
                                                    + m_app.clientSecret.toUtf8() + '\n');
    QVERIFY2(lines.at(0).startsWith(u"generation 2 sha256 "_s), qPrintable(lines.join(u" | "_s)));
    QCOMPARE(lines.at(1), lines.at(0)); // the same token
    QCOMPARE(m_hubspot->tokenRequests(u"refresh_token"_s), 1);
    // Neither printed a token.
    QVERIFY(!lines.join(u' ').contains(u"CKDZ"_s));
}

void tst_AccessTokens::grantsAreSealedToTheirTenant()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 1800));
    auto stored = Store::OAuthGrantStore(*m_database).find(*m_clinic, m_key);
    SB_VERIFY_OK(stored);
    QVERIFY(*stored);
    QVERIFY(!(*stored)->envelope.contains(m_issued.accessToken.toUtf8()));
    QVERIFY(!(*stored)->envelope.contains(m_issued.refreshToken.toUtf8()));
    QCOMPARE((*stored)->extras.value(u"hub_id"_s).toInt(), 1234567);
    // Copied to another clinic's row, the envelope does not open.
    auto foreign = OAuth::GrantVault(*m_database, *m_sealer).open(*m_otherClinic, **stored);
    QVERIFY(!foreign);
    // And that clinic has no HubSpot.
    auto none = Store::OAuthGrantStore(*m_database).find(*m_otherClinic, m_key);
    SB_VERIFY_OK(none);
    QVERIFY(!*none);
}

QTEST_MAIN(tst_AccessTokens)
#include "tst_accesstokens.moc"
