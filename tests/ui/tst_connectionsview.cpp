#include "../fakes/fakehubspot.h"
#include "../fakes/fakezoho.h"
#include "../support/questionbox.h"
#include "../support/scriptedbrowser.h"
#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/oauth/grantvault.h>
#include <core/oauth/oauthapps.h>
#include <core/providers/crmplatforms.h>
#include <core/store/changefeed.h>
#include <core/store/contactstore.h>
#include <core/store/guithreadguard.h>
#include <core/store/leadstore.h>
#include <core/store/oauthgrantstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealer.h>
#include <ui/frame/provideraccess.h>
#include <ui/views/connections/connectionsview.h>
#include <ui/views/leads/leaddetailview.h>
#include <ui/views/leads/leadsview.h>

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <thread>

using namespace Sb;
using namespace Qt::StringLiterals;

// The Connections page against a loopback HubSpot, with SQL on the GUI thread forbidden: it
// waits for the vault and says so; staff see the state but not the app nor connect; an admin
// saves the clinic's app (the secret never shown again), connects through the browser hook
// (a scripted user consents), syncs the contacts with progress, and disconnects (revoked at
// HubSpot); a declined sign-in says so and stores nothing.
class tst_ConnectionsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(u"tst_connectionsview"_s);
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void anAdminConnectsSyncsAndDisconnects();
    void zohoConnectsInTheAccountsDataCentre();
    void aSyncElsewhereAndARateLimitShow();

private:
    // A fresh SQLite store with a vault and the clinic "Smile Dental".
    bool openClinic();

    Test::TestDatabase m_databases;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::optional<std::shared_ptr<Store::Database>> m_database;
    std::optional<Vault::Sealer> m_sealer;
    std::optional<Store::TenantScope> m_scope;
};

bool tst_ConnectionsView::openClinic()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto database = m_databases.createMigrated(u"sqlite"_s);
    if (!database)
        return false;
    auto sealer = Test::createVault(**database, m_dir->filePath(u"vault.key"_s));
    if (!sealer || !Store::TenantStore(**database).add(u"clinic-a"_s, u"Smile Dental"_s))
        return false;
    m_database = *database;
    m_sealer = *sealer;
    m_scope = *Tenancy::AdminSession(**database).scope(u"clinic-a"_s);
    return true;
}

using Test::acceptNextQuestion;
using Test::saysSomewhere;

void tst_ConnectionsView::anAdminConnectsSyncsAndDisconnects()
{
    QVERIFY(openClinic());
    auto &database = m_database; // read as before: *database, **database
    auto &sealer = m_sealer;
    const Store::TenantScope scope = *m_scope;
    Fakes::FakeHubSpot hubspot;
    hubspot.addContacts(320, QDateTime::currentMSecsSinceEpoch() - 3'600'000);
    const auto app = hubspot.addApp(Test::freeRedirectUri(u"localhost"_s));

    Store::ChangeFeed feed(*database);
    feed.start();
    qputenv("SB_HUBSPOT_BASE", hubspot.baseUrl().toUtf8());
    Ui::ProviderAccess providers(*database);
    std::unique_ptr<Test::ScriptedBrowser> browser;
    providers.setBrowser([&](const QUrl &url) { return browser->open(url); });
    Ui::ConsoleContext context{*database, nullptr, &feed, nullptr, &providers};
    const Store::GuiThreadGuard guard; // from here on, no SQL on this thread
    Ui::ConnectionsView view(context);
    view.resize(900, 700);
    view.show();
    Ui::CrmCard *card = view.card(u"hubspot"_s);
    QVERIFY(card);

    // No vault yet: it says why, and nothing can be done.
    view.showTenant({scope, u"Smile Dental"_s, Store::Role::Staff});
    QTRY_VERIFY(saysSomewhere(view, u"vault is opening"_s));
    QVERIFY(!card->isEnabled());
    // Staff: the state, no app form, no connect.
    QSignalSpy loaded(&view, &Ui::ConnectionsView::loaded);
    providers.setSealer(std::make_shared<const Vault::Sealer>(*sealer));
    QTRY_VERIFY(!loaded.isEmpty());
    QCOMPARE(card->stateText(), u"Not set up"_s);
    QVERIFY(!card->clientIdEdit()->isVisible());
    QVERIFY(!card->connectButton()->isVisible());

    // An admin saves the clinic's app; the secret is kept in the vault, never shown again.
    view.showTenant({scope, u"Smile Dental"_s, Store::Role::Admin});
    QTRY_VERIFY(card->clientIdEdit()->isVisible());
    card->redirectUriEdit()->setText(u"https://clinic.example/callback"_s);
    card->clientIdEdit()->setText(app.clientId);
    card->clientSecretEdit()->setText(app.clientSecret);
    card->saveAppButton()->click();
    QTRY_VERIFY(saysSomewhere(view, u"must come back to this computer"_s)); // refused, said why
    card->redirectUriEdit()->setText(app.redirectUri);
    loaded.clear();
    card->saveAppButton()->click();
    QTRY_VERIFY(!loaded.isEmpty());
    QTRY_COMPARE(card->stateText(), u"Not connected"_s);
    QVERIFY(card->clientSecretEdit()->text().isEmpty());
    QVERIFY(card->clientSecretEdit()->placeholderText().contains(u"vault"_s));
    QCOMPARE(card->redirectUriEdit()->text(), app.redirectUri);

    // Declined in the browser: said so, nothing stored.
    browser = std::make_unique<Test::ScriptedBrowser>(Test::ScriptedBrowser::Act::Deny);
    QVERIFY(card->connectButton()->isEnabled());
    card->connectButton()->click();
    QTRY_VERIFY(saysSomewhere(view, u"declined at HubSpot"_s));
    QCOMPARE(card->stateText(), u"Not connected"_s);

    // Connected through the browser.
    browser = std::make_unique<Test::ScriptedBrowser>(Test::ScriptedBrowser::Act::Grant);
    card->connectButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(card->stateText(), u"Connected"_s, 10000);
    QVERIFY(card->detailText().contains(u"Portal 1234567"_s));
    QVERIFY(browser->listenerPage().contains(u"You may close this tab."_s));

    // Sync: progress, then the count.
    QSignalSpy synced(&view, &Ui::ConnectionsView::syncFinished);
    QVERIFY(card->syncButton()->isEnabled());
    card->syncButton()->click();
    QVERIFY(synced.wait(20000));
    QTRY_VERIFY(card->detailText().contains(u"320 contacts"_s));

    // On the Leads page, a lead is pushed to HubSpot once; the button then says it is there.
    Store::Lead dana;
    dana.name = u"Dana Patient"_s;
    dana.phoneE164 = u"+16175559999"_s;
    dana.email = u"dana@example.org"_s;
    std::optional<Result<Store::Lead>> added;
    std::thread([&] { added = Store::LeadStore(**database).add(scope, dana); }).join();
    SB_VERIFY_OK(*added);
    // (A console whose vault opens after the lead is shown: the push waits for it, then offers.)
    Ui::ProviderAccess late(*database);
    Ui::ConsoleContext lateContext{*database, nullptr, &feed, nullptr, &late};
    Ui::LeadsView leads(lateContext);
    leads.show();
    leads.showTenant({scope, u"Smile Dental"_s, Store::Role::Staff});
    QTRY_COMPARE(leads.chosenLead(), (*added)->id);
    QTRY_VERIFY(leads.detail()->pushButton(u"hubspot"_s));
    QPushButton *push = leads.detail()->pushButton(u"hubspot"_s);
    QTRY_VERIFY(push->isVisible());
    QVERIFY(!push->isEnabled());
    late.setSealer(std::make_shared<const Vault::Sealer>(*sealer));
    QTRY_VERIFY(push->isEnabled());
    QCOMPARE(push->text(), u"Push to HubSpot"_s);
    const int contactsBefore = hubspot.contactCount();
    push->click();
    QTRY_COMPARE_WITH_TIMEOUT(push->text(), u"In HubSpot"_s, 10000);
    QVERIFY(!push->isEnabled());
    QCOMPARE(hubspot.contactCount(), contactsBefore + 1);
    leads.hide();

    // Disconnect: asked first, revoked at HubSpot, gone here.
    const QString refresh = hubspot.lastIssued().refreshToken;
    QVERIFY(hubspot.isRefreshTokenKnown(refresh));
    acceptNextQuestion();
    card->disconnectButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(card->stateText(), u"Not connected"_s, 10000);
    QVERIFY(!hubspot.isRefreshTokenKnown(refresh));
}

void tst_ConnectionsView::zohoConnectsInTheAccountsDataCentre()
{
    QVERIFY(openClinic());
    auto &database = m_database; // read as before: *database, **database
    auto &sealer = m_sealer;
    const Store::TenantScope scope = *m_scope;
    Fakes::FakeZoho zoho({u"com"_s, u"eu"_s});
    zoho.setAccountCentre(u"eu"_s);
    zoho.addContacts(45, QDateTime::currentMSecsSinceEpoch() - 3'600'000);
    const auto app = zoho.addApp(Test::freeRedirectUri(u"127.0.0.1"_s, u"/zoho"_s));

    Store::ChangeFeed feed(*database);
    feed.start();
    Ui::ProviderAccess providers(*database);
    Providers::CrmPlatforms crms;
    SB_VERIFY_OK(crms.setBase(u"zoho"_s, zoho.bases()));
    providers.setCrms(crms);
    Test::ScriptedBrowser browser(Test::ScriptedBrowser::Act::Grant);
    providers.setBrowser([&](const QUrl &url) { return browser.open(url); });
    providers.setSealer(std::make_shared<const Vault::Sealer>(*sealer));
    Ui::ConsoleContext context{*database, nullptr, &feed, nullptr, &providers};
    const Store::GuiThreadGuard guard;
    Ui::ConnectionsView view(context);
    view.resize(900, 900);
    view.show();
    Ui::CrmCard *card = view.card(u"zoho"_s);
    QVERIFY(card);
    QVERIFY(!view.card(u"hubspot"_s)->dataCentreBox()); // HubSpot has one place
    QSignalSpy loaded(&view, &Ui::ConnectionsView::loaded);
    view.showTenant({scope, u"Smile Dental"_s, Store::Role::Owner});
    QTRY_VERIFY(!loaded.isEmpty());
    QCOMPARE(card->stateText(), u"Not set up"_s);

    // The admin thinks the account is in the US; Zoho knows better at the sign-in.
    QComboBox *centre = card->dataCentreBox();
    QVERIFY(centre && centre->isVisible());
    QCOMPARE(centre->count(), 2);
    centre->setCurrentIndex(centre->findData(u"com"_s));
    QCOMPARE(centre->currentText(), u"United States (zoho.com)"_s);
    card->clientIdEdit()->setText(app.clientId);
    card->clientSecretEdit()->setText(app.clientSecret);
    card->redirectUriEdit()->setText(app.redirectUri);
    card->saveAppButton()->click();
    QTRY_COMPARE(card->stateText(), u"Not connected"_s);
    card->connectButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(card->stateText(), u"Connected"_s, 10000);
    QVERIFY2(card->detailText().contains(u"Europe (zoho.eu) data centre"_s), qPrintable(card->detailText()));
    QCOMPARE(zoho.tokenRequestsAt(u"eu"_s), 1);
    // The app now names the account's data centre: the next sign-in starts there.
    QTRY_COMPARE(centre->currentData().toString(), u"eu"_s);

    QSignalSpy synced(&view, &Ui::ConnectionsView::syncFinished);
    card->syncButton()->click();
    QVERIFY(synced.wait(20000));
    QTRY_VERIFY2(card->detailText().contains(u"45 contacts from Zoho CRM"_s), qPrintable(card->detailText()));
}

void tst_ConnectionsView::aSyncElsewhereAndARateLimitShow()
{
    QVERIFY(openClinic());
    auto &database = m_database; // read as before: *database, **database
    auto &sealer = m_sealer;
    const Store::TenantScope scope = *m_scope;
    Fakes::FakeHubSpot hubspot;
    hubspot.addContacts(350, QDateTime::currentMSecsSinceEpoch() - 3'600'000);
    const auto app = hubspot.addApp(u"http://localhost:53685/callback"_s);
    OAuth::OAuthApps::Registered registered{{app.clientId, Secret::fromString(app.clientSecret), QUrl(app.redirectUri)}, {}};
    SB_VERIFY_OK(OAuth::OAuthApps(**database, *sealer).set(scope, u"hubspot"_s, registered));
    const auto issued = hubspot.issue(app.clientId, 1800);
    OAuth::TokenGrant grant;
    grant.accessToken = Secret::fromString(issued.accessToken);
    grant.refreshToken = Secret::fromString(issued.refreshToken);
    grant.expiresAt = QDateTime::currentDateTimeUtc().addSecs(1800);
    SB_VERIFY_OK(OAuth::GrantVault(**database, *sealer).connect(scope, {u"hubspot"_s, StaffId()}, grant, u"admin"_s));

    Store::ChangeFeed feed(*database);
    feed.start();
    Ui::ProviderAccess providers(*database);
    Providers::CrmPlatforms crms;
    SB_VERIFY_OK(crms.setBase(u"hubspot"_s, hubspot.baseUrl()));
    providers.setCrms(crms);
    providers.setSealer(std::make_shared<const Vault::Sealer>(*sealer));
    Ui::ConsoleContext context{*database, nullptr, &feed, nullptr, &providers};
    const Store::GuiThreadGuard guard;
    Ui::ConnectionsView view(context);
    view.resize(900, 700);
    view.show();
    Ui::CrmCard *card = view.card(u"hubspot"_s);
    view.showTenant({scope, u"Smile Dental"_s, Store::Role::Owner});
    QTRY_COMPARE(card->stateText(), u"Connected"_s);
    QVERIFY(card->progressText().isEmpty());

    // switchboardctl syncs in another process: its progress shows here, live, and this
    // console does not start a second sync meanwhile.
    Store::CrmSyncState elsewhere;
    elsewhere.platform = u"hubspot"_s;
    elsewhere.fetched = 200;
    elsewhere.estimatedTotal = 1000;
    elsewhere.startedAt = QDateTime::currentMSecsSinceEpoch();
    std::thread([&] { (void)Store::ContactStore(**database).saveSyncState(scope, elsewhere); }).join();
    QTRY_COMPARE_WITH_TIMEOUT(card->progressText(), u"Another Switchboard program is syncing: 200 of about 1,000 contacts"_s, 5000);
    QVERIFY(!card->syncButton()->isEnabled());
    elsewhere.finishedAt = elsewhere.startedAt + 1;
    elsewhere.fetched = 0;
    std::thread([&] { (void)Store::ContactStore(**database).saveSyncState(scope, elsewhere); }).join();
    QTRY_VERIFY_WITH_TIMEOUT(card->progressText().isEmpty(), 5000);
    QTRY_VERIFY(card->syncButton()->isEnabled());

    // HubSpot's window is spent after two requests: the card says it waits, then goes on.
    hubspot.setRateLimit(2, 1500);
    QSignalSpy synced(&view, &Ui::ConnectionsView::syncFinished);
    card->syncButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(card->laneText().startsWith(u"Rate-limited: HubSpot asked Switchboard to slow down"_s), 5000);
    QVERIFY(synced.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(card->laneText().isEmpty(), 5000);
    QTRY_VERIFY(card->detailText().contains(u"350 contacts"_s));
}

QTEST_MAIN(tst_ConnectionsView)
#include "tst_connectionsview.moc"
