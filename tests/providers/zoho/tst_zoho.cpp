#include "../../fakes/fakehubspot.h"
#include "../../fakes/fakezoho.h"
#include "../../support/awaitcallback.h"
#include "../../support/scriptedbrowser.h"
#include "../../support/testdatabase.h"

#include <core/crm/contactsync.h>
#include <core/crm/leadpush.h>
#include <core/net/httpclient.h>
#include <core/oauth/grantvault.h>
#include <core/providers/crmplatforms.h>
#include <core/providers/zoho/zohocontacts.h>
#include <core/providers/zoho/zohoplatform.h>
#include <core/store/contactstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/datakeys.h>
#include <core/vault/sealer.h>

#include <QDateTime>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// Zoho CRM against a loopback Zoho with two data centres (../shared/providers.md §5): the
// sign-in goes where the account lives (the redirect's accounts-server, when it is Zoho's),
// and refreshes and records follow the grant's data centre and api_domain; addresses that are
// not Zoho's are refused before a secret or a token goes there. Sync reads numbered pages to
// 2,000 and page tokens past them, then changes with If-Modified-Since (304: nothing); an empty
// CRM (204) is an empty sync; tokens are refreshed without a new refresh token; the same
// person in HubSpot and Zoho is one contact; a pushed lead is created once, a known email
// linked. On both backends.
class tst_Zoho : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void theSignInFollowsTheAccountsDataCentre();
    void addressesThatAreNotZohosAreRefused();
    void syncReadsPastTwoThousandThenChanges_data() { Test::TestDatabase::addBackendRows(); }
    void syncReadsPastTwoThousandThenChanges();
    void onePersonInHubSpotAndZohoIsOneContact_data() { Test::TestDatabase::addBackendRows(); }
    void onePersonInHubSpotAndZohoIsOneContact();
    void aSyncResumedAfterItsPageTokenExpiredStartsAgain();
    void aLeadIsPushedOnce_data() { Test::TestDatabase::addBackendRows(); }
    void aLeadIsPushedOnce();

private:
    // The admin's sign-in through the scripted browser, as the CLI and the console run it.
    Result<OAuth::TokenGrant> signIn(const Crm::CrmPlatform &platform, const OAuth::OAuthApps::Registered &app);
    // A migrated store with a clinic connected to the fake Zoho by a real sign-in.
    bool connectClinic(const QString &backend);
    Status sync(const Crm::CrmPlatform &platform, QList<Crm::SyncProgress> *progress = nullptr);
    const Store::TenantScope &clinic() const { return *m_clinicScope; }

    Test::TestDatabase m_databases;
    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<Vault::Sealer> m_sealer;
    std::unique_ptr<Net::HttpClient> m_http;
    std::unique_ptr<Fakes::FakeZoho> m_zoho;
    Fakes::FakeZoho::App m_app;
    Providers::CrmPlatforms m_platforms;
    std::optional<Store::TenantScope> m_clinicScope; // clinic-a, once connected
};

void tst_Zoho::initTestCase()
{
    m_sealer = std::make_shared<Vault::Sealer>(*Vault::DataKeys::generate());
    m_http = std::make_unique<Net::HttpClient>();
}

Result<OAuth::TokenGrant> tst_Zoho::signIn(const Crm::CrmPlatform &platform, const OAuth::OAuthApps::Registered &app)
{
    auto server = platform.authorizationServer(app);
    if (!server)
        return server.error();
    Test::ScriptedBrowser browser(Test::ScriptedBrowser::Act::Grant);
    OAuth::AuthorizationFlow flow(*server, app.app, [&](const QUrl &url) { return browser.open(url); });
    flow.setRedirectCheck(platform.redirectCheck(app));
    auto grant = Test::awaitCallback<Result<OAuth::TokenGrant>>([&](auto done) { flow.start(done); }, 30000);
    if (!grant)
        return Error{ErrorCode::Timeout, u"the sign-in did not end"_s};
    if (*grant) {
        if (auto complete = platform.completeGrant(**grant, app); !complete)
            return complete.error();
    }
    return *grant;
}

void tst_Zoho::theSignInFollowsTheAccountsDataCentre()
{
    Fakes::FakeZoho zoho({u"com"_s, u"eu"_s});
    zoho.setAccountCentre(u"eu"_s); // the admin chose .com, the account is in Europe
    const auto fake = zoho.addApp(Test::freeRedirectUri(u"127.0.0.1"_s, u"/zoho"_s));
    Providers::CrmPlatforms platforms;
    SB_VERIFY_OK(platforms.setBase(u"zoho"_s, zoho.bases()));
    const auto platform = platforms.find(u"zoho"_s);
    QVERIFY(platform);
    QCOMPARE(platform->dataCentres(), (QStringList{u"com"_s, u"eu"_s}));
    OAuth::OAuthApps::Registered app{{fake.clientId, Secret::fromString(fake.clientSecret), QUrl(fake.redirectUri)}, u"com"_s};

    const auto grant = signIn(*platform, app);
    SB_VERIFY_OK(grant);
    // The consent page was asked at the chosen data centre, for offline access and consent.
    const QUrlQuery asked = zoho.authorizeRequests().constFirst();
    QCOMPARE(asked.queryItemValue(u"access_type"_s), u"offline"_s);
    QCOMPARE(asked.queryItemValue(u"prompt"_s), u"consent"_s);
    QCOMPARE(asked.queryItemValue(u"scope"_s), u"ZohoCRM.modules.contacts.ALL"_s);
    QCOMPARE(asked.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    // The code went to the account's data centre only (at .com Zoho answers invalid_client).
    QCOMPARE(zoho.tokenRequestsAt(u"eu"_s), 1);
    QCOMPARE(zoho.tokenRequestsAt(u"com"_s), 0);
    QCOMPARE(grant->extras.value(u"api_domain"_s).toString(), zoho.baseUrl(u"eu"_s));
    QCOMPARE(grant->extras.value(u"accounts-server"_s).toString(), zoho.baseUrl(u"eu"_s));
    QCOMPARE(grant->extras.value(u"dataCentre"_s).toString(), u"eu"_s);
    QVERIFY(!grant->refreshToken.isEmpty());

    // A data centre Zoho does not know: said before anything is sent.
    OAuth::OAuthApps::Registered nowhere = app;
    nowhere.dataCentre = u"moon"_s;
    const auto refused = platform->authorizationServer(nowhere);
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(u"com, eu"_s));
}

void tst_Zoho::addressesThatAreNotZohosAreRefused()
{
    Providers::Zoho::ZohoPlatform published; // Zoho's own data centres
    OAuth::OAuthApps::Registered app{{u"1000.X"_s, Secret::fromString(u"s"_s), QUrl(u"http://127.0.0.1:1/cb"_s)}, u"eu"_s};
    const auto check = published.redirectCheck(app);
    // A redirect that names another accounts server: the secret would go there. Refused.
    const auto forged = check({{u"code"_s, u"c"_s}, {u"accounts-server"_s, u"https://accounts.zoho.eu.evil.example"_s}});
    QVERIFY(!forged);
    QVERIFY(forged.error().message.contains(u"not one of Zoho's"_s));
    QVERIFY(!check({{u"accounts-server"_s, u"http://accounts.zoho.eu"_s}})); // not https
    QVERIFY(!check({{u"accounts-server"_s, u"https://user@accounts.zoho.eu"_s}}));
    // Zoho's own, of another data centre than chosen: it wins.
    const auto australia = check({{u"accounts-server"_s, u"https://accounts.zoho.com.au"_s}, {u"location"_s, u"au"_s}});
    SB_VERIFY_OK(australia);
    QCOMPARE(*australia, QUrl(u"https://accounts.zoho.com.au/oauth/v2/token"_s));
    // None named: the chosen one's.
    QCOMPARE(*check({}), QUrl(u"https://accounts.zoho.eu/oauth/v2/token"_s));

    // Tokens granted for an API that is not Zoho's are not kept.
    OAuth::TokenGrant grant;
    grant.extras = {{u"api_domain"_s, u"https://www.zohoapis.eu.evil.example"_s}};
    QVERIFY(!published.completeGrant(grant, app));
    grant.extras = {{u"api_domain"_s, u"https://www.zohoapis.eu"_s}};
    SB_VERIFY_OK(published.completeGrant(grant, app));
    QCOMPARE(grant.extras.value(u"accounts-server"_s).toString(), u"https://accounts.zoho.eu"_s);
    QCOMPARE(published.recordPage(grant.extras, u"4150868000000224005"_s),
             QUrl(u"https://crm.zoho.eu/crm/tab/Contacts/4150868000000224005"_s));
}

bool tst_Zoho::connectClinic(const QString &backend)
{
    auto database = m_databases.createMigrated(backend);
    if (!database)
        return false;
    m_database = *database;
    if (!Store::TenantStore(*m_database).add(u"clinic-a"_s, {}) || !Store::TenantStore(*m_database).add(u"clinic-b"_s, {}))
        return false;
    m_clinicScope = *Tenancy::AdminSession(*m_database).scope(u"clinic-a"_s);
    m_zoho = std::make_unique<Fakes::FakeZoho>(QStringList{u"com"_s, u"eu"_s});
    m_zoho->setAccountCentre(u"eu"_s);
    m_app = m_zoho->addApp(Test::freeRedirectUri(u"127.0.0.1"_s, u"/zoho"_s));
    m_platforms = Providers::CrmPlatforms();
    if (!m_platforms.setBase(u"zoho"_s, m_zoho->bases()))
        return false;
    OAuth::OAuthApps::Registered app{{m_app.clientId, Secret::fromString(m_app.clientSecret), QUrl(m_app.redirectUri)}, u"eu"_s};
    if (!OAuth::OAuthApps(*m_database, *m_sealer).set(clinic(), u"zoho"_s, app))
        return false;
    const auto grant = signIn(*m_platforms.find(u"zoho"_s), app);
    if (!grant) {
        qWarning() << grant.error().message;
        return false;
    }
    return bool(OAuth::GrantVault(*m_database, *m_sealer).connect(clinic(), {u"zoho"_s, StaffId()}, *grant, u"admin"_s));
}

Status tst_Zoho::sync(const Crm::CrmPlatform &platform, QList<Crm::SyncProgress> *progress)
{
    OAuth::AccessTokens::Options options;
    options.refreshMargin = std::chrono::milliseconds(0);
    OAuth::AccessTokens tokens(m_database, m_sealer, *m_http, m_platforms.refreshTargets(m_sealer), options);
    const auto source = platform.contacts(*m_http, tokens, clinic(), u"US"_s);
    Crm::ContactSync sync(m_database, clinic(), *source);
    std::optional<Status> outcome;
    QObject::connect(&sync, &Crm::ContactSync::finished, [&](const Status &status) { outcome = status; });
    if (progress)
        QObject::connect(&sync, &Crm::ContactSync::progressed, [&](const Crm::SyncProgress &p) { progress->append(p); });
    sync.start();
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 60000))
        return Error{ErrorCode::Timeout, u"the sync did not end"_s};
    return *outcome;
}

void tst_Zoho::syncReadsPastTwoThousandThenChanges()
{
    QFETCH(QString, backend);
    QVERIFY(connectClinic(backend));
    const auto zoho = m_platforms.find(u"zoho"_s);
    m_zoho->addContacts(2450, QDateTime::currentMSecsSinceEpoch() - 86'400'000);
    m_zoho->failApiRequests(1, 429); // once, in Zoho's shape

    QList<Crm::SyncProgress> progress;
    SB_VERIFY_OK(sync(*zoho, &progress));
    Store::ContactStore contacts(*m_database);
    QCOMPARE(*contacts.count(clinic()), 2450);
    QCOMPARE(progress.first().estimatedTotal, 2450); // from Zoho's count
    QCOMPARE(progress.last().fetched, 2450);
    // 10 numbered pages, then 3 by page token; no request refused but the one 429.
    const QList<int> statuses = m_zoho->statusesAnswered();
    QCOMPARE(statuses.count(200), 1 + 13); // the count, then the pages
    QCOMPARE(statuses.count(429), 1);
    QCOMPARE(statuses.count(400), 0);
    // Normalised: a mobile written as 415-556-1000 is found as E.164; emails case-folded.
    const auto found = contacts.search(clinic(), {{}, u"+14155561000"_s, {}}, 5);
    SB_VERIFY_OK(found);
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->first().links.first().platform, u"zoho"_s);
    QCOMPARE(found->first().name, u"Inés García-0"_s);

    // Later: what changed only, asked with If-Modified-Since; an access token that expired is
    // refreshed at the account's data centre, and the refresh token kept (Zoho sends none).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto changed = m_zoho->contact(u"4150868000000224000"_s);
    QVERIFY(changed);
    changed->phone = u"(415) 201-0199"_s;
    changed->mobile.clear();
    changed->modifiedAt = now;
    const QString nia = m_zoho->addContact({{}, u"Nia"_s, u"New"_s, u"nia@example.org"_s, u"415 201 0100"_s, {}, now});
    m_zoho->deleteContact(u"4150868000000224001"_s); // gone from Zoho: gone here

    m_zoho->expireAccessTokens(); // the stored one looks valid: Zoho's 401 says otherwise
    m_zoho->setAccessTokenLifetime(1);
    const int refreshesBefore = m_zoho->tokenRequests(u"refresh_token"_s);
    progress.clear();
    SB_VERIFY_OK(sync(*zoho, &progress));
    QVERIFY(progress.last().isIncremental);
    QCOMPARE(progress.last().fetched, 3); // two changed, one deleted
    QVERIFY(!m_zoho->ifModifiedSinceSeen().constLast().isEmpty());
    QCOMPARE(*contacts.count(clinic()), 2450);
    // The changed number replaced the old one on the contact.
    QCOMPARE(contacts.search(clinic(), {{}, u"+14152010199"_s, {}}, 5)->size(), 1);
    QVERIFY(contacts.search(clinic(), {{}, u"+14155561000"_s, {}}, 5)->isEmpty());
    QTest::qWait(1100); // the token from that refresh has expired too
    // Nothing changed since (the two are put back before the pass's minute of slack).
    changed->modifiedAt = now - 3'600'000;
    m_zoho->contact(nia)->modifiedAt = now - 3'600'000;
    const int before = m_zoho->apiRequests();
    progress.clear();
    SB_VERIFY_OK(sync(*zoho, &progress));
    // Nothing changed: 304. The deletion comes again within the pass's minute of slack, and
    // deleting twice is deleting once.
    const QList<int> lastStatuses = m_zoho->statusesAnswered();
    QCOMPARE(lastStatuses.at(lastStatuses.size() - 2), 304);
    QCOMPARE(m_zoho->apiRequests() - before, 2); // the changes, then the deletions
    QVERIFY(progress.isEmpty() || progress.last().fetched <= 1);
    // One refresh after the 401, one before the third pass (its token had run out).
    QCOMPARE(m_zoho->tokenRequests(u"refresh_token"_s), refreshesBefore + 2);
    QCOMPARE(m_zoho->tokenRequestsAt(u"com"_s), 0); // never at the wrong data centre
    QVERIFY(m_zoho->isRefreshTokenKnown(m_zoho->lastRefreshToken()));
    QCOMPARE(*contacts.count(clinic()), 2450);
}

void tst_Zoho::onePersonInHubSpotAndZohoIsOneContact()
{
    QFETCH(QString, backend);
    QVERIFY(connectClinic(backend));
    // The same patient in both CRMs, the number written two ways; one only in each.
    m_zoho->addContact({{}, u"Patricia"_s, u"Lee"_s, {}, u"+1 (617) 201-4567"_s, {}, 0});
    m_zoho->addContact({{}, u"Zed"_s, u"Only"_s, u"zed@example.org"_s, {}, {}, 0});
    Fakes::FakeHubSpot hubspot;
    const auto hubApp = hubspot.addApp(u"http://localhost:53692/callback"_s);
    hubspot.addContact({0, u"Pat"_s, u"Lee"_s, u"PAT@x.example"_s, u"617.201.4567"_s, 0, false, {}});
    hubspot.addContact({0, u"Hal"_s, u"Only"_s, u"hal@example.org"_s, {}, 0, false, {}});
    SB_VERIFY_OK(m_platforms.setBase(u"hubspot"_s, hubspot.baseUrl()));
    const auto issued = hubspot.issue(hubApp.clientId, 1800);
    OAuth::TokenGrant grant;
    grant.accessToken = Secret::fromString(issued.accessToken);
    grant.refreshToken = Secret::fromString(issued.refreshToken);
    grant.expiresAt = QDateTime::currentDateTimeUtc().addSecs(1800);
    SB_VERIFY_OK(OAuth::GrantVault(*m_database, *m_sealer).connect(clinic(), {u"hubspot"_s, StaffId()}, grant, u"admin"_s));

    SB_VERIFY_OK(sync(*m_platforms.find(u"hubspot"_s)));
    SB_VERIFY_OK(sync(*m_platforms.find(u"zoho"_s)));
    Store::ContactStore contacts(*m_database);
    QCOMPARE(*contacts.count(clinic()), 3);
    const auto pat = contacts.search(clinic(), {{}, u"+16172014567"_s, {}}, 5);
    SB_VERIFY_OK(pat);
    QCOMPARE(pat->size(), 1);
    QStringList platforms;
    for (const Store::ContactLink &link : pat->first().links)
        platforms.append(link.platform);
    platforms.sort();
    QCOMPARE(platforms, (QStringList{u"hubspot"_s, u"zoho"_s}));
    QCOMPARE(pat->first().email, u"pat@x.example"_s);
    // The other clinic has none of them.
    QCOMPARE(*contacts.count(*Tenancy::AdminSession(*m_database).scope(u"clinic-b"_s)), 0);
}

void tst_Zoho::aSyncResumedAfterItsPageTokenExpiredStartsAgain()
{
    QVERIFY(connectClinic(u"sqlite"_s));
    const auto zoho = m_platforms.find(u"zoho"_s);
    m_zoho->addContacts(2450, QDateTime::currentMSecsSinceEpoch() - 86'400'000);
    // Zoho goes down after the count, the ten numbered pages and the first by page token: the
    // sync stops with a page token as where it stands.
    m_zoho->failAfter(12, 503);
    const Status stopped = sync(*zoho);
    QVERIFY(!stopped);
    Store::ContactStore contacts(*m_database);
    QCOMPARE(*contacts.count(clinic()), 2200);
    const auto state = contacts.syncState(clinic(), u"zoho"_s);
    QVERIFY((*state)->cursor.startsWith(u"token:"_s));
    // A day later the token has expired: the pass starts again and ends with everyone once.
    m_zoho->failApiRequests(0, 503);
    m_zoho->expirePageTokens();
    SB_VERIFY_OK(sync(*zoho));
    QCOMPARE(*contacts.count(clinic()), 2450);
    QCOMPARE(*contacts.count(clinic(), u"zoho"_s), 2450);
    QCOMPARE(m_zoho->statusesAnswered().count(400), 1);
}

void tst_Zoho::aLeadIsPushedOnce()
{
    QFETCH(QString, backend);
    QVERIFY(connectClinic(backend));
    // An empty Zoho answers 204: an empty sync, not an error.
    SB_VERIFY_OK(sync(*m_platforms.find(u"zoho"_s)));
    QCOMPARE(m_zoho->statusesAnswered().constLast(), 204);
    QCOMPARE(*Store::ContactStore(*m_database).count(clinic()), 0);
    m_zoho->addContact({{}, u"Known"_s, u"Person"_s, u"known@example.org"_s, {}, {}, 0});
    OAuth::AccessTokens tokens(m_database, m_sealer, *m_http, m_platforms.refreshTargets(m_sealer));
    const auto source = m_platforms.find(u"zoho"_s)->contacts(*m_http, tokens, clinic(), u"US"_s);
    auto push = [&](const QString &name, const QString &email, const QString &phone) -> Result<Crm::PushedLead> {
        Store::Lead lead;
        lead.name = name;
        lead.email = email;
        lead.phoneE164 = phone;
        auto added = Store::LeadStore(*m_database).add(clinic(), lead);
        if (!added)
            return added.error();
        QObject context;
        auto pushed = Test::awaitCallback<Result<Crm::PushedLead>>([&](auto done) {
            Crm::LeadPush::push(m_database, clinic(), added->id, *source, &context, done);
        });
        if (!pushed)
            return Error{ErrorCode::Timeout, u"no answer"_s};
        return *pushed;
    };
    const int before = m_zoho->contactCount();
    const auto made = push(u"Dana Q. Patient"_s, u"dana@example.org"_s, u"+14152010123"_s);
    SB_VERIFY_OK(made);
    QCOMPARE(m_zoho->contactCount(), before + 1);
    const auto *record = m_zoho->contact(made->recordId);
    QVERIFY(record);
    QCOMPARE(record->lastName, u"Patient"_s); // Zoho's required last name
    QCOMPARE(record->firstName, u"Dana Q."_s);
    // A person Zoho has (DUPLICATE_DATA names the record): linked, not made again.
    const auto known = push(u"Known Person"_s, u"known@example.org"_s, u"+14152010124"_s);
    SB_VERIFY_OK(known);
    QCOMPARE(m_zoho->contactCount(), before + 1);
    QCOMPARE(m_zoho->contact(known->recordId)->email, u"known@example.org"_s);
}

QTEST_MAIN(tst_Zoho)
#include "tst_zoho.moc"
