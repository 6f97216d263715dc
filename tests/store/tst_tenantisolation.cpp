#include "../support/testdatabase.h"

#include <core/store/callstore.h>
#include <core/store/phonenumberstore.h>
#include <core/store/staffstore.h>
#include <core/tenancy/staffsession.h>
#include <core/store/tenantstore.h>

#include <QSet>

using namespace Sb;
using namespace Sb::Store;
using Sb::Store::TenantScope;

// Every repository, on both backends: tenant A never sees, changes or deletes B's rows.
class tst_TenantIsolation : public QObject
{
    Q_OBJECT

private slots:
    void numbersAreIsolated_data() { Test::TestDatabase::addBackendRows(); }
    void numbersAreIsolated();
    void callsAreIsolated_data() { Test::TestDatabase::addBackendRows(); }
    void callsAreIsolated();
    void keysetPagingVisitsEveryCallOnce_data() { Test::TestDatabase::addBackendRows(); }
    void keysetPagingVisitsEveryCallOnce();
    void staffSessionScopesOnlyMemberTenants();

private:
    struct TwoTenants
    {
        std::shared_ptr<Database> database;
        Store::Tenant tenantA;
        Store::Tenant tenantB;
        std::optional<TenantScope> a;
        std::optional<TenantScope> b;
    };
    Result<TwoTenants> twoTenants(const QString &backend);

    Test::TestDatabase m_databases;
};

Result<tst_TenantIsolation::TwoTenants> tst_TenantIsolation::twoTenants(const QString &backend)
{
    auto database = m_databases.createMigrated(backend);
    if (!database)
        return database.error();
    Store::TenantStore tenants(**database);
    auto a = tenants.add(QStringLiteral("clinic-a"), QStringLiteral("Clinic A"));
    auto b = tenants.add(QStringLiteral("clinic-b"), QStringLiteral("Clinic B"));
    if (!a || !b)
        return a ? b.error() : a.error();
    TwoTenants result{*database, *a, *b, {}, {}};
    Tenancy::AdminSession admin(**database);
    result.a = *admin.scope(QStringLiteral("clinic-a"));
    result.b = *admin.scope(QString::number(b->id.value()));
    return result;
}

static PhoneNumber number(const QString &e164, const QString &label)
{
    PhoneNumber number;
    number.e164 = e164;
    number.label = label;
    number.providerAccountId = QStringLiteral("AC0123456789abcdef0123456789abcdef");
    return number;
}

void tst_TenantIsolation::numbersAreIsolated()
{
    QFETCH(QString, backend);
    auto setup = twoTenants(backend);
    SB_VERIFY_OK(setup);
    PhoneNumberStore numbers(*setup->database);
    SB_VERIFY_OK(
        numbers.add(*setup->a, number(QStringLiteral("+14155550100"), QStringLiteral("A main"))));
    auto bNumber =
        numbers.add(*setup->b, number(QStringLiteral("+12125550100"), QStringLiteral("B main")));
    SB_VERIFY_OK(bNumber);

    auto listA = numbers.list(*setup->a);
    SB_VERIFY_OK(listA);
    QCOMPARE(listA->size(), 1);
    QCOMPARE(listA->first().e164, QStringLiteral("+14155550100"));
    auto listB = numbers.list(*setup->b);
    SB_VERIFY_OK(listB);
    QCOMPARE(listB->size(), 1);
    QCOMPARE(listB->first().e164, QStringLiteral("+12125550100"));

    // A cannot find, relabel or delete B's number, even knowing its id and E.164.
    QCOMPARE(numbers.find(*setup->a, QStringLiteral("+12125550100")).error().code,
             ErrorCode::NotFound);
    QCOMPARE(numbers.setLabel(*setup->a, bNumber->id, QStringLiteral("hijacked")).error().code,
             ErrorCode::NotFound);
    QCOMPARE(numbers.remove(*setup->a, QStringLiteral("+12125550100")).error().code,
             ErrorCode::NotFound);
    auto stillB = numbers.find(*setup->b, QStringLiteral("+12125550100"));
    SB_VERIFY_OK(stillB);
    QCOMPARE(stillB->label, QStringLiteral("B main"));

    // A number has one owner per provider: B cannot claim A's number.
    const auto claimed = numbers.add(*setup->b, number(QStringLiteral("+14155550100"), {}));
    QVERIFY(!claimed);
    QCOMPARE(claimed.error().code, ErrorCode::AlreadyExists);

    // B's own changes work.
    SB_VERIFY_OK(numbers.setLabel(*setup->b, bNumber->id, QStringLiteral("B reception")));
    SB_VERIFY_OK(numbers.remove(*setup->b, QStringLiteral("+12125550100")));
    QCOMPARE(numbers.list(*setup->b)->size(), 0);
    QCOMPARE(numbers.list(*setup->a)->size(), 1);
}

static CallRecord call(const QString &sid, const QString &counterpart, qint64 startedAt)
{
    CallRecord call;
    call.provider = QStringLiteral("twilio");
    call.providerCallId = sid;
    call.fromE164 = counterpart;
    call.toE164 = QStringLiteral("+14155550100");
    call.counterpartE164 = counterpart;
    call.status = QStringLiteral("completed");
    call.startedAt = startedAt;
    call.durationSeconds = 42;
    return call;
}

void tst_TenantIsolation::callsAreIsolated()
{
    QFETCH(QString, backend);
    auto setup = twoTenants(backend);
    SB_VERIFY_OK(setup);
    CallStore calls(*setup->database);
    const QString shared = QStringLiteral("+15550001111"); // one caller who phoned both clinics
    SB_VERIFY_OK(calls.insert(*setup->a, call(QStringLiteral("CA-a1"), shared, 1000)));
    SB_VERIFY_OK(calls.insert(*setup->a,
                              call(QStringLiteral("CA-a2"), QStringLiteral("+15550002222"), 2000)));
    auto bCall = calls.insert(*setup->b, call(QStringLiteral("CA-b1"), shared, 1500));
    SB_VERIFY_OK(bCall);

    auto newestA = calls.newest(*setup->a, {}, 100);
    SB_VERIFY_OK(newestA);
    QCOMPARE(newestA->size(), 2);
    QCOMPARE(newestA->at(0).providerCallId, QStringLiteral("CA-a2"));
    QCOMPARE(newestA->at(1).providerCallId, QStringLiteral("CA-a1"));

    auto byNumberA = calls.byCounterpart(*setup->a, shared, 100);
    SB_VERIFY_OK(byNumberA);
    QCOMPARE(byNumberA->size(), 1);
    QCOMPARE(byNumberA->first().providerCallId, QStringLiteral("CA-a1"));
    auto byNumberB = calls.byCounterpart(*setup->b, shared, 100);
    SB_VERIFY_OK(byNumberB);
    QCOMPARE(byNumberB->size(), 1);
    QCOMPARE(byNumberB->first().providerCallId, QStringLiteral("CA-b1"));

    QCOMPARE(calls.remove(*setup->a, *bCall).error().code, ErrorCode::NotFound);
    QCOMPARE(calls.newest(*setup->b, {}, 100)->size(), 1);
    SB_VERIFY_OK(calls.remove(*setup->b, *bCall));
    QCOMPARE(calls.newest(*setup->b, {}, 100)->size(), 0);
    QCOMPARE(calls.newest(*setup->a, {}, 100)->size(), 2);
}

void tst_TenantIsolation::keysetPagingVisitsEveryCallOnce()
{
    QFETCH(QString, backend);
    auto setup = twoTenants(backend);
    SB_VERIFY_OK(setup);
    CallStore calls(*setup->database);
    // Equal start times on purpose: the id breaks ties, so no row is skipped or repeated.
    for (int i = 0; i < 25; ++i) {
        SB_VERIFY_OK(calls.insert(*setup->a,
                                  call(QStringLiteral("CA-a%1").arg(i),
                                       QStringLiteral("+15550003333"),
                                       10'000 + (i / 3) * 1000)));
    }
    SB_VERIFY_OK(calls.insert(
        *setup->b, call(QStringLiteral("CA-b"), QStringLiteral("+15550003333"), 50'000)));
    QSet<QString> seen;
    CallCursor cursor;
    qint64 previous = std::numeric_limits<qint64>::max();
    for (int page = 0; page < 10; ++page) {
        auto rows = calls.newest(*setup->a, cursor, 10);
        SB_VERIFY_OK(rows);
        if (rows->isEmpty())
            break;
        for (const CallRecord &row : std::as_const(*rows)) {
            QVERIFY(row.startedAt <= previous);
            previous = row.startedAt;
            QVERIFY2(!seen.contains(row.providerCallId), qPrintable(row.providerCallId));
            seen.insert(row.providerCallId);
        }
        cursor = {rows->last().startedAt, rows->last().id};
    }
    QCOMPARE(seen.size(), 25);
    QVERIFY(!seen.contains(QStringLiteral("CA-b")));
}

void tst_TenantIsolation::staffSessionScopesOnlyMemberTenants()
{
    // SQLite signs in by staff name; PostgreSQL by login, which tst_RowLevelSecurity covers.
    auto setup = twoTenants(QStringLiteral("sqlite"));
    SB_VERIFY_OK(setup);
    Store::StaffStore staff(*setup->database);
    SB_VERIFY_OK(staff.addToTenant(QStringLiteral("alice"), setup->tenantA, Store::Role::Admin));
    auto session = Tenancy::StaffSession::signIn(*setup->database, QStringLiteral("alice"));
    SB_VERIFY_OK(session);
    QCOMPARE(session->memberships().size(), 1);
    QCOMPARE(session->memberships().first().tenant.name, QStringLiteral("clinic-a"));
    SB_VERIFY_OK(session->scope(setup->tenantA.id));
    const auto denied = session->scope(setup->tenantB.id);
    QVERIFY(!denied);
    QCOMPARE(denied.error().code, ErrorCode::AccessDenied);

    const auto stranger =
        Tenancy::StaffSession::signIn(*setup->database, QStringLiteral("mallory"));
    QVERIFY(!stranger);
    QCOMPARE(stranger.error().code, ErrorCode::AccessDenied);
}

QTEST_GUILESS_MAIN(tst_TenantIsolation)
#include "tst_tenantisolation.moc"
