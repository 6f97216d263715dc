#include "../fakes/fakeringcentral.h"
#include "../support/crmcontact.h"
#include "../support/questionbox.h"
#include "../support/ringcentralline.h"
#include "../support/scriptedbrowser.h"
#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/store/callstore.h>
#include <core/store/changefeed.h>
#include <core/store/contactstore.h>
#include <core/store/guithreadguard.h>
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
#include <ui/views/messages/messagesview.h>
#include <ui/views/messages/threadlistmodel.h>
#include <ui/views/messages/threadview.h>

#include <QComboBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <thread>

using namespace Sb;
using namespace Qt::StringLiterals;
using Test::acceptNextQuestion;

// A staff member's own RingCentral line across the console's pages, against a loopback
// RingCentral, with SQL on the GUI thread forbidden: the Connections page (connect, pick
// numbers, bring in calls; an owner resets a colleague), the desk-phone call from a page and
// from a CRM contact, and texts from the member's own number on the Messages page.
class tst_RingCentralView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(u"tst_ringcentralview"_s);
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void staffConnectTheirOwnRingCentral();
};

// RingCentral is each staff member's own: Pat (clinic staff) sees "Not connected" with the
// installation's shared app, signs in through the browser hook as their RingCentral user, is
// offered only numbers that can text (and, for caller id, those that can be shown), and keeps
// a choice; the clinic's owner sees Pat's connection among colleagues and resets it.
void tst_RingCentralView::staffConnectTheirOwnRingCentral()
{
    QTemporaryDir dir;
    Test::TestDatabase databases;
    auto database = databases.createMigrated(u"sqlite"_s);
    SB_VERIFY_OK(database);
    auto sealer = Test::createVault(**database, dir.filePath(u"vault.key"_s));
    SB_VERIFY_OK(sealer);
    SB_VERIFY_OK(Store::TenantStore(**database).add(u"clinic-a"_s, u"Smile Dental"_s));
    auto clinicScope = Tenancy::AdminSession(**database).scope(u"clinic-a"_s);
    SB_VERIFY_OK(clinicScope);
    const Store::TenantScope scope = *clinicScope;
    Fakes::FakeRingCentral ringcentral;
    ringcentral.setAutoGrant(true);
    ringcentral.addUser({1001, u"Pat Lee"_s, {u"+16505550100"_s, u"+16505550101"_s}});
    ringcentral.setSigningIn(1001);
    SB_VERIFY_OK(Test::shareRingCentralApp(**database, *sealer, ringcentral));
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
    providers.setSealer(std::make_shared<const Vault::Sealer>(*sealer));
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
        std::optional<Status> stored;
        std::thread([&] { stored = Test::storeCrmContact(**database, scope, u"901"_s, u"Ana Ruiz"_s, u"+16175550188"_s); }).join();
        SB_VERIFY_OK(*stored);
        Ui::ContactsView contacts(context);
        contacts.show();
        contacts.showTenant({scope, u"Smile Dental"_s, Store::Role::Staff});
        QTRY_COMPARE_WITH_TIMEOUT(contacts.model()->rowCount(), 1, 10000);
        contacts.table()->selectRow(0);
        QTRY_VERIFY_WITH_TIMEOUT(!contacts.deskPhone()->isHidden(), 10000);
        if (const QString shots = qEnvironmentVariable("SB_SHOTS"); !shots.isEmpty()) // to look at it
            contacts.grab().save(shots + u"/contacts-desk-phone.png"_s);
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

QTEST_MAIN(tst_RingCentralView)
#include "tst_ringcentralview.moc"
