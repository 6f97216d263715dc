#include "callsconsole.h"

#include "../support/ctlrunner.h"

#include <core/recordings/recordingcache.h>
#include <core/store/callstore.h>
#include <core/store/guithreadguard.h>
#include <ui/views/calls/calldetailview.h>
#include <ui/views/calls/calllistmodel.h>
#include <ui/views/calls/callsview.h>
#include <ui/views/mainwindow.h>

#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>

using namespace Sb;
using namespace Qt::StringLiterals;

// Deleting a call: owners and admins may (staff see no such action), after saying yes; the call
// leaves every console showing it, here or in another process, and with it this computer's
// cached copy of its recording. The other tenant's calls are untouched.
class tst_CallDeletion : public QObject, private Test::CallsConsole
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_calldeletion"));
        QStandardPaths::setTestModeEnabled(true);
    }
    void init() { QSettings().clear(); }
    void anOwnerDeletesACallAndItsCachedRecording_data() { Test::TestDatabase::addBackendRows(); }
    void anOwnerDeletesACallAndItsCachedRecording();
    void staffAreNotOfferedDeletion();
    void aCallDeletedByAnotherProcessLeavesTheList_data() { Test::TestDatabase::addBackendRows(); }
    void aCallDeletedByAnotherProcessLeavesTheList();

private:
    // Selects the call at `row`, waits until the detail shows it whole.
    static bool select(Ui::CallsView *calls, int row);
    // The deletion question, answered; false if none was asked.
    static bool answer(QWidget *window, bool isYes);
    // A file in the console's recording cache for this call, as a fetch would have left it.
    QString cacheRecording(const Store::TenantScope &tenant, const QString &recordingUrl) const;
};

bool tst_CallDeletion::select(Ui::CallsView *calls, int row)
{
    calls->table()->setCurrentIndex({}); // the first row may be current already
    QSignalSpy shown(calls, &Ui::CallsView::callShown);
    calls->table()->setCurrentIndex(calls->model()->index(row, 0));
    return !shown.isEmpty() || shown.wait(5000);
}

bool tst_CallDeletion::answer(QWidget *window, bool isYes)
{
    QMessageBox *question = nullptr;
    if (!QTest::qWaitFor([&] { return (question = window->findChild<QMessageBox *>()); }, 2000))
        return false;
    for (QAbstractButton *button : question->buttons()) {
        const bool isDelete = question->buttonRole(button) == QMessageBox::DestructiveRole;
        if (isDelete == isYes) {
            button->click();
            return true;
        }
    }
    return false;
}

QString tst_CallDeletion::cacheRecording(const Store::TenantScope &tenant,
                                         const QString &recordingUrl) const
{
    // The cache the console uses: the user's, keyed by the store as the console opened it.
    const Recordings::RecordingCache cache(Recordings::RecordingCache::defaultRoot(),
                                           Store::DatabaseUrl::parse(m_url)->toString());
    auto put = cache.put(tenant.tenantId(), recordingUrl, QByteArray(4096, '\0'));
    return put ? *put : QString();
}

void tst_CallDeletion::anOwnerDeletesACallAndItsCachedRecording()
{
    QFETCH(QString, backend);
    m_role = Store::Role::Owner;
    auto setup = twoTenants(backend, 3, 2);
    SB_VERIFY_OK(setup);
    Store::CallRecord recorded = call(u"+16175550777"_s, QDateTime::currentMSecsSinceEpoch());
    recorded.recordingUrl = u"https://media.example.org/recordings/RE0777.wav"_s;
    auto recordedId = Store::CallStore(*setup->admin).insert(setup->a, recorded);
    SB_VERIFY_OK(recordedId);
    const QString cached = cacheRecording(setup->a, recorded.recordingUrl);
    QVERIFY(QFile::exists(cached));

    auto window = openConsole();
    std::optional<Store::GuiThreadGuard> guard(std::in_place); // no SQL on this thread now
    QVERIFY(window);
    auto *calls = window->page<Ui::CallsView>();
    QTRY_COMPARE(calls->model()->rowCount(), 4);
    QCOMPARE(calls->model()->rowOf(*recordedId), 0);
    QVERIFY(select(calls, 0));
    QToolButton *remove = calls->detail()->deleteButton();
    QTRY_VERIFY(remove->isVisible());

    // Changing one's mind deletes nothing.
    remove->click();
    QVERIFY(answer(window.get(), false));
    QTest::qWait(300); // a window for a deletion that must not happen
    QCOMPARE(calls->model()->rowCount(), 4);

    // The Delete key asks too; yes deletes it, its row and its cached recording.
    window->activateWindow(); // the question was a window of its own
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    calls->table()->setFocus();
    QTest::keyClick(calls->table(), Qt::Key_Delete);
    QVERIFY(answer(window.get(), true));
    QTRY_COMPARE(calls->model()->rowCount(), 3);
    QCOMPARE(calls->model()->rowOf(*recordedId), -1);
    QTRY_VERIFY(!QFile::exists(cached));
    QVERIFY(!calls->problem());
    guard.reset();
    auto gone = Store::CallStore(*setup->admin).call(setup->a, *recordedId);
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, ErrorCode::NotFound);
    auto other = Store::CallStore(*setup->admin).newest(setup->b, {}, 10);
    SB_VERIFY_OK(other);
    QCOMPARE(other->size(), 2);
}

void tst_CallDeletion::staffAreNotOfferedDeletion()
{
    m_role = Store::Role::Staff;
    auto setup = twoTenants(u"sqlite"_s, 2, 0);
    SB_VERIFY_OK(setup);
    auto window = openConsole();
    QVERIFY(window);
    const Store::GuiThreadGuard guard;
    auto *calls = window->page<Ui::CallsView>();
    QTRY_COMPARE(calls->model()->rowCount(), 2);
    QVERIFY(select(calls, 0));
    QVERIFY(!calls->detail()->deleteButton()->isVisible());
    calls->table()->setFocus();
    QTest::keyClick(calls->table(), Qt::Key_Delete);
    QTest::qWait(300); // a window for a question that must not be asked
    QVERIFY(!window->findChild<QMessageBox *>());
    QCOMPARE(calls->model()->rowCount(), 2);
}

void tst_CallDeletion::aCallDeletedByAnotherProcessLeavesTheList()
{
    QFETCH(QString, backend);
    m_role = Store::Role::Staff;
    auto setup = twoTenants(backend, 4, 0);
    SB_VERIFY_OK(setup);
    auto window = openConsole();
    QVERIFY(window);
    const Store::GuiThreadGuard guard;
    auto *calls = window->page<Ui::CallsView>();
    QTRY_COMPARE(calls->model()->rowCount(), 4);
    // The oldest row: not on the top page a refresh reads again, so only the change's id
    // tells the console it is gone.
    const Store::CallRecord doomed = *calls->model()->callAt(3);
    QVERIFY(select(calls, 1));
    const CallId selected = calls->selectedCall();

    const Test::CtlRun run = Test::runCtl({u"calls"_s,
                                           u"delete"_s,
                                           QString::number(doomed.id.value()),
                                           u"--tenant"_s,
                                           u"clinic-a"_s,
                                           u"--db"_s,
                                           m_adminUrl});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(u"deleted call"_s));
    QTRY_COMPARE_WITH_TIMEOUT(calls->model()->rowCount(), 3, 2000);
    QCOMPARE(calls->model()->rowOf(doomed.id), -1);
    QCOMPARE(calls->selectedCall(), selected); // what the user was reading stays

    // Deleting it again says so, and changes nothing.
    const Test::CtlRun again = Test::runCtl({u"calls"_s,
                                             u"delete"_s,
                                             QString::number(doomed.id.value()),
                                             u"--tenant"_s,
                                             u"clinic-a"_s,
                                             u"--db"_s,
                                             m_adminUrl});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(u"No such call"_s), qPrintable(again.err));
}

QTEST_MAIN(tst_CallDeletion)
#include "tst_calldeletion.moc"
