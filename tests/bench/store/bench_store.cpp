#include "../../support/testdatabase.h"

#include <core/store/callstore.h>
#include <core/store/sqlquery.h>
#include <core/store/staffstore.h>
#include <core/tenancy/staffsession.h>
#include <core/store/tenantstore.h>

#include <QElapsedTimer>
#include <QRandomGenerator>

using namespace Sb;
using namespace Sb::Store;

// 1,000,000 calls across 100 tenants on each backend (SB_BENCH_CALLS to change the count):
// the newest 100 calls of one tenant, calls by a counterpart number, and the insert rate of
// CallStore::insert (one transaction per call, as the ingest server writes).
class bench_Store : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstPage_data() { backendRows(); }
    void firstPage();
    void secondPage_data() { backendRows(); }
    void secondPage();
    void findByNumber_data() { backendRows(); }
    void findByNumber();
    void insertRate_data() { Test::TestDatabase::addBackendRows(); }
    void insertRate();

private:
    struct Loaded
    {
        std::shared_ptr<Database> admin;
        std::shared_ptr<Database> staff; // PostgreSQL: a staff login, so RLS is in the path
        QList<Store::Tenant> tenants;
    };
    static void backendRows();
    Result<Loaded> load(const QString &backend);
    Database &database(const QString &connection);

    Test::TestDatabase m_databases;
    QHash<QString, Loaded> m_loaded;
    int m_callCount = 1'000'000;
};

void bench_Store::backendRows()
{
    QTest::addColumn<QString>("connection");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres-staff-rls") << QStringLiteral("postgres-staff");
    QTest::newRow("postgres-admin") << QStringLiteral("postgres");
}

Database &bench_Store::database(const QString &connection)
{
    if (connection == u"postgres-staff")
        return *m_loaded[QStringLiteral("postgres")].staff;
    return *m_loaded[connection].admin;
}

Result<bench_Store::Loaded> bench_Store::load(const QString &backend)
{
    auto database = m_databases.createMigrated(backend);
    if (!database)
        return database.error();
    Loaded loaded{*database, *database, {}};
    Store::TenantStore directory(**database);
    for (int i = 0; i < 100; ++i) {
        auto tenant =
            directory.add(QStringLiteral("tenant-%1").arg(i, 3, 10, QLatin1Char('0')), {});
        if (!tenant)
            return tenant.error();
        loaded.tenants.append(*tenant);
    }
    QElapsedTimer timer;
    timer.start();
    const qint64 firstTenant = loaded.tenants.first().id.value();
    auto status = (*database)->adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
        // Bulk load in SQL: the interesting insert figure is insertRate below.
        return SqlQuery(
                   db,
                   backend == u"sqlite"
                       ? QStringLiteral(
                           "INSERT INTO calls (tenant_id, provider, provider_call_id, direction,"
                           " from_e164, to_e164, counterpart_e164, status, started_at,"
                           " duration_seconds, created_at, updated_at)"
                           " WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq"
                           " WHERE n < :count - 1)"
                           " SELECT :first + n % 100, 'twilio', printf('CA%032x', n), 'inbound',"
                           " printf('+1555%07d', n % 50000), '+14155550100',"
                           " printf('+1555%07d', n % 50000), 'completed',"
                           " 1700000000000 + n * 1000, 60, 0, 0 FROM seq")
                       : QStringLiteral(
                           "INSERT INTO calls (tenant_id, provider, provider_call_id, direction,"
                           " from_e164, to_e164, counterpart_e164, status, started_at,"
                           " duration_seconds, created_at, updated_at)"
                           " SELECT :first + n % 100, 'twilio', 'CA' || lpad(to_hex(n), 32, '0'),"
                           " 'inbound', '+1555' || lpad(CAST(n % 50000 AS text), 7, '0'),"
                           " '+14155550100', '+1555' || lpad(CAST(n % 50000 AS text), 7, '0'),"
                           " 'completed', 1700000000000 + n * 1000, 60, 0, 0"
                           " FROM generate_series(0, :count - 1) AS n"))
            .bind(QStringLiteral(":count"), m_callCount)
            .bind(QStringLiteral(":first"), firstTenant)
            .exec();
    });
    if (!status)
        return status.error();
    auto connection = (*database)->connection();
    QSqlQuery(*connection)
        .exec(backend == u"sqlite" ? QStringLiteral("ANALYZE")
                                   : QStringLiteral("VACUUM ANALYZE calls"));
    qInfo("%s: loaded %d calls across 100 tenants in %.1f s",
          qPrintable(backend),
          m_callCount,
          timer.elapsed() / 1000.0);
    if (backend == u"postgres") {
        Store::StaffStore staff(**database);
        const QString name =
            QStringLiteral("bench_%1").arg(QRandomGenerator::global()->generate(), 0, 36);
        const QString password = QStringLiteral("bench-password-") + name;
        auto member = staff.addToTenant(name, loaded.tenants.at(42), Store::Role::Staff);
        if (!member)
            return member.error();
        if (auto login = staff.setLogin(*member, password); !login)
            return login.error();
        auto staffDb = m_databases.connectAs(name, password);
        if (!staffDb)
            return staffDb.error();
        loaded.staff = *staffDb;
    }
    return loaded;
}

void bench_Store::initTestCase()
{
    m_callCount = qEnvironmentVariableIntValue("SB_BENCH_CALLS");
    if (m_callCount <= 0)
        m_callCount = 1'000'000;
    for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
        auto loaded = load(backend);
        SB_VERIFY_OK(loaded);
        m_loaded.insert(backend, *loaded);
    }
}

static Result<Store::TenantScope> tenant42(Database &database)
{
    return Tenancy::AdminSession(database).scope(QStringLiteral("tenant-042"));
}

void bench_Store::firstPage()
{
    QFETCH(QString, connection);
    Database &db = database(connection);
    auto scope = tenant42(db);
    SB_VERIFY_OK(scope);
    CallStore calls(db);
    QBENCHMARK
    {
        auto page = calls.newest(*scope, {}, 100);
        QCOMPARE(page ? page->size() : -1, 100);
    }
}

void bench_Store::secondPage()
{
    QFETCH(QString, connection);
    Database &db = database(connection);
    auto scope = tenant42(db);
    SB_VERIFY_OK(scope);
    CallStore calls(db);
    auto first = calls.newest(*scope, {}, 100);
    SB_VERIFY_OK(first);
    const CallCursor cursor{first->last().startedAt, first->last().id};
    QBENCHMARK
    {
        auto page = calls.newest(*scope, cursor, 100);
        QCOMPARE(page ? page->size() : -1, 100);
    }
}

void bench_Store::findByNumber()
{
    QFETCH(QString, connection);
    Database &db = database(connection);
    auto scope = tenant42(db);
    SB_VERIFY_OK(scope);
    CallStore calls(db);
    // n % 100 == 42 and n % 50000 == 42 for n = 42 + 50000k: 20 calls per million rows.
    QBENCHMARK
    {
        auto found = calls.byCounterpart(*scope, QStringLiteral("+15550000042"), 100);
        QVERIFY(found && !found->isEmpty());
    }
}

void bench_Store::insertRate()
{
    QFETCH(QString, backend);
    Database &db = *m_loaded[backend].admin;
    auto scope = tenant42(db);
    SB_VERIFY_OK(scope);
    CallStore calls(db);
    const int count = backend == u"sqlite" ? 2000 : 5000;
    CallRecord call;
    call.provider = QStringLiteral("twilio");
    call.fromE164 = call.counterpartE164 = QStringLiteral("+15559990000");
    call.toE164 = QStringLiteral("+14155550100");
    call.status = QStringLiteral("ringing");
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        call.providerCallId = QStringLiteral("CA-bench-%1").arg(i);
        call.startedAt = 1800000000000 + i;
        SB_VERIFY_OK(calls.insert(*scope, call));
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    qInfo("%s: %d inserts, one transaction each, in %.2f s = %.0f calls/s",
          qPrintable(backend),
          count,
          seconds,
          count / seconds);
}

QTEST_GUILESS_MAIN(bench_Store)
#include "bench_store.moc"
