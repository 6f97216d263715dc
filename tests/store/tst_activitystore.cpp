#include "../support/testdatabase.h"

#include <core/store/activitystore.h>
#include <core/store/sqlquery.h>
#include <core/store/tenantstore.h>

#include <QTimeZone>

using namespace Sb;
using namespace Qt::StringLiterals;

// The dashboard's figures, against counts made here from the seeded rows themselves (local
// dates and hours by QDateTime, nothing of the store's arithmetic): every period, every slot,
// the period before, under a staff login's row-level scope, with another clinic's rows at the
// very same instants, across a change of daylight saving time.
class tst_ActivityStore : public QObject
{
    Q_OBJECT

private slots:
    void figuresEqualCountsMadeFromTheRows_data();
    void figuresEqualCountsMadeFromTheRows();

private:
    Test::TestDatabase m_databases;
};

namespace {

// New York left daylight saving time on 1 November 2026: the 7 and 30 days both cross it.
const QTimeZone kZone("America/New_York");
const QDateTime kNow(QDate(2026, 11, 3), QTime(10, 30), kZone);
constexpr int kEvents = 1400; // one every 47 minutes back from now: about 46 days

struct Seeded
{
    qint64 at = 0;
    int kind = 0; // i % 6: transferred, assistant, answered, missed (2 ways), in progress
    bool isInbound = true; // the text's
    bool isLead = false;
    qint64 contactedAt = 0;
    bool isBooked = false;
};

QList<Seeded> seeded()
{
    QList<Seeded> rows;
    for (int i = 0; i < kEvents; ++i) {
        Seeded row;
        row.at = kNow.toMSecsSinceEpoch() - qint64(i) * 47 * 60 * 1000 - (i % 7) * 13 * 1000;
        row.kind = i % 6;
        row.isInbound = i % 3 != 0;
        row.isLead = i % 5 == 0;
        if (row.isLead && i % 2 == 0 && row.at + 2 * 3600 * 1000 <= kNow.toMSecsSinceEpoch())
            row.contactedAt = row.at + 2 * 3600 * 1000;
        row.isBooked = row.isLead && i % 4 == 0 && row.contactedAt > 0;
        rows.append(row);
    }
    return rows;
}

Status seed(Store::Database &database, TenantId tenant, bool withQuarantine)
{
    return database.adminTransaction(Store::TransactionMode::Write, [&](QSqlDatabase &db) {
        int n = 0;
        for (const Seeded &row : seeded()) {
            ++n;
            static const char *statuses[] = {"completed", "completed", "completed",
                                             "no-answer", "busy",      "in-progress"};
            const bool isAssistant = row.kind <= 1;
            Store::SqlQuery call(
                db,
                u"INSERT INTO calls (tenant_id, provider, provider_call_id, direction, from_e164,"
                " to_e164, counterpart_e164, status, status_rank, started_at, vapi_call_id,"
                " ended_reason, created_at, updated_at) VALUES (:tenant, 'twilio', :id, 'inbound',"
                " '+16175550100', '+14155550100', '+16175550100', :status, 4, :at, :vapi, :reason,"
                " :at, :at)"_s);
            auto ran = call.bind(u":tenant"_s, tenant.value())
                           .bind(u":id"_s, u"CA"_s + QString::number(n))
                           .bind(u":status"_s, QString::fromLatin1(statuses[row.kind]))
                           .bind(u":at"_s, row.at)
                           .bind(u":vapi"_s,
                                 isAssistant ? QVariant(u"vapi-"_s + QString::number(n))
                                             : Store::nullString())
                           .bind(u":reason"_s,
                                 row.kind == 0 ? QVariant(u"assistant-forwarded-call"_s)
                                               : Store::nullString())
                           .exec();
            if (!ran)
                return ran;
            Store::SqlQuery text(
                db,
                u"INSERT INTO messages (tenant_id, channel, counterpart_e164, our_e164, direction,"
                " body, status, provider, provider_message_id, sent_at, created_at, updated_at)"
                " VALUES (:tenant, 'sms', '+16175550100', '+14155550100', :direction, 'Hello',"
                " 'delivered', 'twilio', :id, :at, :at, :at)"_s);
            ran = text.bind(u":tenant"_s, tenant.value())
                      .bind(u":direction"_s, row.isInbound ? u"inbound"_s : u"outbound"_s)
                      .bind(u":id"_s, u"SM"_s + QString::number(n))
                      .bind(u":at"_s, row.at)
                      .exec();
            if (!ran)
                return ran;
            if (!row.isLead)
                continue;
            Store::SqlQuery lead(
                db,
                u"INSERT INTO leads (tenant_id, name, status, created_at, updated_at,"
                " contacted_at) VALUES (:tenant, 'Lead', :status, :at, :at, :contacted)"_s);
            ran = lead.bind(u":tenant"_s, tenant.value())
                      .bind(u":status"_s,
                            row.isBooked ? u"booked"_s
                                         : (row.contactedAt ? u"contacted"_s : u"new"_s))
                      .bind(u":at"_s, row.at)
                      .bind(u":contacted"_s,
                            row.contactedAt ? QVariant(row.contactedAt)
                                            : QVariant(QMetaType::fromType<qlonglong>()))
                      .exec();
            if (!ran)
                return ran;
        }
        // The quarantine belongs to no clinic: one request a day.
        for (int day = 0; withQuarantine && day < 40; ++day) {
            Store::SqlQuery kept(db,
                                 u"INSERT INTO quarantine (provider, endpoint, reason, raw_body,"
                                 " received_at) VALUES ('twilio', '/twilio/sms', 'unknown number',"
                                 " 'x', :at)"_s);
            auto ran = kept.bind(u":at"_s, kNow.toMSecsSinceEpoch() - qint64(day) * 86400000 - 5000)
                           .exec();
            if (!ran)
                return ran;
        }
        return Status(Ok{});
    });
}

void count(Store::ActivityTally &tally, const Seeded &row)
{
    switch (row.kind) {
    case 0:
        ++tally.transferred;
        break;
    case 1:
        ++tally.byAssistant;
        break;
    case 2:
        ++tally.answered;
        break;
    case 3:
    case 4:
        ++tally.missed;
        break;
    default:
        ++tally.otherCalls;
        break;
    }
    ++(row.isInbound ? tally.textsIn : tally.textsOut);
    if (row.isLead)
        ++tally.newLeads;
}

// The expected summary, from the rows and the definition of the periods.
Store::ActivitySummary expected(Store::ActivityPeriod period, bool withQuarantine)
{
    const int days = period == Store::ActivityPeriod::Today ? 1
                   : period == Store::ActivityPeriod::Week  ? 7
                                                             : 30;
    Store::ActivitySummary summary;
    const QDateTime from(kNow.date().addDays(1 - days), QTime(0, 0), kZone);
    const qint64 length = kNow.toMSecsSinceEpoch() + 1 - from.toMSecsSinceEpoch();
    const qint64 previousFrom = from.toMSecsSinceEpoch() - length;
    const bool isHourly = period == Store::ActivityPeriod::Today;
    for (int i = 0; i < (isHourly ? 24 : days); ++i)
        summary.series.append(Store::ActivitySlot{});
    auto place = [&](qint64 at, const std::function<void(Store::ActivityTally &)> &add) {
        if (at > kNow.toMSecsSinceEpoch())
            return;
        if (at >= from.toMSecsSinceEpoch()) {
            add(summary.current);
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(at, kZone);
            const int slot = isHourly ? local.time().hour() : int(from.date().daysTo(local.date()));
            add(summary.series[slot].tally);
        } else if (at >= previousFrom) {
            add(summary.previous);
        }
    };
    for (const Seeded &row : seeded()) {
        place(row.at, [&](Store::ActivityTally &tally) { count(tally, row); });
        if (row.contactedAt)
            place(row.contactedAt, [](Store::ActivityTally &tally) { ++tally.leadsContacted; });
        if (row.isLead && row.at >= from.toMSecsSinceEpoch()) {
            ++summary.funnel.created;
            summary.funnel.contacted += row.contactedAt ? 1 : 0;
            summary.funnel.booked += row.isBooked ? 1 : 0;
        }
    }
    if (withQuarantine) {
        for (int day = 0; day < 40; ++day) {
            place(kNow.toMSecsSinceEpoch() - qint64(day) * 86400000 - 5000,
                  [](Store::ActivityTally &tally) { ++tally.quarantined; });
        }
    }
    return summary;
}

} // namespace

namespace Sb::Store {
// How QCOMPARE shows a tally that differs.
char *toString(const ActivityTally &tally)
{
    return qstrdup(qPrintable(
        u"calls %1 (assistant %2, transferred %3, answered %4, missed %5, other %6), texts %7/%8,"
        " leads %9"_s.arg(tally.calls())
            .arg(tally.byAssistant)
            .arg(tally.transferred)
            .arg(tally.answered)
            .arg(tally.missed)
            .arg(tally.otherCalls)
            .arg(tally.textsIn)
            .arg(tally.textsOut)
            .arg(tally.newLeads)
        + u", contacted %1, quarantined %2"_s.arg(tally.leadsContacted).arg(tally.quarantined)));
}
char *toString(const LeadFunnel &funnel)
{
    return qstrdup(qPrintable(
        u"%1 made, %2 contacted, %3 booked"_s.arg(funnel.created).arg(funnel.contacted).arg(funnel.booked)));
}
} // namespace Sb::Store

void tst_ActivityStore::figuresEqualCountsMadeFromTheRows_data()
{
    Test::TestDatabase::addBackendRows();
}

void tst_ActivityStore::figuresEqualCountsMadeFromTheRows()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    for (const QString &name : {u"clinic-a"_s, u"clinic-b"_s}) {
        auto tenant = Store::TenantStore(**admin).add(name, name);
        SB_VERIFY_OK(tenant);
        // Clinic B's rows fall at the very same instants as A's: none may count for A.
        SB_VERIFY_OK(seed(**admin, tenant->id, name == u"clinic-a"_s));
    }
    auto member = m_databases.member(*admin, u"maria"_s, u"clinic-a"_s);
    SB_VERIFY_OK(member);
    const bool isPostgres = backend == u"postgres"_s;
    using Period = Store::ActivityPeriod;
    for (Period period : {Period::Today, Period::Week, Period::Month}) {
        auto summary = Store::ActivityStore(*member->database)
                           .summary(member->scope, period, kNow, true);
        SB_VERIFY_OK(summary);
        // A staff login on PostgreSQL may not read the quarantine: that figure alone is left out.
        QCOMPARE(summary->hasQuarantine, !isPostgres);
        const Store::ActivitySummary wanted = expected(period, summary->hasQuarantine);
        QVERIFY(wanted.current.calls() > 0);
        QCOMPARE(summary->current, wanted.current);
        QCOMPARE(summary->previous, wanted.previous);
        QCOMPARE(summary->funnel, wanted.funnel);
        QCOMPARE(summary->series.size(), wanted.series.size());
        for (int slot = 0; slot < wanted.series.size(); ++slot) {
            QCOMPARE(summary->series.at(slot).tally, wanted.series.at(slot).tally);
        }
        const int days = period == Period::Today ? 1 : period == Period::Week ? 7 : 30;
        QCOMPARE(summary->from, QDateTime(kNow.date().addDays(1 - days), QTime(0, 0), kZone));
    }
    // An administrator's login reads the quarantine on both backends.
    auto withQuarantine = Store::ActivityStore(**admin).summary(member->scope, Period::Week, kNow, true);
    SB_VERIFY_OK(withQuarantine);
    QVERIFY(withQuarantine->hasQuarantine);
    QCOMPARE(withQuarantine->current.quarantined, 7);
    QCOMPARE(withQuarantine->current, expected(Period::Week, true).current);
}

QTEST_GUILESS_MAIN(tst_ActivityStore)
#include "tst_activitystore.moc"
