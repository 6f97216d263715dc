#include "../support/crmcontact.h"
#include "../support/testdatabase.h"

#include <core/store/callstore.h>
#include <core/store/changefeed.h>
#include <core/store/messagestore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/frame/callreportnotifier.h>

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Sb;

// A new call report while the console is in the background is said once, naming the clinic
// and the caller; nothing while the console is in front, nothing when turned off, nothing of
// another tenant, and nothing for the reports that were there before.
class tst_CallReportNotifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_callreportnotifier"));
        QStandardPaths::setTestModeEnabled(true);
    }
    void init() { QSettings().clear(); }
    void aNewReportIsSaidOnceWhileInTheBackground();
    void aPatientsTextIsSaidButNotOurs();

private:
    static Status report(Store::Database &database,
                         const Store::TenantScope &tenant,
                         const QString &vapiCallId,
                         const QString &summary);
};

Status tst_CallReportNotifier::report(Store::Database &database,
                                      const Store::TenantScope &tenant,
                                      const QString &vapiCallId,
                                      const QString &summary)
{
    Store::CallReport report;
    report.vapiCallId = vapiCallId;
    report.customerE164 = QStringLiteral("+16175550143");
    report.ourE164 = QStringLiteral("+14155550100");
    report.startedAt = QDateTime::currentMSecsSinceEpoch() - 60'000;
    report.endedAt = report.startedAt + 30'000;
    report.summary = summary;
    return database.transaction(
        tenant, Store::TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
            auto applied = Store::CallStore(database).applyIn(db, tenant, report);
            return applied ? ok() : Status(applied.error());
        });
}

void tst_CallReportNotifier::aNewReportIsSaidOnceWhileInTheBackground()
{
    Test::TestDatabase databases;
    auto admin = databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(admin);
    Store::TenantStore tenants(**admin);
    SB_VERIFY_OK(tenants.add(QStringLiteral("clinic-a"), QStringLiteral("Smile Dental")));
    SB_VERIFY_OK(tenants.add(QStringLiteral("clinic-b"), QStringLiteral("Northside Physio")));
    const Tenancy::AdminSession session(**admin);
    const auto a = *session.scope(QStringLiteral("clinic-a"));
    const auto b = *session.scope(QStringLiteral("clinic-b"));
    SB_VERIFY_OK(report(**admin, a, QStringLiteral("before"), QStringLiteral("An old report.")));

    // The console's own store and feed; the reports come from another process (serve).
    auto console = Store::Database::open(*Store::DatabaseUrl::parse(databases.lastUrl()));
    SB_VERIFY_OK(console);
    Store::ChangeFeed feed(*console);
    QSignalSpy watching(&feed, &Store::ChangeFeed::watching);
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(watching.size(), 1, 5000);
    bool isActive = false;
    Ui::ConsoleContext context{*console, nullptr, &feed, nullptr};
    Ui::CallReportNotifier notifier(context, [&] { return isActive; });
    QSignalSpy said(&notifier, &Ui::CallReportNotifier::notify);
    notifier.watch({a, QStringLiteral("Smile Dental")});
    QTest::qWait(500); // the baseline read: the old report is not news
    QCOMPARE(said.size(), 0);

    SB_VERIFY_OK(report(**admin, a, QStringLiteral("new-1"), QStringLiteral("Booked a cleaning.")));
    QTRY_COMPARE_WITH_TIMEOUT(said.size(), 1, 3000);
    QVERIFY(said.first().at(0).toString().contains(u"Smile Dental"));
    QVERIFY(said.first().at(0).toString().contains(u"(617) 555-0143"));
    QCOMPARE(said.first().at(1).toString(), QStringLiteral("Booked a cleaning."));

    // Another tenant's report, a change that is no new report, the console in front, turned
    // off: nothing said.
    SB_VERIFY_OK(report(**admin, b, QStringLiteral("new-b"), QStringLiteral("Other clinic.")));
    SB_VERIFY_OK(report(**admin, a, QStringLiteral("new-1"), QStringLiteral("Booked a cleaning.")));
    isActive = true;
    SB_VERIFY_OK(report(**admin, a, QStringLiteral("new-2"), QStringLiteral("In front.")));
    QTest::qWait(800);
    isActive = false;
    Ui::CallReportNotifier::setEnabled(false);
    SB_VERIFY_OK(report(**admin, a, QStringLiteral("new-3"), QStringLiteral("Turned off.")));
    QTest::qWait(800); // waits for something not to happen
    QCOMPARE(said.size(), 1);
    Ui::CallReportNotifier::setEnabled(true);
    SB_VERIFY_OK(report(**admin, a, QStringLiteral("new-4"), QStringLiteral("On again.")));
    QTRY_COMPARE_WITH_TIMEOUT(said.size(), 2, 3000);
    QCOMPARE(said.last().at(1).toString(), QStringLiteral("On again."));
}

// The same for texts: a patient's new message is said (who, what), ours are not, another
// tenant's are not, and the setting turns it off.
void tst_CallReportNotifier::aPatientsTextIsSaidButNotOurs()
{
    Test::TestDatabase databases;
    auto admin = databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(admin);
    Store::TenantStore tenants(**admin);
    SB_VERIFY_OK(tenants.add(QStringLiteral("clinic-a"), QStringLiteral("Smile Dental")));
    SB_VERIFY_OK(tenants.add(QStringLiteral("clinic-b"), QStringLiteral("Northside Physio")));
    const Tenancy::AdminSession session(**admin);
    const auto a = *session.scope(QStringLiteral("clinic-a"));
    const auto b = *session.scope(QStringLiteral("clinic-b"));
    int next = 0;
    const auto text = [&](const Store::TenantScope &tenant, bool isInbound, const QString &body,
                          const QString &from = QStringLiteral("+16175550143")) {
        Store::MessageRecord message;
        message.channel = QStringLiteral("sms");
        message.providerMessageId = QStringLiteral("SM%1").arg(++next, 32, 10, QLatin1Char('0'));
        message.counterpartE164 = from;
        message.ourE164 = QStringLiteral("+14155550100");
        message.isInbound = isInbound;
        message.body = body;
        message.status = isInbound ? QStringLiteral("received") : QStringLiteral("sent");
        message.sentAt = QDateTime::currentMSecsSinceEpoch();
        return (*admin)->transaction(
            tenant, Store::TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
                auto applied = Store::MessageStore(**admin).applyIn(
                    db, tenant, message, Store::MessageSource::Webhook);
                return applied ? ok() : Status(applied.error());
            });
    };
    SB_VERIFY_OK(text(a, true, QStringLiteral("An old text.")));
    auto console = Store::Database::open(*Store::DatabaseUrl::parse(databases.lastUrl()));
    SB_VERIFY_OK(console);
    Store::ChangeFeed feed(*console);
    QSignalSpy watching(&feed, &Store::ChangeFeed::watching);
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(watching.size(), 1, 5000);
    Ui::ConsoleContext context{*console, nullptr, &feed, nullptr};
    Ui::MessageNotifier notifier(context, [] { return false; });
    QSignalSpy said(&notifier, &Ui::MessageNotifier::notify);
    notifier.watch({a, QStringLiteral("Smile Dental")});
    QTest::qWait(500); // the baseline read: the old text is not news
    QCOMPARE(said.size(), 0);
    SB_VERIFY_OK(text(a, true, QStringLiteral("Can I come at 10?")));
    QTRY_COMPARE_WITH_TIMEOUT(said.size(), 1, 3000);
    QVERIFY(said.first().at(0).toString().contains(u"Smile Dental"));
    QVERIFY(said.first().at(0).toString().contains(u"(617) 555-0143"));
    QCOMPARE(said.first().at(1).toString(), QStringLiteral("Can I come at 10?"));
    SB_VERIFY_OK(text(a, false, QStringLiteral("Yes, see you then.")));
    SB_VERIFY_OK(text(b, true, QStringLiteral("Another clinic's patient.")));
    // A patient the clinic's CRM knows is named, by this clinic's contact, not the other's.
    const QString ana = QStringLiteral("+16175550188");
    SB_VERIFY_OK(Test::storeCrmContact(**admin, b, QStringLiteral("b-1"), QStringLiteral("Not Ours"), ana));
    SB_VERIFY_OK(Test::storeCrmContact(**admin, a, QStringLiteral("a-1"), QStringLiteral("Ana Ruiz"), ana));
    SB_VERIFY_OK(text(a, true, QStringLiteral("Running late."), ana));
    QTRY_COMPARE_WITH_TIMEOUT(said.size(), 2, 3000);
    QCOMPARE(said.last().at(0).toString(), QStringLiteral("Smile Dental: a text from Ana Ruiz"));
    Ui::MessageNotifier::setEnabled(false);
    SB_VERIFY_OK(text(a, true, QStringLiteral("Turned off.")));
    QTest::qWait(800); // waits for something not to happen
    QCOMPARE(said.size(), 2);
}

QTEST_MAIN(tst_CallReportNotifier)
#include "tst_callreportnotifier.moc"
