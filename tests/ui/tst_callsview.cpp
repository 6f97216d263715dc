#include "callsconsole.h"

#include "../support/crmcontact.h"

#include <core/store/callstore.h>
#include <core/store/guithreadguard.h>
#include <core/store/leadstore.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/views/calls/calldetailview.h>
#include <ui/views/calls/callfilterbar.h>
#include <ui/views/calls/calllistmodel.h>
#include <ui/views/calls/callsview.h>
#include <ui/views/mainwindow.h>

#include <QComboBox>
#include <QDateEdit>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>

using namespace Sb;
using namespace Qt::StringLiterals;

// The Calls page, offscreen, on both backends, with SQL on the GUI thread forbidden: only the
// chosen tenant's calls reach the model, pages load as the list scrolls, a call stored through
// another connection appears without a refresh and the selection stays, and a call's transcript
// shows as speaker turns.
class tst_CallsView : public QObject, private Test::CallsConsole
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Settings of this test alone: suites run side by side.
        QCoreApplication::setApplicationName(QStringLiteral("tst_callsview"));
        QStandardPaths::setTestModeEnabled(true);
    }
    void init() { QSettings().clear(); }
    void onlyTheTenantsCallsPageByPage_data() { Test::TestDatabase::addBackendRows(); }
    void onlyTheTenantsCallsPageByPage();
    void aCallStoredElsewhereAppearsAndTheSelectionStays_data()
    {
        Test::TestDatabase::addBackendRows();
    }
    void aCallStoredElsewhereAppearsAndTheSelectionStays();
    void transcriptShowsAsSpeakerTurns();
    void ctrlEndShowsTheOldestAndScrollingUpBringsNewer();
    void aNoteIsAddedAndEditedFromTheDetail();
    void aPersonsNameShowsBesideItsNumberInItsTenantOnly();
    void aTransferredCallSaysSoAndIsFilteredApart();
    void searchFindsANumberInAnyFormatAndWordsSaid_data() { Test::TestDatabase::addBackendRows(); }
    void searchFindsANumberInAnyFormatAndWordsSaid();

private:
};

void tst_CallsView::onlyTheTenantsCallsPageByPage()
{
    QFETCH(QString, backend);
    auto setup = twoTenants(backend, 450, 30);
    SB_VERIFY_OK(setup);
    const Store::GuiThreadGuard guard; // from here on, SQL on this thread stops the test
    auto window = openConsole();
    QVERIFY(window);
    auto *calls = window->page<Ui::CallsView>();
    QVERIFY(calls);
    QCOMPARE(window->currentPage(), calls);
    Ui::CallListModel *model = calls->model();
    QTRY_COMPARE(model->rowCount(), Ui::CallListModel::kPageSize); // the first page only
    QVERIFY(std::all_of(shownCounterparts(*model).cbegin(),
                        shownCounterparts(*model).cend(),
                        [](const QString &e164) { return e164.startsWith(u"+1617"); }));
    // Newest first.
    QCOMPARE(model->callAt(0)->counterpartE164, u"+16175550449"_s);
    // Scrolling to the end loads the rest, page by page.
    for (int i = 0; i < 3 && model->rowCount() < 450; ++i) {
        calls->table()->scrollToBottom();
        const int before = model->rowCount();
        QTRY_VERIFY(model->rowCount() > before);
    }
    QCOMPARE(model->rowCount(), 450);
    QVERIFY(!model->canFetchMore({}));

    // Tenant B: its 30 calls, none of A's, not even for a moment after the switch.
    window->tenantSwitcher()->setCurrentIndex(1);
    QVERIFY(model->rowCount() == 0
            || shownCounterparts(*model).values().first().startsWith(u"+1212"));
    QTRY_COMPARE(model->rowCount(), 30);
    for (const QString &e164 : shownCounterparts(*model))
        QVERIFY2(e164.startsWith(u"+1212"), qPrintable(e164));
    QVERIFY(window->windowTitle().startsWith(u"clinic-b"));
}

void tst_CallsView::aCallStoredElsewhereAppearsAndTheSelectionStays()
{
    QFETCH(QString, backend);
    auto setup = twoTenants(backend, 5, 0);
    SB_VERIFY_OK(setup);
    auto window = openConsole();
    QVERIFY(window);
    auto *calls = window->page<Ui::CallsView>();
    QTRY_COMPARE(calls->model()->rowCount(), 5);
    calls->table()->setCurrentIndex(calls->model()->index(2, 0));
    const CallId selected = calls->selectedCall();
    QVERIFY(selected.isValid());

    // Another connection (as another process would) stores a call for A, and one for B.
    auto elsewhere = Store::Database::open(*Store::DatabaseUrl::parse(m_adminUrl));
    SB_VERIFY_OK(elsewhere);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    SB_VERIFY_OK(Store::CallStore(**elsewhere).insert(setup->b, call(u"+12125550999"_s, now)));
    SB_VERIFY_OK(Store::CallStore(**elsewhere).insert(setup->a, call(u"+16175550999"_s, now)));
    QTRY_COMPARE_WITH_TIMEOUT(calls->model()->rowCount(), 6, 2000);
    QCOMPARE(calls->model()->callAt(0)->counterpartE164, u"+16175550999"_s);
    QCOMPARE(calls->selectedCall(), selected); // the same call, one row lower
    QCOMPARE(calls->table()->currentIndex().row(), 3);
    QVERIFY(!shownCounterparts(*calls->model()).contains(u"+12125550999"_s));
}

void tst_CallsView::ctrlEndShowsTheOldestAndScrollingUpBringsNewer()
{
    auto setup = twoTenants(QStringLiteral("sqlite"), 450, 0);
    SB_VERIFY_OK(setup);
    const Store::GuiThreadGuard guard;
    auto window = openConsole();
    QVERIFY(window);
    auto *calls = window->page<Ui::CallsView>();
    Ui::CallListModel *model = calls->model();
    QTRY_COMPARE(model->rowCount(), Ui::CallListModel::kPageSize);
    // Ctrl+End: the oldest call at once, chosen, without loading the 250 between.
    calls->table()->setFocus();
    QTest::keyClick(calls->table(), Qt::Key_End, Qt::ControlModifier);
    QTRY_VERIFY(model->rowCount() > 0 && !model->isLoading()
                && calls->selectedCall() == model->callAt(model->rowCount() - 1)->id);
    QCOMPARE(model->callAt(model->rowCount() - 1)->counterpartE164, u"+16175550000"_s);
    QCOMPARE(model->rowCount(), Ui::CallListModel::kPageSize);
    QVERIFY(model->canFetchNewer());
    QVERIFY(!model->canFetchMore({})); // nothing older
    // Scrolling up brings the newer pages above, the chosen call staying chosen.
    const CallId chosen = calls->selectedCall();
    for (int i = 0; i < 3 && model->canFetchNewer(); ++i) {
        const int before = model->rowCount();
        calls->table()->scrollToTop();
        QTRY_VERIFY(model->rowCount() > before && !model->isLoading());
    }
    QTRY_COMPARE(model->rowCount(), 450);
    QCOMPARE(model->callAt(0)->counterpartE164, u"+16175550449"_s);
    QCOMPARE(calls->selectedCall(), chosen);
    // Ctrl+Home: the newest again.
    QTest::keyClick(calls->table(), Qt::Key_Home, Qt::ControlModifier);
    QTRY_COMPARE(model->rowCount(), Ui::CallListModel::kPageSize);
    QCOMPARE(model->callAt(0)->counterpartE164, u"+16175550449"_s);
    QVERIFY(model->canFetchMore({}));
}

void tst_CallsView::transcriptShowsAsSpeakerTurns()
{
    auto setup = twoTenants(QStringLiteral("sqlite"), 0, 0);
    SB_VERIFY_OK(setup);
    // The assistant's report, as VAPI sends it, through the store's own merge.
    Store::CallReport report;
    report.vapiCallId = QStringLiteral("vapi-1");
    report.customerE164 = QStringLiteral("+16175550143");
    report.ourE164 = QStringLiteral("+14155550100");
    report.startedAt = QDateTime::currentMSecsSinceEpoch() - 60'000;
    report.endedAt = report.startedAt + 45'000;
    report.summary = QStringLiteral("Booked a cleaning for Tuesday at 9.");
    report.endedReason = QStringLiteral("customer-ended-call");
    report.transcriptJson = QString::fromUtf8(
        QJsonDocument(
            QJsonArray{QJsonObject{{u"role"_s, u"system"_s}, {u"message"_s, u"You are…"_s}},
                       QJsonObject{{u"role"_s, u"bot"_s},
                                   {u"message"_s, u"Smile Dental, how can I help?"_s},
                                   {u"secondsFromStart"_s, 0.4}},
                       QJsonObject{{u"role"_s, u"user"_s},
                                   {u"message"_s, u"I need a cleaning."_s},
                                   {u"secondsFromStart"_s, 3.2}}})
            .toJson(QJsonDocument::Compact));
    SB_VERIFY_OK(setup->admin->transaction(
        setup->a, Store::TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
            auto applied = Store::CallStore(*setup->admin).applyIn(db, setup->a, report);
            return applied ? ok() : Status(applied.error());
        }));
    auto window = openConsole();
    QVERIFY(window);
    auto *calls = window->page<Ui::CallsView>();
    QSignalSpy shown(calls, &Ui::CallsView::callShown);
    QTRY_COMPARE(calls->model()->rowCount(), 1);
    QTRY_VERIFY(!shown.isEmpty()); // the first call is opened, and loaded whole
    QListWidget *turns = calls->detail()->transcript();
    QCOMPARE(turns->count(), 2); // the system prompt is no turn
    QVERIFY(turns->item(0)->text().contains(u"Assistant"));
    QVERIFY(turns->item(0)->text().contains(u"Smile Dental"));
    QVERIFY(turns->item(1)->text().startsWith(u"0:03"));
    QVERIFY(turns->item(1)->text().contains(u"Caller"));
    QVERIFY(calls->detail()->summaryText().contains(u"Tuesday at 9"));
    QCOMPARE(calls->model()->index(0, Ui::CallListModel::DurationColumn).data().toString(),
             u"0:45"_s);
    QCOMPARE(calls->model()->index(0, Ui::CallListModel::CounterpartColumn).data().toString(),
             u"(617) 555-0143"_s);
}

void tst_CallsView::aNoteIsAddedAndEditedFromTheDetail()
{
    auto setup = twoTenants(QStringLiteral("sqlite"), 3, 0);
    SB_VERIFY_OK(setup);
    const Store::GuiThreadGuard guard;
    auto window = openConsole();
    QVERIFY(window);
    auto *calls = window->page<Ui::CallsView>();
    QSignalSpy notesShown(calls, &Ui::CallsView::notesShown);
    QTRY_COMPARE(calls->model()->rowCount(), 3);
    QTRY_VERIFY(!notesShown.isEmpty());
    Ui::CallDetailView *detail = calls->detail();
    QVERIFY(!detail->saveNoteButton()->isEnabled()); // nothing typed yet
    QTest::keyClicks(detail->noteEditor(), u"Called back, booked Tuesday."_s);
    QVERIFY(detail->saveNoteButton()->isEnabled());
    notesShown.clear();
    QTest::mouseClick(detail->saveNoteButton(), Qt::LeftButton);
    QTRY_VERIFY(!notesShown.isEmpty());
    QCOMPARE(detail->notes()->count(), 1);
    QVERIFY(detail->notes()->item(0)->text().startsWith(m_staff + u" · "_s));
    QVERIFY(detail->notes()->item(0)->text().endsWith(u"Called back, booked Tuesday."));
    QVERIFY(detail->noteEditor()->toPlainText().isEmpty()); // ready for the next one

    // The author changes it: the list says it was edited.
    detail->notes()->setCurrentRow(0);
    QTest::keyClick(detail->notes(), Qt::Key_Return); // keyboard-first: Enter opens it
    QCOMPARE(detail->noteEditor()->toPlainText(), u"Called back, booked Tuesday."_s);
    detail->noteEditor()->setPlainText(u"Booked Tuesday 9:00."_s);
    notesShown.clear();
    QTest::mouseClick(detail->saveNoteButton(), Qt::LeftButton);
    // (A reload the first note's own change started may land first: wait for the edit.)
    QTRY_VERIFY(!notesShown.isEmpty() && detail->notes()->count() == 1
                && detail->notes()->item(0)->text().contains(u"(edited)"));
    QVERIFY(detail->notes()->item(0)->text().endsWith(u"Booked Tuesday 9:00."));
    QCOMPARE(window->bannerText(), QString());
}

void tst_CallsView::searchFindsANumberInAnyFormatAndWordsSaid()
{
    QFETCH(QString, backend);
    auto setup = twoTenants(backend, 40, 5); // +1617555NNNN and +1212555NNNN
    SB_VERIFY_OK(setup);
    // Two calls of A with what was said, one of B saying the same: B's never shows.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Store::CallRecord cleaning = call(u"+16175550143"_s, now);
    cleaning.summary = u"Booked a cleaning for Tuesday."_s;
    cleaning.transcript = u"User: I need a cleaning.\nAI: Tuesday at nine?"_s;
    Store::CallRecord billing = call(u"+15085550120"_s, now - 1);
    billing.summary = u"Question about the bill; call back."_s;
    Store::CallRecord other = call(u"+12125550143"_s, now);
    other.summary = u"Booked a cleaning too."_s;
    SB_VERIFY_OK(Store::CallStore(*setup->admin).insert(setup->a, cleaning));
    SB_VERIFY_OK(Store::CallStore(*setup->admin).insert(setup->a, billing));
    SB_VERIFY_OK(Store::CallStore(*setup->admin).insert(setup->b, other));
    Store::CallRecord old = call(u"+16175550777"_s, now - 100LL * 24 * 3600 * 1000);
    Store::CallRecord missed = call(u"+16175550888"_s, now - 2);
    missed.status = u"no-answer"_s;
    SB_VERIFY_OK(Store::CallStore(*setup->admin).insert(setup->a, old));
    SB_VERIFY_OK(Store::CallStore(*setup->admin).insert(setup->a, missed));
    const Store::GuiThreadGuard guard;
    auto window = openConsole();
    QVERIFY(window);
    auto *calls = window->page<Ui::CallsView>();
    QTRY_COMPARE(calls->model()->rowCount(), 44);

    const auto shown = [calls] {
        return shownCounterparts(*calls->model());
    };
    // A number as people write it.
    calls->searchBox()->setText(u"(617) 555-0143"_s);
    QTRY_COMPARE(shown(), QSet<QString>{u"+16175550143"_s});
    // Part of one.
    calls->searchBox()->setText(u"555-0120"_s);
    QTRY_COMPARE(shown(), QSet<QString>{u"+15085550120"_s});
    // Words said, as the start of a word, any case, in summary or transcript.
    calls->searchBox()->setText(u"CLEAN tues"_s);
    QTRY_COMPARE(shown(), QSet<QString>{u"+16175550143"_s});
    calls->searchBox()->setText(u"nine"_s); // only in the transcript
    QTRY_COMPARE(shown(), QSet<QString>{u"+16175550143"_s});
    // What would be query syntax is only text.
    calls->searchBox()->setText(u"bill\"* ) -"_s);
    QTRY_COMPARE(shown(), QSet<QString>{u"+15085550120"_s});
    QCOMPARE(window->bannerText(), QString());
    calls->searchBox()->setText(u"nothing-like-this"_s);
    QTRY_COMPARE(calls->model()->rowCount(), 0);
    QCOMPARE(window->bannerText(), QString());
    // Cleared: every call again.
    calls->searchBox()->clear();
    QTRY_COMPARE(calls->model()->rowCount(), 44);
    // A new search keeps the rows shown until its own arrive: loading never blanks a list.
    QSignalSpy searched(calls->model(), &Ui::CallListModel::loaded);
    calls->model()->setSearch(Ui::CallListModel::searchOf(u"555-0120"_s, u"US"_s));
    QCOMPARE(calls->model()->rowCount(), 44);
    QVERIFY(searched.wait(5000));
    QCOMPARE(shown(), QSet<QString>{u"+15085550120"_s});
    calls->model()->setSearch({});
    QTRY_COMPARE(calls->model()->rowCount(), 44);
    // Filters: how it ended, since when, which way; with words too.
    calls->outcomeFilter()->setCurrentIndex(calls->outcomeFilter()->findText(u"Missed"_s));
    QTRY_COMPARE(shown(), QSet<QString>{u"+16175550888"_s});
    calls->outcomeFilter()->setCurrentIndex(0);
    calls->whenFilter()->setCurrentIndex(calls->whenFilter()->findText(u"Last 90 days"_s));
    QTRY_COMPARE(calls->model()->rowCount(), 43); // not the call of 100 days ago
    // Between two dates, whole days: only the call of 100 days ago.
    calls->whenFilter()->setCurrentIndex(calls->whenFilter()->findText(u"Between dates…"_s));
    QVERIFY(calls->filters()->fromDate()->isVisible());
    const QDate hundredDaysAgo = QDateTime::fromMSecsSinceEpoch(old.startedAt).date();
    calls->filters()->fromDate()->setDate(hundredDaysAgo.addDays(-1));
    calls->filters()->toDate()->setDate(hundredDaysAgo);
    QTRY_COMPARE(shown(), QSet<QString>{u"+16175550777"_s});
    calls->filters()->toDate()->setDate(hundredDaysAgo.addDays(-1)); // the day before: none
    QTRY_COMPARE(calls->model()->rowCount(), 0);
    calls->whenFilter()->setCurrentIndex(calls->whenFilter()->findText(u"Last 90 days"_s));
    QVERIFY(!calls->filters()->fromDate()->isVisible());
    QTRY_COMPARE(calls->model()->rowCount(), 43);
    calls->directionFilter()->setCurrentIndex(calls->directionFilter()->findText(u"Outgoing"_s));
    QTRY_COMPARE(calls->model()->rowCount(), 0);
    calls->directionFilter()->setCurrentIndex(calls->directionFilter()->findText(u"Incoming"_s));
    calls->searchBox()->setText(u"cleaning"_s);
    QTRY_COMPARE(shown(), QSet<QString>{u"+16175550143"_s});
}

void tst_CallsView::aPersonsNameShowsBesideItsNumberInItsTenantOnly()
{
    auto setup = twoTenants(QStringLiteral("sqlite"), 0, 0);
    SB_VERIFY_OK(setup);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // The same number is a lead of both clinics, under different names.
    for (const auto &[scope, name] :
         {std::pair{setup->a, u"Jane Roe"_s}, std::pair{setup->b, u"J. R."_s}}) {
        Store::Lead lead;
        lead.name = name;
        lead.phoneE164 = u"+16175550143"_s;
        SB_VERIFY_OK(Store::LeadStore(*setup->admin).add(scope, lead));
        SB_VERIFY_OK(Store::CallStore(*setup->admin).insert(scope, call(u"+16175550143"_s, now)));
    }
    // CRM contacts name the numbers no lead has, each in its own clinic: the other clinic's
    // are stored first, so a lookup that ignored the tenant would find theirs.
    auto &admin = *setup->admin;
    SB_VERIFY_OK(Test::storeCrmContact(admin, setup->b, u"b-1"_s, u"Not Ours"_s, u"+16175550199"_s));
    SB_VERIFY_OK(Test::storeCrmContact(admin, setup->b, u"b-2"_s, u"Theirs Only"_s, u"+16175550177"_s));
    SB_VERIFY_OK(Test::storeCrmContact(admin, setup->a, u"a-1"_s, u"Sam Lee"_s, u"+16175550199"_s));
    // The clinic's own lead comes before its CRM's name for the same number.
    SB_VERIFY_OK(Test::storeCrmContact(admin, setup->a, u"a-2"_s, u"Janet R. (CRM)"_s, u"+16175550143"_s));
    SB_VERIFY_OK(Store::CallStore(admin).insert(setup->a, call(u"+16175550199"_s, now - 1)));
    SB_VERIFY_OK(Store::CallStore(admin).insert(setup->a, call(u"+16175550177"_s, now - 2)));
    auto window = openConsole();
    QVERIFY(window);
    auto *calls = window->page<Ui::CallsView>();
    QTRY_COMPARE(calls->model()->rowCount(), 3);
    const auto name = [&](int row) {
        return calls->model()->index(row, Ui::CallListModel::NameColumn).data().toString();
    };
    QCOMPARE(name(0), u"Jane Roe"_s);
    QCOMPARE(name(1), u"Sam Lee"_s);
    QCOMPARE(name(2), QString());
    window->tenantSwitcher()->setCurrentIndex(1);
    QTRY_COMPARE(calls->model()->rowCount(), 1);
    QCOMPARE(name(0), u"J. R."_s);
}

// The assistant handed a call on to a person (VAPI's assistant-forwarded-call): the list says
// "Transferred", and the Transferred filter shows it alone, apart from the assistant's own.
void tst_CallsView::aTransferredCallSaysSoAndIsFilteredApart()
{
    auto setup = twoTenants(QStringLiteral("sqlite"), 0, 0);
    SB_VERIFY_OK(setup);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Store::CallRecord handedOn = call(u"+16175550143"_s, now);
    handedOn.vapiCallId = u"vapi-handed-on"_s;
    handedOn.endedReason = u"assistant-forwarded-call"_s;
    Store::CallRecord handled = call(u"+16175550199"_s, now - 1);
    handled.vapiCallId = u"vapi-handled"_s;
    handled.endedReason = u"customer-ended-call"_s;
    SB_VERIFY_OK(Store::CallStore(*setup->admin).insert(setup->a, handedOn));
    SB_VERIFY_OK(Store::CallStore(*setup->admin).insert(setup->a, handled));
    const Store::GuiThreadGuard guard;
    auto window = openConsole();
    QVERIFY(window);
    auto *calls = window->page<Ui::CallsView>();
    QTRY_COMPARE(calls->model()->rowCount(), 2);
    QCOMPARE(calls->model()->index(0, Ui::CallListModel::OutcomeColumn).data().toString(),
             u"Transferred"_s);
    QCOMPARE(calls->model()->index(1, Ui::CallListModel::OutcomeColumn).data().toString(),
             u"Assistant"_s);
    calls->outcomeFilter()->setCurrentIndex(calls->outcomeFilter()->findText(u"Transferred"_s));
    QTRY_COMPARE(shownCounterparts(*calls->model()), QSet<QString>{u"+16175550143"_s});
    calls->outcomeFilter()->setCurrentIndex(calls->outcomeFilter()->findText(u"Assistant"_s));
    QTRY_COMPARE(shownCounterparts(*calls->model()), QSet<QString>{u"+16175550199"_s});
}

QTEST_MAIN(tst_CallsView)
#include "tst_callsview.moc"
