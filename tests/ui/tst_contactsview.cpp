#include "../support/testdatabase.h"

#include <core/store/callstore.h>
#include <core/store/changefeed.h>
#include <core/store/contactstore.h>
#include <core/store/guithreadguard.h>
#include <core/store/sqlquery.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/frame/activitylist.h>
#include <ui/views/contacts/contactlistmodel.h>
#include <ui/views/contacts/contactsview.h>

#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <thread>

using namespace Sb;
using namespace Qt::StringLiterals;

// The Contacts page on both backends, as a staff member (on PostgreSQL her own login, under
// row-level security) with SQL on the GUI thread forbidden: a clinic's 1,000 contacts listed a
// page at a time; searched by a number as people write it, by part of a name, by an email in
// any case; another clinic's never shown; the chosen person's CRM records and calls; a contact
// stored by another connection (a sync) appears by itself.
class tst_ContactsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(u"tst_contactsview"_s);
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void searchAndPageThroughTheClinicsContacts_data() { Test::TestDatabase::addBackendRows(); }
    void searchAndPageThroughTheClinicsContacts();

private:
    Test::TestDatabase m_databases;
};

namespace {
Store::CrmRecord record(int i, const QString &prefix = u"Patient"_s)
{
    Store::CrmRecord r;
    r.recordId = QString::number(1000 + i);
    r.name = u"%1 %2"_s.arg(prefix).arg(i, 4, 10, QLatin1Char('0'));
    r.email = u"%1.%2@clinic.example"_s.arg(prefix.toLower()).arg(i);
    r.phoneE164 = u"+1617200%1"_s.arg(1000 + i);
    r.phone = r.phoneE164;
    r.modifiedAt = i;
    return r;
}

void offTheGuiThread(const std::function<void()> &work)
{
    std::thread(work).join();
}
} // namespace

void tst_ContactsView::searchAndPageThroughTheClinicsContacts()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    for (const char *name : {"clinic-a", "clinic-b"})
        SB_VERIFY_OK(Store::TenantStore(**admin).add(QLatin1String(name), {}));
    auto carol = m_databases.member(*admin, u"carol"_s, u"clinic-a"_s);
    SB_VERIFY_OK(carol);
    const auto clinicB = *Tenancy::AdminSession(**admin).scope(u"clinic-b"_s);
    Store::ContactStore contacts(**admin);
    QList<Store::CrmRecord> page;
    for (int i = 0; i < 1000; ++i)
        page.append(record(i));
    Store::CrmSyncState state;
    state.platform = u"hubspot"_s;
    SB_VERIFY_OK(contacts.storePage(carol->scope, u"hubspot"_s, page, state));
    // Clinic B has a patient with the same number and a name that matches every search.
    SB_VERIFY_OK(contacts.storePage(clinicB, u"hubspot"_s, {record(7, u"Other"_s)}, state));
    Store::CallRecord call;
    call.provider = u"twilio"_s;
    call.providerCallId = u"CA-7"_s;
    call.fromE164 = call.counterpartE164 = record(7).phoneE164;
    call.toE164 = u"+14155550100"_s;
    call.status = u"completed"_s;
    call.startedAt = QDateTime::currentMSecsSinceEpoch() - 60'000;
    call.summary = u"Asked to move her appointment"_s;
    SB_VERIFY_OK(Store::CallStore(**admin).insert(carol->scope, call));

    // On PostgreSQL a rare pattern's matches come from sb_contacts_matching (it runs as its
    // owner): it answers a staff login for her own clinic only.
    if (backend == u"postgres") {
        const auto count = [&](qint64 tenant, const QString &pattern) {
            int n = -1;
            auto ran = carol->database->transaction(carol->scope, Store::TransactionMode::Read, [&](QSqlDatabase &db) {
                Store::SqlQuery query(db, u"SELECT COUNT(*) FROM sb_contacts_matching(:t, :p, 100)"_s);
                auto counted = query.bind(u":t"_s, tenant).bind(u":p"_s, pattern).scalar();
                if (counted)
                    n = counted->toInt();
                return counted ? ok() : Status(counted.error());
            });
            return ran ? n : -1;
        };
        QCOMPARE(count(carol->scope.tenantId().value(), u"%patient 012%"_s), 10);
        QCOMPARE(count(clinicB.tenantId().value(), u"%other%"_s), 0);
    }
    Store::ChangeFeed feed(carol->database);
    QSignalSpy watching(&feed, &Store::ChangeFeed::watching);
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(watching.size(), 1, 5000);
    Ui::ConsoleContext context{carol->database, nullptr, &feed, nullptr, nullptr};
    const Store::GuiThreadGuard guard; // from here on, no SQL on this thread
    Ui::ContactsView view(context);
    view.resize(1200, 700);
    view.show();
    view.showTenant({carol->scope, u"Clinic A"_s, Store::Role::Staff});
    Ui::ContactListModel *model = view.model();

    // A page at a time, in name order.
    QTRY_COMPARE(model->rowCount(), Ui::ContactListModel::kPageSize);
    QCOMPARE(model->contactAt(0)->name, u"Patient 0000"_s);
    QVERIFY(model->canFetchMore({}));
    view.table()->scrollToBottom();
    QTRY_VERIFY(model->rowCount() > Ui::ContactListModel::kPageSize);

    // A number as people write it.
    QSignalSpy shown(&view, &Ui::ContactsView::contactShown);
    view.searchBox()->setText(u"(617) 200-1007"_s);
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->contactAt(0)->name, u"Patient 0007"_s);
    QTRY_VERIFY(!shown.isEmpty());
    QVERIFY(view.detailText().contains(u"HubSpot record 1007"_s));
    QTRY_COMPARE(view.activity()->count(), 1);
    QVERIFY(view.activity()->item(0)->text().contains(u"Asked to move her appointment"_s));
    // Part of a name; an email in another case; nothing of clinic B's.
    view.searchBox()->setText(u"patient 012"_s);
    QTRY_COMPARE(model->rowCount(), 10);
    view.searchBox()->setText(u"PATIENT.42@"_s);
    QTRY_COMPARE(model->rowCount(), 1);
    view.searchBox()->setText(u"other"_s);
    QTRY_VERIFY(model->rowCount() == 0 && !model->isLoading());

    // A sync stores another contact: it shows without a refresh.
    view.searchBox()->setText(u"Zed"_s);
    QTRY_VERIFY(model->rowCount() == 0 && !model->isLoading());
    bool stored = false;
    offTheGuiThread([&] {
        stored = bool(Store::ContactStore(**admin).storePage(carol->scope, u"hubspot"_s, {record(2000, u"Zed"_s)}, state));
    });
    QVERIFY(stored);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 8000);
}

QTEST_MAIN(tst_ContactsView)
#include "tst_contactsview.moc"
