#include "../fakes/fakehubspot.h"
#include "../fakes/fakeringcentral.h"
#include "../fakes/fakezoho.h"
#include "../support/scriptedbrowser.h"
#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/oauth/grantvault.h>
#include <core/oauth/oauthapps.h>
#include <core/providers/crmplatforms.h>
#include <core/store/callstore.h>
#include <core/store/changefeed.h>
#include <core/store/contactstore.h>
#include <core/store/guithreadguard.h>
#include <core/store/leadstore.h>
#include <core/store/oauthgrantstore.h>
#include <core/store/ringcentraluserstore.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealer.h>
#include <ui/frame/deskphonecall.h>
#include <ui/frame/provideraccess.h>
#include <ui/views/connections/connectionsview.h>
#include <ui/views/connections/ringcentralsection.h>
#include <ui/views/contacts/contactlistmodel.h>
#include <ui/views/contacts/contactsview.h>
#include <ui/views/leads/leaddetailview.h>
#include <ui/views/leads/leadsview.h>
#include <ui/views/messages/messagesview.h>
#include <ui/views/messages/threadlistmodel.h>
#include <ui/views/messages/threadview.h>

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QPlainTextEdit>
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
    void staffConnectTheirOwnRingCentral();

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

namespace {
bool saysSomewhere(const QWidget &root, const QString &words)
{
    const auto labels = root.findChildren<QLabel *>();
    return std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) {
        return label->isVisible() && label->text().contains(words);
    });
}

// Answers the next question box with Yes.
void acceptNextQuestion()
{
    QTimer::singleShot(50, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Yes)->click();
        else
            acceptNextQuestion();
    });
}
} // namespace

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

// RingCentral is each staff member's own: Pat (clinic staff) sees "Not connected" with the
// installation's shared app, signs in through the browser hook as their RingCentral user, is
// offered only numbers that can text (and, for caller id, those that can be shown), and keeps
// a choice; the clinic's owner sees Pat's connection among colleagues and resets it.
void tst_ConnectionsView::staffConnectTheirOwnRingCentral()
{
    QVERIFY(openClinic());
    auto &database = m_database;
    const Store::TenantScope scope = *m_scope;
    Fakes::FakeRingCentral ringcentral;
    ringcentral.setAutoGrant(true);
    ringcentral.addUser({1001, u"Pat Lee"_s, {u"+16505550100"_s, u"+16505550101"_s}});
    ringcentral.setSigningIn(1001);
    const auto registered = ringcentral.addApp(Test::freeRedirectUri());
    OAuth::OAuthApps::Registered shared;
    shared.app = {registered.clientId, Secret::fromString(registered.clientSecret), QUrl(registered.redirectUri)};
    SB_VERIFY_OK(OAuth::OAuthApps(**database, *m_sealer).setShared(u"ringcentral"_s, shared));
    auto clinic = Store::TenantStore(**database).find(u"clinic-a"_s);
    SB_VERIFY_OK(clinic);
    SB_VERIFY_OK(Store::StaffStore(**database).addToTenant(u"pat"_s, *clinic, Store::Role::Staff));
    SB_VERIFY_OK(Store::StaffStore(**database).addToTenant(u"olga"_s, *clinic, Store::Role::Owner));
    auto pat = Tenancy::StaffSession::signIn(**database, u"pat"_s);
    auto olga = Tenancy::StaffSession::signIn(**database, u"olga"_s);
    SB_VERIFY_OK(pat);
    SB_VERIFY_OK(olga);

    Store::ChangeFeed feed(*database);
    feed.start();
    qputenv("SB_RINGCENTRAL_BASE", ringcentral.baseUrl().toUtf8());
    Ui::ProviderAccess providers(*database);
    qunsetenv("SB_RINGCENTRAL_BASE");
    std::unique_ptr<Test::ScriptedBrowser> browser;
    providers.setBrowser([&](const QUrl &url) { return browser->open(url); });
    providers.setSealer(std::make_shared<const Vault::Sealer>(*m_sealer));
    Ui::ConsoleContext context{*database, &*pat, &feed, nullptr, &providers};
    const Store::GuiThreadGuard guard; // from here on, no SQL on this thread
    Ui::ConnectionsView view(context);
    view.resize(900, 800);
    view.show();
    Ui::RingCentralCard *card = view.ringCentralCard();
    QSignalSpy loaded(view.ringCentral(), &Ui::RingCentralSection::loaded);
    QSignalSpy numbersShown(view.ringCentral(), &Ui::RingCentralSection::numbersShown);
    view.showTenant({scope, u"Smile Dental"_s, Store::Role::Staff});
    QTRY_VERIFY(!loaded.isEmpty());
    QCOMPARE(card->stateText(), u"Not connected"_s);
    QVERIFY2(card->detailText().contains(u"the installation's shared app"_s), qPrintable(card->detailText()));

    const auto button = [&](const QString &name) {
        const auto buttons = card->findChildren<QPushButton *>();
        auto found = std::find_if(buttons.cbegin(), buttons.cend(), [&](auto *b) {
            return b->accessibleName() == name || b->text() == name;
        });
        return found == buttons.cend() ? nullptr : *found;
    };
    const auto combo = [&](const QString &name) {
        const auto boxes = card->findChildren<QComboBox *>();
        auto found = std::find_if(boxes.cbegin(), boxes.cend(), [&](auto *b) { return b->accessibleName() == name; });
        return found == boxes.cend() ? nullptr : *found;
    };
    browser = std::make_unique<Test::ScriptedBrowser>(Test::ScriptedBrowser::Act::Grant);
    button(u"Connect my RingCentral account"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(card->stateText(), u"Connected as Pat Lee (extension 101)"_s, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!numbersShown.isEmpty(), 10000);
    QComboBox *smsFrom = combo(u"Number I text from"_s);
    QComboBox *callerId = combo(u"Number my calls show"_s);
    QCOMPARE(smsFrom->count(), 2); // "Choose a number" and the one that can text
    QCOMPARE(smsFrom->itemData(1).toString(), u"+16505550100"_s);
    QCOMPARE(callerId->count(), 3);
    smsFrom->setCurrentIndex(1);
    callerId->setCurrentIndex(callerId->findData(u"+16505550101"_s));
    numbersShown.clear();
    button(u"Use these numbers"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!numbersShown.isEmpty(), 10000);
    QCOMPARE(smsFrom->currentData().toString(), u"+16505550100"_s); // read back from the store
    QCOMPARE(callerId->currentData().toString(), u"+16505550101"_s);

    // From a page: "Call from my desk phone" rings Pat's phone (the number their calls show),
    // then the patient's, and says where the call stands.
    Ui::DeskPhoneCall deskPhone(context);
    deskPhone.setTarget(scope, u"+16175550123"_s);
    QTRY_VERIFY(!deskPhone.isHidden()); // Pat has a line and a number their calls show: offered
    // Olga has no RingCentral line: nothing to call from, so no button.
    Ui::ConsoleContext olgasContext{*database, &*olga, &feed, nullptr, &providers};
    Ui::DeskPhoneCall olgasDeskPhone(olgasContext);
    QSignalSpy checked(&olgasDeskPhone, &Ui::DeskPhoneCall::lineChecked);
    olgasDeskPhone.setTarget(scope, u"+16175550123"_s);
    QVERIFY(checked.wait(10000));
    QVERIFY(olgasDeskPhone.isHidden());
    deskPhone.button()->click();
    QTRY_COMPARE_WITH_TIMEOUT(deskPhone.statusText(), u"Connected"_s, 15000);
    QCOMPARE(ringcentral.ringOuts().size(), 1);
    QCOMPARE(ringcentral.ringOuts().constFirst().from, u"+16505550101"_s);
    QCOMPARE(ringcentral.ringOuts().constFirst().to, u"+16175550123"_s);

    // The same from a CRM contact: chosen on the Contacts page, Pat is offered the desk phone.
    {
        Store::CrmRecord record;
        record.recordId = u"901"_s;
        record.name = u"Ana Ruiz"_s;
        record.phoneE164 = u"+16175550188"_s;
        record.phone = record.phoneE164;
        record.modifiedAt = 1;
        Store::CrmSyncState state;
        state.platform = u"hubspot"_s;
        std::optional<Status> stored;
        std::thread([&] { stored = Store::ContactStore(**database).storePage(scope, u"hubspot"_s, {record}, state); }).join();
        SB_VERIFY_OK(*stored);
        Ui::ContactsView contacts(context);
        contacts.show();
        contacts.showTenant({scope, u"Smile Dental"_s, Store::Role::Staff});
        QTRY_COMPARE_WITH_TIMEOUT(contacts.model()->rowCount(), 1, 10000);
        contacts.table()->selectRow(0);
        QTRY_VERIFY_WITH_TIMEOUT(!contacts.deskPhone()->isHidden(), 10000);
    }

    // Pat brings in their RingCentral calls from the card.
    ringcentral.addCalls(1001, 7, QDateTime::currentMSecsSinceEpoch() - 3'600'000);
    QSignalSpy callsSynced(view.ringCentral(), &Ui::RingCentralSection::callsSynced);
    button(u"Bring in my RingCentral calls"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!callsSynced.isEmpty(), 10000);
    QVERIFY2(card->callsText().contains(u"7 read, 7 new"_s) || card->callsText().contains(u"last brought in:"_s),
             qPrintable(card->callsText()));
    QTRY_VERIFY(card->callsText().contains(u"last brought in:"_s)); // the store's word, once read again
    std::optional<Result<QList<Store::CallRecord>>> calls;
    std::thread([&] { calls = Store::CallStore(**database).newest(scope, {}, 100); }).join();
    SB_VERIFY_OK(*calls);
    QCOMPARE((*calls)->size(), 7);

    // From the Messages page Pat texts a patient from their own RingCentral number: the text is in
    // Pat's line's conversation at once, its delivery follows, and the patient's reply comes in.
    {
        Ui::MessagesView messages(context);
        messages.resize(900, 700);
        messages.show();
        messages.showTenant({scope, u"Smile Dental"_s, Store::Role::Staff});
        QSignalSpy threadShown(&messages, &Ui::MessagesView::threadShown);
        QVERIFY(messages.open({Ui::Destination::Kind::Conversation, 0, u"sms"_s, u"+16175550188"_s, u"Ana Ruiz"_s}));
        QTRY_VERIFY_WITH_TIMEOUT(!threadShown.isEmpty(), 10000);
        QComboBox *line = messages.thread()->lineChoice();
        QTRY_VERIFY_WITH_TIMEOUT(line->findText(u"From my RingCentral number"_s) >= 0, 10000);
        line->setCurrentIndex(line->findText(u"From my RingCentral number"_s));
        messages.thread()->composer()->setPlainText(u"Your crown is ready"_s);
        QTRY_VERIFY(messages.thread()->sendButton()->isEnabled());
        messages.thread()->sendButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(ringcentral.textsOf(1001).size(), 1, 10000);
        QCOMPARE(ringcentral.textsOf(1001).first().from, u"+16505550100"_s);
        QCOMPARE(ringcentral.textsOf(1001).first().text, u"Your crown is ready"_s);
        ringcentral.receiveText(1001, u"+16175550188"_s, u"Great, thanks!"_s);
        ringcentral.moveTexts(1001, u"Delivered"_s);
        const Store::ConversationKey patsLine{u"sms"_s, u"+16175550188"_s, pat->staff().id};
        QTRY_VERIFY_WITH_TIMEOUT(messages.model()->rowOf(patsLine) >= 0, 10000);
        QVERIFY(messages.model()->index(messages.model()->rowOf(patsLine)).data().toString().contains(u"SMS, my line"_s));
        const auto shows = [&](const QString &text) { return messages.thread()->bubbles()->toPlainText().contains(text); };
        QTRY_VERIFY_WITH_TIMEOUT(shows(u"Great, thanks!"_s), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(shows(u"delivered"_s), 20000);
        if (const QString shots = qEnvironmentVariable("SB_SHOTS"); !shots.isEmpty()) // to look at it
            messages.grab().save(shots + u"/messages-own-line.png"_s);
        QVERIFY2(messages.thread()->findChild<QLabel *>() != nullptr, "a sender line");
    }

    // The owner sees Pat's connection among colleagues, and resets it.
    Ui::ConsoleContext ownerContext{*database, &*olga, &feed, nullptr, &providers};
    Ui::ConnectionsView ownerView(ownerContext);
    ownerView.resize(900, 800);
    ownerView.show();
    QSignalSpy ownerLoaded(ownerView.ringCentral(), &Ui::RingCentralSection::loaded);
    ownerView.showTenant({scope, u"Smile Dental"_s, Store::Role::Owner});
    QTRY_VERIFY(!ownerLoaded.isEmpty());
    QCOMPARE(ownerView.ringCentralCard()->stateText(), u"Not connected"_s);
    auto *table = ownerView.ringCentralCard()->findChild<QTableWidget *>();
    QVERIFY(table && table->isVisible());
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), u"pat"_s);
    QCOMPARE(table->item(0, 3)->text(), u"+1 650-555-0100"_s);
    const QString patsRefresh = ringcentral.lastRefreshToken();
    table->selectRow(0);
    acceptNextQuestion();
    ownerLoaded.clear();
    auto *resetColleague = ownerView.ringCentralCard()->findChild<QPushButton *>();
    const auto ownerButtons = ownerView.ringCentralCard()->findChildren<QPushButton *>();
    resetColleague = *std::find_if(ownerButtons.cbegin(), ownerButtons.cend(),
                                   [](auto *b) { return b->text() == u"Reset the selected connection…"_s; });
    QVERIFY(resetColleague->isEnabled());
    resetColleague->click();
    QTRY_VERIFY_WITH_TIMEOUT(!ownerLoaded.isEmpty(), 10000);
    QTRY_VERIFY(!table->isVisible());
    QVERIFY(!ringcentral.isRefreshTokenAlive(patsRefresh)); // given back (SQLite: the owner may read it)
    // Pat's own page hears of it and says so.
    QTRY_COMPARE_WITH_TIMEOUT(card->stateText(), u"Not connected"_s, 10000);
}

QTEST_MAIN(tst_ConnectionsView)
#include "tst_connectionsview.moc"
