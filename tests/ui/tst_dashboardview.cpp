#include "../support/testdatabase.h"

#include <core/store/callstore.h>
#include <core/store/guithreadguard.h>
#include <core/store/leadstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/views/dashboard/activitycharts.h>
#include <ui/views/dashboard/dashboardview.h>
#include <ui/views/dashboard/figurecard.h>
#include <ui/views/mainwindow.h>

#include <QAbstractButton>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTimeZone>

#include <thread>

using namespace Sb;
using namespace Qt::StringLiterals;

// The Dashboard on both backends, as a staff member (on PostgreSQL her own login, under
// row-level security) with SQL on the GUI thread forbidden: it is the page the console opens
// on; its figures are the clinic's own (another clinic's calls at the same times never count);
// a call stored by another connection shows within seconds; the period chosen is kept; a staff
// member does not see the quarantine.
class tst_DashboardView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_dashboardview"));
        QStandardPaths::setTestModeEnabled(true);
    }
    void init() { QSettings().clear(); }
    void theClinicsFiguresLiveAndKept_data() { Test::TestDatabase::addBackendRows(); }
    void theClinicsFiguresLiveAndKept();
    void theHourThatRepeatsHasTwoBars();

private:
    Test::TestDatabase m_databases;
};

namespace {

// A call of the tenant that started `minutesAgo` minutes ago and ended as `status` says.
Store::CallRecord callOf(int n, int minutesAgo, const QString &status)
{
    Store::CallRecord call;
    call.provider = u"twilio"_s;
    call.providerCallId = u"CA-dash-"_s + QString::number(n);
    call.fromE164 = u"+16175550100"_s;
    call.toE164 = u"+14155550100"_s;
    call.counterpartE164 = call.fromE164;
    call.status = status;
    call.startedAt = QDateTime::currentMSecsSinceEpoch() - qint64(minutesAgo) * 60 * 1000;
    return call;
}

// Runs store work off the GUI thread (where SQL is forbidden) and waits for it.
template<typename Work>
void offTheGuiThread(Work &&work)
{
    std::thread(std::forward<Work>(work)).join();
}

int stackedTotal(QChart *chart)
{
    int total = 0;
    for (QAbstractSeries *series : chart->series()) {
        if (auto *bars = qobject_cast<QStackedBarSeries *>(series)) {
            for (QBarSet *set : bars->barSets()) {
                for (int i = 0; i < set->count(); ++i)
                    total += int(set->at(i));
            }
        }
    }
    return total;
}

} // namespace

void tst_DashboardView::theClinicsFiguresLiveAndKept()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    for (const char *name : {"clinic-a", "clinic-b"})
        SB_VERIFY_OK(Store::TenantStore(**admin).add(QLatin1String(name), {}));
    auto carol = m_databases.member(*admin, u"carol"_s, u"clinic-a"_s);
    SB_VERIFY_OK(carol);
    auto clinicA = Tenancy::AdminSession(**admin).scope(u"clinic-a"_s);
    auto clinicB = Tenancy::AdminSession(**admin).scope(u"clinic-b"_s);
    SB_VERIFY_OK(clinicA);
    SB_VERIFY_OK(clinicB);
    // Clinic A today: two answered, one missed, one lead. Clinic B: the same and more.
    Store::CallStore calls(**admin);
    int n = 0;
    for (const auto &[scope, extra] : {std::pair{*clinicA, 0}, std::pair{*clinicB, 3}}) {
        for (const char *status : {"completed", "completed", "no-answer"})
            SB_VERIFY_OK(calls.insert(scope, callOf(++n, 1, QLatin1String(status))));
        for (int i = 0; i < extra; ++i)
            SB_VERIFY_OK(calls.insert(scope, callOf(++n, 2, u"completed"_s)));
        Store::Lead lead;
        lead.name = u"Lead "_s + QString::number(n);
        SB_VERIFY_OK(Store::LeadStore(**admin).add(scope, lead));
    }

    const Store::GuiThreadGuard guard; // from here on, SQL on this thread stops the test
    Ui::MainWindow window;
    window.show();
    QSignalSpy signedIn(&window, &Ui::MainWindow::signedIn);
    window.signIn(carol->database->url(), carol->staff.name, m_databases.memberPassword());
    QVERIFY(signedIn.wait(15000));
    auto *dashboard = window.page<Ui::DashboardView>();
    QVERIFY(dashboard);
    QCOMPARE(window.currentPage(), static_cast<Ui::Page *>(dashboard)); // the console's first page
    QTRY_VERIFY(dashboard->summary().has_value());
    QCOMPARE(dashboard->period(), Store::ActivityPeriod::Week);
    QCOMPARE(dashboard->card(u"calls"_s)->valueText(), u"3"_s);
    QCOMPARE(dashboard->card(u"answered"_s), nullptr); // cards are named by what they count
    QCOMPARE(dashboard->card(u"missed"_s)->valueText(), u"1"_s);
    QCOMPARE(dashboard->card(u"newLeads"_s)->valueText(), u"1"_s);
    QVERIFY(dashboard->card(u"calls"_s)->changeText().contains(u"the 7 days before"_s));
    QCOMPARE(stackedTotal(dashboard->charts()->callsChart()), 3);
    // A staff member is not shown the quarantine (it belongs to no clinic).
    QVERIFY(!dashboard->card(u"quarantined"_s)->isVisible());

    // A call stored by another connection (as `serve` would) shows within seconds.
    bool isStored = false;
    offTheGuiThread([&] { isStored = bool(calls.insert(*clinicA, callOf(++n, 0, u"busy"_s))); });
    QVERIFY(isStored);
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->card(u"calls"_s)->valueText(), u"4"_s, 8000);
    QCOMPARE(dashboard->card(u"missed"_s)->valueText(), u"2"_s);
    QCOMPARE(stackedTotal(dashboard->charts()->callsChart()), 4);
    // One for clinic B changes nothing here.
    QSignalSpy shown(dashboard, &Ui::DashboardView::summaryShown);
    offTheGuiThread([&] { isStored = bool(calls.insert(*clinicB, callOf(++n, 0, u"busy"_s))); });
    QVERIFY(isStored);
    shown.wait(3000);
    QCOMPARE(dashboard->card(u"calls"_s)->valueText(), u"4"_s);

    // Today, chosen by its button, is kept for the next start.
    QAbstractButton *today = nullptr;
    for (auto *button : dashboard->findChildren<QAbstractButton *>()) {
        if (button->text() == u"Today"_s)
            today = button;
    }
    QVERIFY(today);
    today->click();
    QTRY_COMPARE(dashboard->summary()->period, Store::ActivityPeriod::Today);
    QCOMPARE(dashboard->summary()->series.size(), 24);
    QVERIFY(dashboard->card(u"calls"_s)->changeText().contains(u"yesterday"_s));
    QCOMPARE(QSettings().value(u"dashboard/period"_s).toInt(), int(Store::ActivityPeriod::Today));
    QVERIFY(window.bannerText().isEmpty());
}

// The day daylight saving ends has 25 hours, 01:00 twice: each is its own bar, named apart
// (a category axis merges equal names, and the bars after would sit under the wrong hour).
void tst_DashboardView::theHourThatRepeatsHasTwoBars()
{
    const QTimeZone newYork("America/New_York");
    QVERIFY(newYork.isValid());
    Store::ActivitySummary summary;
    summary.period = Store::ActivityPeriod::Today;
    const QDateTime midnight(QDate(2026, 11, 1), QTime(0, 0), newYork);
    for (QDateTime hour = midnight; hour < midnight.addDays(1); hour = hour.addSecs(3600))
        summary.series.append({hour, {}});
    QCOMPARE(summary.series.size(), 25);

    Ui::ActivityCharts charts;
    charts.showSummary(summary);
    QBarCategoryAxis *hours = nullptr;
    for (QAbstractAxis *axis : charts.callsChart()->axes(Qt::Horizontal))
        hours = qobject_cast<QBarCategoryAxis *>(axis);
    QVERIFY(hours);
    QStringList names = hours->categories();
    QCOMPARE(names.size(), 25);
    QCOMPARE(names.at(1), u"01 EDT"_s);
    QCOMPARE(names.at(2), u"01 EST"_s);
    QCOMPARE(names.at(3), u"02"_s);
    QCOMPARE(names.removeDuplicates(), 0);
}

QTEST_MAIN(tst_DashboardView)
#include "tst_dashboardview.moc"
