// The console at a million calls (tests/bench/ui): one tenant with 1,000,000 calls and one with
// 1,000 (the baseline, measured in the same run), on SQLite and PostgreSQL. Measures what a
// user waits for: process start to first rows painted (the real `switchboard` binary), tenant
// switch to first rows painted, search to results painted, the longest GUI-thread stall while
// paging through the list with the keyboard, and the resident memory after it.
#include "../../support/testdatabase.h"

#include <core/store/callstore.h>
#include <core/store/sqlquery.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/views/calls/calllistmodel.h>
#include <ui/views/calls/callsview.h>
#include <ui/views/dashboard/dashboardview.h>
#include <ui/views/mainwindow.h>
#include <ui/views/messages/messagesview.h>
#include <ui/views/messages/threadlistmodel.h>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <algorithm>

using namespace Sb;

namespace {
constexpr int kBigTenant = 1'000'000;
constexpr int kSmallTenant = 1'000;
constexpr int kBigMessages = 100'000; // 5,000 people: the thread list shows the newest 500
constexpr int kSmallMessages = 1'000;

// count rows made on the server by one INSERT … SELECT over i = 1…count (%2 in insert), each
// with a person's number (%1): the area code, then four digits from `digits` (SQL of i).
Status insertSeries(Store::Database &database,
                    TenantId tenant,
                    int count,
                    const QString &insert,
                    const char *area,
                    const char *digits)
{
    const bool isPostgres = database.backend() == Store::Backend::Postgres;
    const QString series = isPostgres
        ? QStringLiteral("generate_series(1, :count) AS g(i)")
        : QStringLiteral("(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count) SELECT i FROM n) AS g");
    // Joined, not arg(): "%1555" and "%04d" would read as placeholders.
    const QString prefix = QStringLiteral("'+1") + QLatin1String(area) + QStringLiteral("555' || ");
    const QString number = isPostgres
        ? prefix + QStringLiteral("lpad((") + QLatin1String(digits) + QStringLiteral(")::text, 4, '0')")
        : prefix + QStringLiteral("printf('%04d', ") + QLatin1String(digits) + u')';
    const QString sql = insert.arg(number, series);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return database.adminTransaction(Store::TransactionMode::Write, [&](QSqlDatabase &db) {
        return Store::SqlQuery(db, sql)
            .bind(QStringLiteral(":tenant"), tenant.value())
            .bind(QStringLiteral(":count"), count)
            .bind(QStringLiteral(":now"), now)
            .exec();
    });
}

// The calls of one tenant in one statement on the server: a fifth summarised by the assistant,
// 10,000 callers (+1 617 555 0000-9999), one call every 30 s back from now.
Status fillCalls(Store::Database &database, TenantId tenant, int count)
{
    return insertSeries(database,
                        tenant,
                        count,
                        QStringLiteral(
        "INSERT INTO calls (tenant_id, provider, provider_call_id, direction, from_e164, to_e164,"
        " counterpart_e164, status, status_rank, started_at, ended_at, duration_seconds, summary,"
        " created_at, updated_at)"
        " SELECT :tenant, 'twilio', 'CA' || i, CASE WHEN i % 7 = 0 THEN 'outbound' ELSE 'inbound' END,"
        " %1, '+14155550100', %1, CASE WHEN i % 10 = 0 THEN 'no-answer' ELSE 'completed' END, 4,"
        " :now - CAST(i AS BIGINT) * 30000, :now - CAST(i AS BIGINT) * 30000 + 60000, 60,"
        " CASE WHEN i % 5 = 0 THEN 'Booked a cleaning for Tuesday, patient file f' || (i % 4999) END,"
        " :now, :now FROM %2"),
                        "617",
                        "i % 10000");
}

// count texts with people of the tenant, 20 per person, one in three ours, over 90 days.
Status fillMessages(Store::Database &database, TenantId tenant, int count)
{
    return insertSeries(database,
                        tenant,
                        count,
                        QStringLiteral(
        "INSERT INTO messages (tenant_id, channel, counterpart_e164, our_e164, direction, body, status,"
        " provider, provider_message_id, sent_at, created_at, updated_at)"
        " SELECT :tenant, 'sms', %1, '+14155550100', CASE WHEN i % 3 = 0 THEN 'outbound' ELSE 'inbound' END,"
        " 'Message ' || i, 'received', 'twilio', 'SMb' || :tenant || '-' || i,"
        " :now - CAST(i AS BIGINT) * 77000, :now, :now FROM %2"),
                        "857",
                        "i / 20");
}

qint64 residentKilobytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Runs events until the calls list has painted rows (after `since`), or the timeout.
qint64 untilRowsPainted(QAbstractItemView *table, const QElapsedTimer &since, int timeoutMs = 30000)
{
    struct PaintWatch : QObject
    {
        bool painted = false;
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                painted = true;
            return false;
        }
    } watch;
    table->viewport()->installEventFilter(&watch);
    while (since.elapsed() < timeoutMs) {
        watch.painted = false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (table->model()->rowCount() > 0 && watch.painted)
            break;
        table->viewport()->update();
    }
    table->viewport()->removeEventFilter(&watch);
    return since.elapsed();
}

struct Figures
{
    qint64 startMs = -1;
    qint64 switchMs = -1;
    qint64 searchWordMs = -1; // a rare word (a patient's file: 40 calls of a million, 1 of 1,000)
    qint64 searchCommonMs = -1; // a word of a fifth of the calls
    qint64 searchNumberMs = -1;
    qint64 oldestMs = -1; // Ctrl+End to the oldest calls painted
    qint64 longestStallMs = -1;
    int rowsScrolled = 0;
    qint64 residentMb = -1;
    qint64 threadsMs = -1; // tenant switch on the Messages page to its conversations painted
    qint64 dashboardMs = -1; // tenant switch on the Dashboard (30 days) to figures and charts painted
};

// The real console, started as a user starts it, until its first rows are painted.
qint64 startConsole(const QString &url, const QString &staff, const QProcessEnvironment &environment)
{
    QProcess console;
    QProcessEnvironment env = environment;
    env.insert(QStringLiteral("SB_PROBE_FIRST_ROWS"), QStringLiteral("quit"));
    console.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    console.start(QStringLiteral(SB_CONSOLE_PATH), {QStringLiteral("--db"), url, QStringLiteral("--staff"), staff});
    while (console.state() != QProcess::NotRunning || console.bytesAvailable() > 0) {
        console.waitForReadyRead(50);
        const QByteArray out = console.readAllStandardOutput();
        if (out.contains("first rows painted"))
            break;
        if (clock.elapsed() > 60000)
            break;
    }
    const qint64 elapsed = clock.elapsed();
    console.waitForFinished(10000);
    if (console.state() != QProcess::NotRunning)
        console.kill();
    return elapsed;
}

Figures measure(Ui::MainWindow &window, int bigIndex, int smallIndex)
{
    Figures figures;
    auto *calls = window.page<Ui::CallsView>();
    QTableView *table = calls->table();
    // Tenant switch, to the big tenant (from the small one).
    window.tenantSwitcher()->setCurrentIndex(smallIndex);
    untilRowsPainted(table, QElapsedTimer());
    QTest::qWait(300);
    {
        QElapsedTimer clock;
        clock.start();
        window.tenantSwitcher()->setCurrentIndex(bigIndex);
        figures.switchMs = untilRowsPainted(table, clock);
    }
    QTest::qWait(300);
    // Search: typed at once, results painted (the search waits for a 120 ms pause in typing:
    // included).
    auto searchFor = [&](const QString &text) {
        calls->searchBox()->clear();
        QTest::qWait(400);
        QSignalSpy loaded(calls->model(), &Ui::CallListModel::loaded);
        QElapsedTimer clock;
        clock.start();
        calls->searchBox()->setText(text);
        // The rows of the search, not the list before it: its first page must have arrived.
        while (loaded.isEmpty() && clock.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
        return untilRowsPainted(table, clock);
    };
    figures.searchWordMs = searchFor(QStringLiteral("f500"));
    figures.searchCommonMs = searchFor(QStringLiteral("cleaning"));
    figures.searchNumberMs = searchFor(QStringLiteral("(617) 555-0143"));
    calls->searchBox()->clear();
    QTest::qWait(500);
    while (calls->model()->isLoading())
        QTest::qWait(10);

    // Top to bottom with the keyboard: PageDown until the window's last row, each key and the
    // paint after it timed (what the user waits for between two keys).
    table->setFocus();
    table->setCurrentIndex(calls->model()->index(0, 0));
    qint64 longest = 0;
    QElapsedTimer total;
    total.start();
    while (total.elapsed() < 300000) {
        const int row = table->currentIndex().row();
        if (row >= calls->model()->rowCount() - 1 && !calls->model()->canFetchMore({})
            && !calls->model()->isLoading())
            break;
        QElapsedTimer step;
        step.start();
        QTest::keyClick(table, Qt::Key_PageDown);
        QCoreApplication::processEvents();
        longest = std::max(longest, step.elapsed());
        if (table->currentIndex().row() == row) // at the loaded end: the next page is on its way
            QTest::qWait(2);
    }
    figures.longestStallMs = longest;
    figures.rowsScrolled = table->currentIndex().row() + 1;
    figures.residentMb = residentKilobytes() / 1024;
    // Ctrl+End: the oldest calls, at once (not the 20,000 rows' window paged through).
    table->setFocus();
    {
        QSignalSpy loaded(calls->model(), &Ui::CallListModel::loaded);
        QElapsedTimer clock;
        clock.start();
        QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
        while (loaded.isEmpty() && clock.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
        figures.oldestMs = untilRowsPainted(table, clock);
    }
    // The Messages page: a tenant switch to its conversations painted (from the other tenant).
    window.showPage<Ui::MessagesView>();
    auto *messages = window.page<Ui::MessagesView>();
    window.tenantSwitcher()->setCurrentIndex(smallIndex);
    untilRowsPainted(messages->threads(), QElapsedTimer());
    QTest::qWait(300);
    {
        QSignalSpy loaded(messages->model(), &Ui::ThreadListModel::loaded);
        QElapsedTimer clock;
        clock.start();
        window.tenantSwitcher()->setCurrentIndex(bigIndex);
        while (loaded.isEmpty() && clock.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
        figures.threadsMs = untilRowsPainted(messages->threads(), clock);
    }
    // The Dashboard over 30 days (and the 30 before: 172,800 of the big tenant's calls).
    auto *dashboard = window.showPage<Ui::DashboardView>();
    auto untilSummed = [dashboard](const QElapsedTimer &clock) {
        while ((!dashboard->summary() || dashboard->isBusy()) && clock.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
        dashboard->repaint(); // the figures and charts, painted now
        return clock.elapsed();
    };
    dashboard->setPeriod(Store::ActivityPeriod::Month);
    window.tenantSwitcher()->setCurrentIndex(smallIndex);
    QElapsedTimer settle;
    settle.start();
    untilSummed(settle);
    QTest::qWait(300);
    {
        QElapsedTimer clock;
        clock.start();
        window.tenantSwitcher()->setCurrentIndex(bigIndex);
        figures.dashboardMs = untilSummed(clock);
    }
    window.showPage<Ui::CallsView>();
    return figures;
}
} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_ui"));
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QTextStream out(stdout);
    const QString only = qEnvironmentVariable("SB_BENCH_BACKEND");
    out << "ui benchmark: a tenant of " << kBigTenant << " calls and one of " << kSmallTenant
        << " (the baseline), offscreen\n";
    Test::TestDatabase databases;
    QTemporaryDir dir;
    for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
        if (!only.isEmpty() && backend != only)
            continue;
        auto database = databases.createMigrated(backend);
        if (!database) {
            qCritical("%s", qPrintable(database.error().message));
            return 1;
        }
        const bool isPostgres = backend == u"postgres";
        const QString suffix = QString::number(QRandomGenerator::global()->generate(), 36);
        const QString staff = isPostgres ? QStringLiteral("bench_staff_") + suffix : QStringLiteral("bench");
        const QString password = isPostgres ? QStringLiteral("bench-password-") + suffix : QString();
        Store::TenantStore tenants(**database);
        QElapsedTimer filling;
        filling.start();
        for (const auto &[name, count] : {std::pair{QStringLiteral("a-big-clinic"), kBigTenant},
                                          std::pair{QStringLiteral("b-small-clinic"), kSmallTenant}}) {
            auto tenant = tenants.add(name, {});
            auto member = tenant ? Store::StaffStore(**database).addToTenant(staff, *tenant, Store::Role::Staff)
                                 : Result<Store::StaffMember>(tenant.error());
            Status filled = member ? fillCalls(**database, tenant->id, count) : Status(member.error());
            if (filled)
                filled = fillMessages(**database, tenant->id, count == kBigTenant ? kBigMessages : kSmallMessages);
            if (filled && isPostgres)
                filled = Store::StaffStore(**database).setLogin(*member, password);
            if (!filled) {
                qCritical("%s", qPrintable(filled.error().message));
                return 1;
            }
        }
        if (isPostgres) {
            QSqlQuery analyze(*(*database)->connection());
            analyze.exec(QStringLiteral("ANALYZE"));
        }
        out << backend << ": stored " << kBigTenant + kSmallTenant << " calls in " << filling.elapsed() / 1000
            << " s\n";
        // SB_BENCH_EXPLAIN=1: how PostgreSQL plans a rare word's search, as the staff login.
        if (isPostgres && qEnvironmentVariableIntValue("SB_BENCH_EXPLAIN") == 1) {
            QUrl asStaff(databases.lastUrl());
            asStaff.setUserName(staff);
            Store::ConnectionOptions options;
            options.password = password;
            auto staffDb = Store::Database::open(*Store::DatabaseUrl::parse(asStaff.toString()), options);
            if (staffDb) {
                // What CallStore::search runs: the capped count, then the page (few: the
                // function's ids; many: the newest-first walk filtered by @@).
                // EXPLAIN takes no bound values: the words travel in a session setting, bound.
                const QString statements[] = {
                    QStringLiteral("SELECT COUNT(*) FROM sb_calls_matching((SELECT id FROM tenants WHERE name = "
                                   "'a-big-clinic'), current_setting('sb.bench_terms'), 5001)"),
                    QStringLiteral("SELECT id FROM calls WHERE tenant_id = (SELECT id FROM tenants WHERE name = "
                                   "'a-big-clinic') AND id IN (SELECT sb_calls_matching((SELECT id FROM tenants WHERE "
                                   "name = 'a-big-clinic'), "
                                   "current_setting('sb.bench_terms'), 5001)) ORDER BY started_at DESC, id DESC "
                                   "LIMIT 200"),
                    QStringLiteral("SELECT id FROM calls WHERE tenant_id = (SELECT id FROM tenants WHERE name = "
                                   "'a-big-clinic') AND search @@ to_tsquery('simple', current_setting("
                                   "'sb.bench_terms')) ORDER BY started_at DESC, id DESC LIMIT 200"),
                };
                for (const char *terms : {"f500:*", "cleaning:*"}) {
                    QSqlQuery setting(*(*staffDb)->connection());
                    setting.prepare(QStringLiteral("SELECT set_config('sb.bench_terms', :terms, false)"));
                    setting.bindValue(QStringLiteral(":terms"), QLatin1String(terms));
                    setting.exec();
                    for (const QString &statement : statements) {
                        QSqlQuery explain(*(*staffDb)->connection());
                        explain.exec(QStringLiteral("EXPLAIN (ANALYZE, BUFFERS) ") + statement);
                        while (explain.next())
                            out << "  " << explain.value(0).toString() << "\n";
                        out << explain.lastError().text() << "\n";
                    }
                }
            }
        }
        out.flush();
        QString url = databases.lastUrl();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(backend + QStringLiteral("-config")));
        {
            // The console opens on the Calls page (its first page is the Dashboard).
            QDir().mkpath(dir.filePath(backend + QStringLiteral("-config/Switchboard")));
            QFile settings(dir.filePath(backend + QStringLiteral("-config/Switchboard/switchboard.conf")));
            if (settings.open(QIODevice::WriteOnly))
                settings.write("[console]\nview=calls\n");
        }
        if (isPostgres) {
            QUrl asStaff(url);
            asStaff.setUserName(staff);
            url = asStaff.toString();
            const QString passFile = dir.filePath(QStringLiteral("pgpass"));
            QFile pass(passFile);
            pass.open(QIODevice::WriteOnly);
            pass.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
            pass.write(QStringLiteral("%1:%2:*:%3:%4\n").arg(asStaff.host()).arg(asStaff.port()).arg(staff, password).toUtf8());
            pass.close();
            environment.insert(QStringLiteral("PGPASSFILE"), passFile);
        }
        // Process start: three cold-ish starts, the console opening the big tenant (first in the
        // switcher), then the small one as the baseline.
        QList<qint64> starts;
        for (int i = 0; i < 3; ++i)
            starts.append(startConsole(url, staff, environment));
        std::sort(starts.begin(), starts.end());

        Ui::MainWindow window;
        window.show();
        QSignalSpy signedIn(&window, &Ui::MainWindow::signedIn);
        window.signIn(*Store::DatabaseUrl::parse(url), staff, password);
        if (!signedIn.wait(30000)) {
            qCritical("the console did not sign in");
            return 1;
        }
        window.showPage<Ui::CallsView>();
        const qint64 before = residentKilobytes() / 1024;
        const Figures small = measure(window, 1, 0); // the baseline: into the small tenant
        const Figures big = measure(window, 0, 1);
        out << backend << ": process start to first rows painted (median of 3): " << starts.at(1) << " ms (runs "
            << starts.at(0) << ", " << starts.at(1) << ", " << starts.at(2) << ")\n";
        auto row = [&](const char *what, qint64 bigValue, qint64 smallValue, const char *unit) {
            out << backend << ": " << what << ": " << bigValue << unit << " (1,000 calls: " << smallValue << unit
                << ")\n";
        };
        row("tenant switch to first rows painted", big.switchMs, small.switchMs, " ms");
        row("search for a rare word to results painted", big.searchWordMs, small.searchWordMs, " ms");
        row("search for a common word to results painted", big.searchCommonMs, small.searchCommonMs, " ms");
        row("search for a number to results painted", big.searchNumberMs, small.searchNumberMs, " ms");
        row("longest GUI stall paging to the bottom", big.longestStallMs, small.longestStallMs, " ms");
        row("rows paged through", big.rowsScrolled, small.rowsScrolled, "");
        row("Ctrl+End to the oldest calls painted", big.oldestMs, small.oldestMs, " ms");
        out << backend << ": Messages, tenant switch to conversations painted: " << big.threadsMs
            << " ms at " << kBigMessages << " messages (" << kSmallMessages << ": " << small.threadsMs << " ms)\n";
        out << backend << ": Dashboard (30 days), tenant switch to figures and charts painted: "
            << big.dashboardMs << " ms at " << kBigTenant << " calls (" << kSmallTenant
            << ": " << small.dashboardMs << " ms)\n";
        out << backend << ": resident memory: " << before << " MB signed in, " << big.residentMb
            << " MB after paging through both\n";
        out.flush();
    }
    return 0;
}
