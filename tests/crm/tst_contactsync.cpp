#include "../fakes/fakehubspot.h"
#include "../support/testdatabase.h"

#include <core/crm/contactsync.h>
#include <core/net/httpclient.h>
#include <core/numbering/typedsearch.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/grantvault.h>
#include <core/providers/hubspot/hubspotcontacts.h>
#include <core/store/sqlquery.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/datakeys.h>
#include <core/vault/sealer.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// Contacts from a loopback HubSpot into the unified contacts, on both backends: each clinic
// syncs its own portal with its own app and grant; a sync stopped halfway (HubSpot down) goes
// on from the last page stored, with no contact twice; later syncs read what changed; a 429
// and an access token that expires mid-sync are taken in stride; the same person in HubSpot
// and Zoho is one contact; a number typed any way finds its contact.
class tst_ContactSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void eachClinicSyncsItsOwnPortal_data() { Test::TestDatabase::addBackendRows(); }
    void eachClinicSyncsItsOwnPortal();
    void aStoppedSyncResumesWithoutDuplicates_data() { Test::TestDatabase::addBackendRows(); }
    void aStoppedSyncResumesWithoutDuplicates();
    void aSlowCrmShowsProgressAsItGoes_data() { Test::TestDatabase::addBackendRows(); }
    void aSlowCrmShowsProgressAsItGoes();
    void laterSyncsReadWhatChanged_data() { Test::TestDatabase::addBackendRows(); }
    void laterSyncsReadWhatChanged();
    void theSamePersonInTwoCrmsIsOneContact_data() { Test::TestDatabase::addBackendRows(); }
    void theSamePersonInTwoCrmsIsOneContact();

private:
    struct Clinic
    {
        Store::TenantScope scope;
        std::unique_ptr<Fakes::FakeHubSpot> hubspot;
        Fakes::FakeHubSpot::App app;
    };
    // A migrated store with clinics a and b, each with its own HubSpot portal and grant.
    bool setUp(const QString &backend, int contactsA, int contactsB, int tokenLifetime = 1800);
    std::unique_ptr<OAuth::AccessTokens> tokensFor(Clinic &clinic);
    // One run to its end; its status.
    Status sync(Clinic &clinic, QList<Crm::SyncProgress> *progress = nullptr);
    QStringList linkedRecordIds(const Clinic &clinic);

    Test::TestDatabase m_databases;
    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<Vault::Sealer> m_sealer;
    std::unique_ptr<Net::HttpClient> m_http;
    std::vector<Clinic> m_clinics;
};

void tst_ContactSync::initTestCase()
{
    m_sealer = std::make_shared<Vault::Sealer>(*Vault::DataKeys::generate());
    m_http = std::make_unique<Net::HttpClient>();
}

bool tst_ContactSync::setUp(const QString &backend, int contactsA, int contactsB, int tokenLifetime)
{
    m_clinics.clear();
    auto database = m_databases.createMigrated(backend);
    if (!database)
        return false;
    m_database = *database;
    int counts[] = {contactsA, contactsB};
    int index = 0;
    for (const char *name : {"clinic-a", "clinic-b"}) {
        if (!Store::TenantStore(*m_database).add(QLatin1String(name), {}))
            return false;
        Clinic clinic{*Tenancy::AdminSession(*m_database).scope(QLatin1String(name)),
                      std::make_unique<Fakes::FakeHubSpot>(), {}};
        clinic.app = clinic.hubspot->addApp(u"http://localhost:53682/callback"_s);
        clinic.hubspot->addContacts(counts[index++], QDateTime::currentMSecsSinceEpoch() - 86'400'000);
        const auto issued = clinic.hubspot->issue(clinic.app.clientId, tokenLifetime);
        OAuth::TokenGrant grant;
        grant.accessToken = Secret::fromString(issued.accessToken);
        grant.refreshToken = Secret::fromString(issued.refreshToken);
        grant.expiresAt = QDateTime::currentDateTimeUtc().addSecs(tokenLifetime);
        if (!OAuth::GrantVault(*m_database, *m_sealer).connect(clinic.scope, {u"hubspot"_s, StaffId()}, grant, u"admin"_s))
            return false;
        m_clinics.push_back(std::move(clinic));
    }
    return true;
}

std::unique_ptr<OAuth::AccessTokens> tst_ContactSync::tokensFor(Clinic &clinic)
{
    OAuth::RefreshTarget target;
    target.server = Providers::HubSpot::authorizationServer(Providers::HubSpot::HubSpotBases::at(QUrl(clinic.hubspot->baseUrl())));
    target.app.clientId = clinic.app.clientId;
    target.app.clientSecret = Secret::fromString(clinic.app.clientSecret);
    OAuth::AccessTokens::Options options;
    options.refreshMargin = std::chrono::milliseconds(0);
    return std::make_unique<OAuth::AccessTokens>(
        m_database, m_sealer, *m_http,
        [target](Store::Database &, const Store::TenantScope &, const Store::StoredGrant &) {
            return Result<OAuth::RefreshTarget>(target);
        },
        options);
}

Status tst_ContactSync::sync(Clinic &clinic, QList<Crm::SyncProgress> *progress)
{
    auto tokens = tokensFor(clinic);
    Providers::HubSpot::HubSpotContacts source(*m_http, *tokens, clinic.scope,
                                               Providers::HubSpot::HubSpotBases::at(QUrl(clinic.hubspot->baseUrl())));
    Crm::ContactSync sync(m_database, clinic.scope, source);
    std::optional<Status> outcome;
    QObject::connect(&sync, &Crm::ContactSync::finished, [&](const Status &status) { outcome = status; });
    if (progress)
        QObject::connect(&sync, &Crm::ContactSync::progressed, [&](const Crm::SyncProgress &p) { progress->append(p); });
    sync.start();
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 60000))
        return Error{ErrorCode::Timeout, u"the sync did not end"_s};
    return *outcome;
}

QStringList tst_ContactSync::linkedRecordIds(const Clinic &clinic)
{
    QStringList ids;
    auto status = m_database->transaction(clinic.scope, Store::TransactionMode::Read, [&](QSqlDatabase &db) {
        Store::SqlQuery query(db, u"SELECT record_id FROM contact_links WHERE tenant_id = :t ORDER BY record_id"_s);
        auto ran = query.bind(u":t"_s, clinic.scope.tenantId().value()).exec();
        while (ran && query.next())
            ids.append(query.value(0).toString());
        return ran;
    });
    return status ? ids : QStringList{u"error"_s};
}

void tst_ContactSync::eachClinicSyncsItsOwnPortal()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 450, 120, 2)); // tokens expire two seconds in
    m_clinics[0].hubspot->failApiRequests(1, 429); // one 429 on the way, in HubSpot's shape
    QList<Crm::SyncProgress> progress;
    QTest::qWait(2100); // A's token has expired before the sync starts
    SB_VERIFY_OK(sync(m_clinics[0], &progress));
    SB_VERIFY_OK(sync(m_clinics[1]));
    Store::ContactStore contacts(*m_database);
    QCOMPARE(*contacts.count(m_clinics[0].scope), 450);
    QCOMPARE(*contacts.count(m_clinics[1].scope), 120);
    QCOMPARE(m_clinics[0].hubspot->rateLimited(), 1);
    QCOMPARE(m_clinics[0].hubspot->tokenRequests(u"refresh_token"_s), 1);
    // Progress at every commit (what came while the last was stored, up to 2,000 records or a
    // second's worth), towards HubSpot's own total.
    QVERIFY(progress.size() >= 1 && progress.size() <= 5);
    QCOMPARE(progress.first().fetched % 100, 0);
    QCOMPARE(progress.first().estimatedTotal, 450);
    QCOMPARE(progress.last().fetched, 450);

    // Normalised as stored: a number typed any way finds its person, in this clinic only.
    const auto found = contacts.search(m_clinics[0].scope, {{}, u"+16172001000"_s, {}}, 10);
    SB_VERIFY_OK(found);
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->first().email, u"patient.0@clinic.example"_s); // case-folded
    const auto typed = Numbering::TypedSearch::parse(u"(617) 200-1000"_s, u"US"_s);
    QCOMPARE(typed.e164, u"+16172001000"_s);
    QCOMPARE(contacts.search(m_clinics[1].scope, {{}, typed.e164, {}}, 10)->size(), 1); // B has its own
    QVERIFY(contacts.search(m_clinics[1].scope, {{}, u"+16172001200"_s, {}}, 10)->isEmpty()); // not A's
    const auto named = contacts.search(m_clinics[0].scope, {u"o'brien-1"_s, {}, {}}, 100);
    SB_VERIFY_OK(named);
    QVERIFY(!named->isEmpty());
    QCOMPARE(named->first().links.first().platform, u"hubspot"_s);
}

void tst_ContactSync::aStoppedSyncResumesWithoutDuplicates()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 730, 0));
    Clinic &clinic = m_clinics[0];
    // HubSpot goes down for good after the total's search and three pages.
    clinic.hubspot->failAfter(4, 503);
    QList<Crm::SyncProgress> progress;
    {
        auto tokens = tokensFor(clinic);
        Providers::HubSpot::HubSpotContacts source(*m_http, *tokens, clinic.scope,
                                                   Providers::HubSpot::HubSpotBases::at(QUrl(clinic.hubspot->baseUrl())));
        Crm::ContactSync sync(m_database, clinic.scope, source);
        std::optional<Status> outcome;
        QObject::connect(&sync, &Crm::ContactSync::finished, [&](const Status &s) { outcome = s; });
        sync.start();
        QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 60000));
        QVERIFY(!*outcome);
        QCOMPARE(outcome->error().code, ErrorCode::ProviderUnavailable);
    }
    // The three pages read before it went down are kept (stored before the run ends).
    const int kept = *Store::ContactStore(*m_database).count(clinic.scope);
    QCOMPARE(kept, 300);
    // HubSpot is back: the next run goes on from the page after and ends with every contact once.
    clinic.hubspot->failApiRequests(0, 503);
    const int before = clinic.hubspot->apiRequests();
    SB_VERIFY_OK(sync(clinic, &progress));
    QCOMPARE(clinic.hubspot->apiRequests() - before, (730 - kept + 99) / 100); // nothing read twice
    QVERIFY(progress.first().fetched > kept && (progress.first().fetched - kept) % 100 == 0);
    QCOMPARE(progress.last().fetched, 730);
    QCOMPARE(*Store::ContactStore(*m_database).count(clinic.scope), 730);
    const QStringList links = linkedRecordIds(clinic);
    QCOMPARE(links.size(), 730);
    QCOMPARE(QSet<QString>(links.cbegin(), links.cend()).size(), 730);
}

// Pages wait to be stored together (a first sync's transactions are a couple of thousand
// records), but never more than a second: at HubSpot's pace the count moves while it reads.
void tst_ContactSync::aSlowCrmShowsProgressAsItGoes()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 600, 0));
    Clinic &clinic = m_clinics[0];
    clinic.hubspot->setRateLimit(3, 1000); // the total's search and six pages: about two seconds
    QList<Crm::SyncProgress> progress;
    QElapsedTimer clock;
    clock.start();
    SB_VERIFY_OK(sync(clinic, &progress));
    QVERIFY2(clock.elapsed() >= 1500, "the fake's limit did not pace the sync");
    QVERIFY2(progress.size() >= 2 && progress.last().elapsedMs - progress.first().elapsedMs >= 500,
             "nothing was stored until the last page came");
    QVERIFY(progress.first().fetched > 0 && progress.first().fetched < 600);
    QCOMPARE(progress.last().fetched, 600);
    QCOMPARE(*Store::ContactStore(*m_database).count(clinic.scope), 600);
}

void tst_ContactSync::laterSyncsReadWhatChanged()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 250, 0));
    Clinic &clinic = m_clinics[0];
    SB_VERIFY_OK(sync(clinic));
    // A patient's number changes, one is added, one is archived, two are merged into one.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    clinic.hubspot->contact(1001)->phone = u"617-555-0199"_s;
    clinic.hubspot->contact(1001)->lastName = u"Moved"_s;
    clinic.hubspot->contact(1001)->modifiedAt = now;
    clinic.hubspot->addContact({0, u"Nia"_s, u"New"_s, u"nia@example.org"_s, u"(617) 555-0100"_s, now, false, {}});
    clinic.hubspot->contact(1003)->archived = true;
    clinic.hubspot->contact(1003)->modifiedAt = now;
    clinic.hubspot->contact(1005)->mergedIds = u"1005;1004"_s;
    clinic.hubspot->contact(1005)->modifiedAt = now;
    clinic.hubspot->contact(1004)->archived = true;
    // The stored token looks valid for half an hour, but HubSpot says it expired: one refresh.
    clinic.hubspot->expireAccessTokens();
    const int refreshes = clinic.hubspot->tokenRequests(u"refresh_token"_s);
    QList<Crm::SyncProgress> progress;
    SB_VERIFY_OK(sync(clinic, &progress));
    QCOMPARE(clinic.hubspot->tokenRequests(u"refresh_token"_s), refreshes + 1);
    QVERIFY(progress.last().isIncremental);
    QVERIFY2(progress.last().fetched < 10, qPrintable(QString::number(progress.last().fetched)));
    Store::ContactStore contacts(*m_database);
    QCOMPARE(contacts.search(clinic.scope, {{}, u"+16175550100"_s, {}}, 5)->first().name, u"Nia New"_s);
    // The changed number is the contact's now, the old one no longer finds it.
    const auto moved = contacts.search(clinic.scope, {{}, u"+16175550199"_s, {}}, 5);
    QCOMPARE(moved->size(), 1);
    QVERIFY(moved->first().name.endsWith(u"Moved"_s));
    QVERIFY(contacts.search(clinic.scope, {{}, u"+16172001000"_s, {}}, 5)->isEmpty());
    QCOMPARE(*contacts.count(clinic.scope), 250 + 1 - 2); // 1004 merged away, 1003 deleted
    const QStringList links = linkedRecordIds(clinic);
    QVERIFY(!links.contains(u"1004"_s));
    QVERIFY(!links.contains(u"1003"_s));
}

void tst_ContactSync::theSamePersonInTwoCrmsIsOneContact()
{
    QFETCH(QString, backend);
    QVERIFY(setUp(backend, 0, 0));
    const Store::TenantScope &clinic = m_clinics[0].scope;
    Store::ContactStore contacts(*m_database);
    Store::CrmRecord inHubSpot{u"512"_s, u"Pat Lee"_s, u"pat@x.example"_s, u"(555) 123-4567"_s, u"+15551234567"_s, 1, false, {}};
    Store::CrmRecord inZoho{u"4150868000000224005"_s, u"Patricia Lee"_s, {}, u"+1 555 123 4567"_s, u"+15551234567"_s, 2, false, {}};
    Store::CrmRecord byEmailOnly{u"4150868000000224006"_s, u"P. Lee"_s, u"pat@x.example"_s, {}, {}, 3, false, {}};
    Store::CrmSyncState state;
    state.platform = u"hubspot"_s;
    SB_VERIFY_OK(contacts.storePage(clinic, u"hubspot"_s, {inHubSpot}, state));
    state.platform = u"zoho"_s;
    SB_VERIFY_OK(contacts.storePage(clinic, u"zoho"_s, {inZoho, byEmailOnly}, state));
    SB_VERIFY_OK(contacts.storePage(clinic, u"zoho"_s, {inZoho}, state)); // a page read twice
    QCOMPARE(*contacts.count(clinic), 1);
    const auto found = contacts.search(clinic, {{}, u"+15551234567"_s, {}}, 5);
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->first().links.size(), 3);
    // Another clinic's same number is another person.
    SB_VERIFY_OK(contacts.storePage(m_clinics[1].scope, u"hubspot"_s, {inHubSpot}, state));
    QCOMPARE(*contacts.count(clinic), 1);
    QCOMPARE(*contacts.count(m_clinics[1].scope), 1);
    // Gone from both CRMs, the contact goes.
    Store::CrmRecord gone = inZoho;
    gone.isDeleted = true;
    Store::CrmRecord goneToo = byEmailOnly;
    goneToo.isDeleted = true;
    SB_VERIFY_OK(contacts.storePage(clinic, u"zoho"_s, {gone, goneToo}, state));
    QCOMPARE(*contacts.count(clinic), 1);
    Store::CrmRecord goneFromHubSpot = inHubSpot;
    goneFromHubSpot.isDeleted = true;
    state.platform = u"hubspot"_s;
    SB_VERIFY_OK(contacts.storePage(clinic, u"hubspot"_s, {goneFromHubSpot}, state));
    QCOMPARE(*contacts.count(clinic), 0);

    // Within one page (written as a set): two new records of one person are one new contact,
    // by number or by email; a record listed twice is linked once.
    Store::CrmRecord first{u"9001"_s, u"Ana Ruiz"_s, u"ana@x.example"_s, {}, u"+16172019001"_s, 10, false, {}};
    Store::CrmRecord sameNumber{u"9002"_s, u"Ana R."_s, {}, {}, u"+16172019001"_s, 11, false, {}};
    Store::CrmRecord sameEmail{u"9003"_s, {}, u"ana@x.example"_s, {}, {}, 12, false, {}};
    Store::CrmRecord someoneElse{u"9004"_s, u"Ben Ode"_s, {}, {}, u"+16172019004"_s, 13, false, {}};
    SB_VERIFY_OK(contacts.storePage(clinic, u"hubspot"_s, {first, sameNumber, sameEmail, someoneElse, first}, state));
    QCOMPARE(*contacts.count(clinic), 2);
    const auto ana = contacts.search(clinic, {{}, u"+16172019001"_s, {}}, 5);
    QCOMPARE(ana->size(), 1);
    QCOMPARE(ana->first().links.size(), 3);
    QCOMPARE(ana->first().email, u"ana@x.example"_s);
}

QTEST_MAIN(tst_ContactSync)
#include "tst_contactsync.moc"
