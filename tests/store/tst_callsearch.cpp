#include "../support/testdatabase.h"

#include <core/store/callstore.h>
#include <core/store/sqlquery.h>
#include <core/store/tenantstore.h>

using namespace Sb;
using namespace Qt::StringLiterals;

// A search of the call log picks one of three plans by how many calls match its words (the
// newest calls first on PostgreSQL, the text index's ids when few match, a filtered walk when
// many do). Whatever the plan, the pages must be exactly the matching calls of the searcher's
// tenant, newest (or oldest) first, each once. The calls are generated so that every word
// lands on a different plan and the expected calls follow from a formula.
class tst_CallSearch : public QObject
{
    Q_OBJECT

private slots:
    void everyPlanPagesThroughExactlyTheTenantsMatches_data()
    {
        Test::TestDatabase::addBackendRows();
    }
    void everyPlanPagesThroughExactlyTheTenantsMatches();

private:
    Test::TestDatabase m_databases;
};

namespace {

constexpr int kCalls = 30000; // call i (1 = newest) started i seconds before kNewest
constexpr qint64 kNewest = 1'800'000'000'000;
constexpr int kPage = 200;

// The words of call i's summary.
bool saysCleaning(int i)
{
    return i % 3 == 0;
} // common: the newest calls fill a page
bool saysImplant(int i)
{
    return i > 22000;
} // 8,000 of the oldest: a filtered walk
bool saysCrown(int i)
{
    return i % 1000 == 7;
} // 30: the text index's ids
bool saysBridge(int i)
{
    return i > 21000 && i % 4 == 0;
} // 2,250, old: ids, many pages
bool isMissed(int i)
{
    return i % 10 == 0;
}

Status fill(Store::Database &database, TenantId tenant, int count, bool isOtherTenant)
{
    const bool isPostgres = database.backend() == Store::Backend::Postgres;
    const QString series = isPostgres
        ? u"generate_series(1, :count) AS g(i)"_s
        : u"(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
          " WHERE i < :count) SELECT i FROM n) AS g"_s;
    // The other tenant's calls say every word: none may ever reach this tenant's pages.
    const QString summary = isOtherTenant
        ? u"'cleaning implant crown bridge'"_s
        : u"(CASE WHEN i % 3 = 0 THEN 'cleaning ' ELSE '' END)"
          " || (CASE WHEN i > 22000 THEN 'implant ' ELSE '' END)"
          " || (CASE WHEN i % 1000 = 7 THEN 'crown ' ELSE '' END)"
          " || (CASE WHEN i > 21000 AND i % 4 = 0 THEN 'bridge ' ELSE '' END) || 'visit'"_s;
    const QString sql =
        u"INSERT INTO calls (tenant_id, provider, provider_call_id, direction, from_e164, to_e164,"
        " counterpart_e164, status, status_rank, started_at, summary, created_at, updated_at)"
        " SELECT :tenant, 'twilio', :prefix || i, 'inbound', '+16175550100', '+14155550100',"
        " '+16175550100', CASE WHEN i % 10 = 0 THEN 'no-answer' ELSE 'completed' END, 4,"
        " :newest - CAST(i AS BIGINT) * 1000, %1, 0, 0 FROM %2"_s.arg(summary, series);
    return database.adminTransaction(Store::TransactionMode::Write, [&](QSqlDatabase &db) {
        return Store::SqlQuery(db, sql)
            .bind(u":tenant"_s, tenant.value())
            .bind(u":prefix"_s, isOtherTenant ? u"OTHER"_s : u"CA"_s)
            .bind(u":count"_s, count)
            .bind(u":newest"_s, kNewest)
            .exec();
    });
}

} // namespace

void tst_CallSearch::everyPlanPagesThroughExactlyTheTenantsMatches()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    auto clinic = Store::TenantStore(**admin).add(u"clinic-a"_s, {});
    auto other = Store::TenantStore(**admin).add(u"clinic-b"_s, {});
    SB_VERIFY_OK(clinic);
    SB_VERIFY_OK(other);
    SB_VERIFY_OK(fill(**admin, clinic->id, kCalls, false));
    SB_VERIFY_OK(fill(**admin, other->id, 3000, true));
    // On PostgreSQL as a staff login, under row-level security, as the console searches.
    auto maria = m_databases.member(*admin, u"maria"_s, u"clinic-a"_s);
    SB_VERIFY_OK(maria);
    Store::CallStore calls(*maria->database);

    struct Case
    {
        const char *words;
        std::function<bool(int)> matches;
        bool isMissedOnly = false;
        Store::CallOrder order = Store::CallOrder::NewestFirst;
        int pagesToRead = 1000; // all
    };
    const Case cases[] = {
        {"cleaning", saysCleaning, false, Store::CallOrder::NewestFirst, 3},
        {"clean", saysCleaning, true, Store::CallOrder::NewestFirst, 3}, // a prefix, missed calls
        {"implant", saysImplant, false, Store::CallOrder::NewestFirst, 3},
        {"implant", saysImplant, false, Store::CallOrder::OldestFirst, 3},
        {"crown", saysCrown},
        {"bridge", saysBridge},
        {"bridge visit", saysBridge, false, Store::CallOrder::OldestFirst},
        {"crown implant",
         [](int i) {
             return saysCrown(i) && saysImplant(i);
         }},
        {"nothing",
         [](int) {
             return false;
         }},
    };
    for (const Case &c : cases) {
        const QString label = u"%1 (%2%3)"_s.arg(
            QLatin1String(c.words),
            c.order == Store::CallOrder::NewestFirst ? u"newest first"_s : u"oldest first"_s,
            c.isMissedOnly ? u", missed"_s : QString());
        QStringList expected;
        for (int k = 1; k <= kCalls; ++k) {
            const int i = c.order == Store::CallOrder::NewestFirst ? k : kCalls + 1 - k;
            if (c.matches(i) && (!c.isMissedOnly || isMissed(i)))
                expected.append(u"CA"_s + QString::number(i));
        }
        Store::CallSearch search;
        search.words = QString::fromLatin1(c.words).split(u' ');
        if (c.isMissedOnly)
            search.outcome = Store::CallSearch::Outcome::Missed;
        QStringList found;
        Store::CallCursor after;
        for (int page = 0; page < c.pagesToRead; ++page) {
            auto rows = calls.search(maria->scope, search, after, kPage, c.order);
            SB_VERIFY_OK(rows);
            for (const Store::CallRecord &call : *rows)
                found.append(call.providerCallId);
            if (rows->size() < kPage)
                break;
            after = {rows->last().startedAt, rows->last().id};
        }
        const int read = qMin<qsizetype>(expected.size(), qsizetype(c.pagesToRead) * kPage);
        QVERIFY2(found.size() == read,
                 qPrintable(u"%1: %2 calls, expected %3"_s.arg(label).arg(found.size()).arg(read)));
        QVERIFY2(found == expected.mid(0, read), qPrintable(label));
    }
}

QTEST_GUILESS_MAIN(tst_CallSearch)
#include "tst_callsearch.moc"
