#include "../support/testdatabase.h"

#include <core/store/callstore.h>
#include <core/store/guithreadguard.h>
#include <core/store/leadstore.h>
#include <core/store/messagestore.h>
#include <core/store/tenantstore.h>
#include <ui/views/calls/callsview.h>
#include <ui/views/leads/leaddetailview.h>
#include <ui/views/leads/leadlistmodel.h>
#include <ui/views/leads/leadsview.h>
#include <ui/views/mainwindow.h>
#include <ui/views/messages/messagesview.h>
#include <ui/views/messages/threadlistmodel.h>

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>

#include <thread>

using namespace Sb;
using namespace Qt::StringLiterals;

// The Leads page on both backends, signed in as a staff member (on PostgreSQL with a login of
// her own, under row-level security) and with SQL on the GUI thread forbidden: a lead is
// created with a number typed any way and stored in E.164, edited, found by name, number and
// email, narrowed by status; another clinic's leads never show; one number is one lead; a lead's
// calls and texts show newest first and open on the Calls page.
class tst_LeadsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_leadsview"));
        QStandardPaths::setTestModeEnabled(true);
    }
    void init() { QSettings().clear(); }
    void createEditSearchInOneTenantOnly_data() { Test::TestDatabase::addBackendRows(); }
    void createEditSearchInOneTenantOnly();
    void aLeadsCallsAndTextsShowAndOpen();

private:
    // carol, staff of clinic-a (and of clinic-b too when both), signed in on the Leads page.
    std::unique_ptr<Ui::MainWindow> openConsole(const QString &backend);
    static QStringList shownNames(const Ui::LeadListModel &model);
    // Types into the detail's form and saves; waits for the save's outcome.
    static void fill(Ui::LeadDetailView *detail,
                     const QString &name,
                     const QString &phone,
                     const QString &email,
                     const QString &status);

    Test::TestDatabase m_databases;
    std::shared_ptr<Store::Database> m_admin;
    std::optional<Test::TestDatabase::Member> m_carol;
    std::optional<Store::TenantScope> m_otherClinic;
};

std::unique_ptr<Ui::MainWindow> tst_LeadsView::openConsole(const QString &backend)
{
    auto admin = m_databases.createMigrated(backend);
    if (!admin)
        return nullptr;
    m_admin = *admin;
    for (const char *name : {"clinic-a", "clinic-b"}) {
        if (!Store::TenantStore(*m_admin).add(QLatin1String(name), {}))
            return nullptr;
    }
    auto carol = m_databases.member(m_admin, u"carol"_s, u"clinic-a"_s);
    if (!carol)
        return nullptr;
    m_carol = *carol;
    auto other = Tenancy::AdminSession(*m_admin).scope(u"clinic-b"_s);
    if (!other)
        return nullptr;
    m_otherClinic = *other;
    QSettings().setValue(u"console/view"_s, u"leads"_s);
    auto window = std::make_unique<Ui::MainWindow>();
    window->show();
    QSignalSpy signedIn(window.get(), &Ui::MainWindow::signedIn);
    window->signIn(m_carol->database->url(), m_carol->staff.name, m_databases.memberPassword());
    if (!signedIn.wait(15000))
        return nullptr;
    return window;
}

QStringList tst_LeadsView::shownNames(const Ui::LeadListModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names.append(model.leadAt(row)->name);
    return names;
}

void tst_LeadsView::fill(Ui::LeadDetailView *detail,
                         const QString &name,
                         const QString &phone,
                         const QString &email,
                         const QString &status)
{
    detail->nameEdit()->setText(name);
    detail->phoneEdit()->setText(phone);
    detail->emailEdit()->setText(email);
    detail->statusBox()->setCurrentIndex(detail->statusBox()->findData(status));
}

void tst_LeadsView::createEditSearchInOneTenantOnly()
{
    QFETCH(QString, backend);
    auto window = openConsole(backend);
    QVERIFY(window);
    // Another clinic's lead, with a name and number that would match every search below.
    Store::Lead foreign;
    foreign.name = u"Ana Other-Clinic"_s;
    foreign.phoneE164 = u"+16175550143"_s;
    SB_VERIFY_OK(Store::LeadStore(*m_admin).add(*m_otherClinic, foreign));
    const Store::GuiThreadGuard guard; // from here on, no SQL on this thread

    auto *leads = window->page<Ui::LeadsView>();
    QVERIFY(leads);
    QTRY_VERIFY(!leads->isBusy());
    QCOMPARE(leads->model()->rowCount(), 0);
    Ui::LeadDetailView *detail = leads->detail();

    // New lead: the number typed as people write it is stored in E.164.
    QTest::keyClick(leads, Qt::Key_N, Qt::ControlModifier);
    QVERIFY(detail->isNew());
    fill(detail, u"Ana López"_s, u"(617) 555-0143"_s, u"ana@example.org"_s, u"new"_s);
    detail->sourceEdit()->setText(u"web form"_s);
    QSignalSpy saved(leads, &Ui::LeadsView::leadSaved);
    detail->saveButton()->click();
    QVERIFY(saved.wait(5000));
    QTRY_COMPARE(leads->model()->rowCount(), 1);
    QCOMPARE(leads->model()->leadAt(0)->phoneE164, u"+16175550143"_s);
    QTRY_COMPARE(leads->chosenLead(), saved.first().first().value<LeadId>()); // once its row is in

    // A second lead; one whose number is Ana's is refused, saying whose it is.
    QTest::keyClick(leads, Qt::Key_N, Qt::ControlModifier);
    fill(detail, u"Bruno Díaz"_s, u"617.555.0199"_s, u"bruno@example.org"_s, u"contacted"_s);
    saved.clear();
    detail->saveButton()->click();
    QVERIFY(saved.wait(5000));
    QTRY_COMPARE(leads->model()->rowCount(), 2);
    QTest::keyClick(leads, Qt::Key_N, Qt::ControlModifier);
    fill(detail, u"Ana again"_s, u"+1 617 555 0143"_s, {}, u"new"_s);
    detail->saveButton()->click();
    QTRY_VERIFY(detail->formError().contains(u"Ana López"_s));
    QCOMPARE(detail->nameEdit()->text(), u"Ana again"_s); // what was typed stays
    detail->phoneEdit()->setText(u"not a number"_s);
    detail->saveButton()->click();
    QTRY_VERIFY(!detail->formError().isEmpty());
    QTest::qWait(200); // a window for a row that must not come
    QCOMPARE(leads->model()->rowCount(), 2);

    // Edit: Bruno was booked.
    const int bruno = int(shownNames(*leads->model()).indexOf(u"Bruno Díaz"_s));
    QVERIFY(bruno >= 0);
    leads->table()->setCurrentIndex(leads->model()->index(bruno, 0));
    QTRY_COMPARE(detail->nameEdit()->text(), u"Bruno Díaz"_s);
    detail->statusBox()->setCurrentIndex(detail->statusBox()->findData(u"booked"_s));
    detail->notesEdit()->setPlainText(u"Cleaning on Tuesday"_s);
    saved.clear();
    detail->saveButton()->click();
    QVERIFY(saved.wait(5000));
    QTRY_COMPARE(leads->model()
                     ->leadAt(leads->model()->rowOf(saved.first().first().value<LeadId>()))
                     ->status,
                 u"booked"_s);

    // Search: a name part in any case, a number in another format, an email; a status.
    auto searchFor = [&](const QString &text) {
        QSignalSpy loaded(leads->model(), &Ui::LeadListModel::loaded);
        leads->searchBox()->setText(text);
        loaded.wait(5000);
        return shownNames(*leads->model());
    };
    QCOMPARE(searchFor(u"ana"_s), QStringList{u"Ana López"_s});
    QCOMPARE(searchFor(u"617-555-0143"_s), QStringList{u"Ana López"_s});
    QCOMPARE(searchFor(u"0199"_s), QStringList{u"Bruno Díaz"_s});
    QCOMPARE(searchFor(u"BRUNO@"_s), QStringList{u"Bruno Díaz"_s});
    QCOMPARE(searchFor(u"100%_"_s), QStringList{}); // LIKE's wildcards are plain characters
    QCOMPARE(searchFor(QString()).size(), 2);
    leads->statusFilter()->setCurrentIndex(leads->statusFilter()->findData(u"booked"_s));
    QTRY_COMPARE(shownNames(*leads->model()), QStringList{u"Bruno Díaz"_s});
    QVERIFY(!shownNames(*leads->model()).contains(foreign.name));
    QCOMPARE(window->bannerText(), QString());

    // A lead half typed stays while someone else adds one (the list reloads).
    leads->statusFilter()->setCurrentIndex(0);
    QTRY_COMPARE(leads->model()->rowCount(), 2);
    QTest::keyClick(leads, Qt::Key_N, Qt::ControlModifier);
    detail->nameEdit()->setText(u"Half typed"_s);
    bool isAdded = false; // by another connection, off this thread (no SQL on it)
    std::thread([&] {
        Store::Lead other;
        other.name = u"Zoe Added-Elsewhere"_s;
        isAdded = bool(Store::LeadStore(*m_admin).add(m_carol->scope, other));
    }).join();
    QVERIFY(isAdded);
    QTRY_COMPARE(leads->model()->rowCount(), 3);
    QVERIFY(detail->isNew());
    QCOMPARE(detail->nameEdit()->text(), u"Half typed"_s);
}

void tst_LeadsView::aLeadsCallsAndTextsShowAndOpen()
{
    auto window = openConsole(u"sqlite"_s);
    QVERIFY(window);
    Store::Lead ana;
    ana.name = u"Ana López"_s;
    ana.phoneE164 = u"+16175550143"_s;
    auto added = Store::LeadStore(*m_admin).add(m_carol->scope, ana);
    SB_VERIFY_OK(added);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<CallId> calls;
    for (int i = 0; i < 2; ++i) {
        Store::CallRecord call;
        call.provider = u"twilio"_s;
        call.providerCallId = u"CA-ana-%1"_s.arg(i);
        call.fromE164 = call.counterpartE164 = ana.phoneE164;
        call.toE164 = u"+14155550100"_s;
        call.status = u"completed"_s;
        call.startedAt = now - 3'600'000 * (2 - i); // two hours ago, then one
        call.summary = i == 0 ? u"Asked about whitening"_s : u"Booked a cleaning"_s;
        auto id = Store::CallStore(*m_admin).insert(m_carol->scope, call);
        SB_VERIFY_OK(id);
        calls.append(*id);
    }
    Store::MessageRecord text;
    text.channel = u"sms"_s;
    text.counterpartE164 = ana.phoneE164;
    text.ourE164 = u"+14155550100"_s;
    text.isInbound = false;
    text.body = u"See you Tuesday at 9"_s;
    text.status = u"delivered"_s;
    text.provider = u"twilio"_s;
    text.providerMessageId = u"SM-ana"_s;
    text.sentAt = now - 60'000;
    SB_VERIFY_OK(Store::MessageStore(*m_admin).recordOutbound(m_carol->scope, text));
    const Store::GuiThreadGuard guard;

    auto *leads = window->page<Ui::LeadsView>();
    QSignalSpy shown(leads, &Ui::LeadsView::leadShown);
    QTRY_COMPARE(leads->model()->rowCount(), 1);
    QTRY_COMPARE(leads->chosenLead(), added->id); // the first lead is chosen on its own
    QTRY_VERIFY(!shown.isEmpty());
    QListWidget *activity = leads->detail()->activityList();
    QTRY_COMPARE(activity->count(), 3);
    QVERIFY(activity->item(0)->text().contains(u"See you Tuesday"_s)); // newest first
    QVERIFY(activity->item(1)->text().contains(u"Booked a cleaning"_s));
    QVERIFY(activity->item(2)->text().contains(u"whitening"_s));

    // The older call opens on the Calls page, found by the lead's number and chosen.
    auto *callsPage = window->page<Ui::CallsView>();
    emit activity->itemActivated(activity->item(2));
    QTRY_COMPARE(callsPage->selectedCall(), calls.first());
    QCOMPARE(window->currentPage(), static_cast<Ui::Page *>(callsPage));

    // "Text" opens her conversation on the Messages page.
    auto *messagesPage = window->showPage<Ui::MessagesView>();
    // Her conversation is already listed (and chosen, being the only one): Text shows it anyway.
    QTRY_COMPARE(messagesPage->model()->rowCount(), 1);
    QTest::qWait(500); // its first loads are over: what follows is the click's doing
    window->showPage<Ui::LeadsView>();
    QSignalSpy threadShown(messagesPage, &Ui::MessagesView::threadShown);
    QVERIFY(leads->detail()->textButton()->isEnabled());
    leads->detail()->textButton()->click();
    QTRY_COMPARE(window->currentPage(), static_cast<Ui::Page *>(messagesPage));
    QTRY_VERIFY(!threadShown.isEmpty());
    QCOMPARE(threadShown.last().at(1).toString(), ana.phoneE164);
}

QTEST_MAIN(tst_LeadsView)
#include "tst_leadsview.moc"
