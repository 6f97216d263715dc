#include "../support/testdatabase.h"

#include <core/store/asyncstore.h>
#include <core/store/guithreadguard.h>
#include <core/store/leadstore.h>
#include <core/store/sqlquery.h>
#include <core/tenancy/staffsession.h>
#include <core/store/tenantstore.h>

#include <QProcess>

using namespace Sb;

namespace {
// Run as a child: SQL on the main thread while a guard is held must stop the program.
int runForbiddenStatement(const QString &path)
{
    auto database =
        Store::Database::open(*Store::DatabaseUrl::parse(QStringLiteral("sqlite:") + path));
    if (!database)
        return 3;
    auto connection = (*database)->connection(); // before the guard: allowed
    Store::GuiThreadGuard guard;
    [[maybe_unused]] auto ran =
        Store::SqlQuery(*connection, QStringLiteral("SELECT 42 AS forbidden_on_the_gui_thread"))
            .exec();
    return 0; // never reached
}
} // namespace

// The console never waits for the database: with the guard on, a statement on the GUI thread
// stops the program and names the statement; the same work on a store thread passes.
class tst_GuiThreadGuard : public QObject
{
    Q_OBJECT

private slots:
    void statementOnTheGuiThreadAborts();
    void storeThreadWorkPasses();

private:
    Test::TestDatabase m_databases;
};

void tst_GuiThreadGuard::statementOnTheGuiThreadAborts()
{
    QTemporaryDir dir;
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--forbidden-statement"), dir.filePath(QStringLiteral("g.db"))});
    QVERIFY(child.waitForFinished(20000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit); // qFatal aborts
    const QString said = QString::fromUtf8(child.readAllStandardError());
    QVERIFY2(said.contains(QLatin1String("on the GUI thread")), qPrintable(said));
    QVERIFY2(said.contains(QLatin1String("SELECT 42 AS forbidden_on_the_gui_thread")),
             qPrintable(said));
}

void tst_GuiThreadGuard::storeThreadWorkPasses()
{
    auto database = m_databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    SB_VERIFY_OK(Store::TenantStore(**database).add(QStringLiteral("clinic-a"), {}));
    auto scope = Tenancy::AdminSession(**database).scope(QStringLiteral("clinic-a"));
    SB_VERIFY_OK(scope);
    Store::GuiThreadGuard guard;
    Store::Lead lead;
    lead.name = QStringLiteral("Ana");
    const Store::AsyncStore<Store::LeadStore> leads(*database);
    auto added = leads.call(&Store::LeadStore::add, *scope, lead);
    // Not waitForFinished(): QtConcurrent may run a job that has not started yet in the thread
    // that waits, which is the GUI thread here (the guard catches that too).
    QTRY_VERIFY(added.isFinished());
    SB_VERIFY_OK(added.result());
    auto listed = leads.call(&Store::LeadStore::newest, *scope, 10, qint64(0));
    QTRY_VERIFY(listed.isFinished());
    SB_VERIFY_OK(listed.result());
    QCOMPARE(listed.result()->size(), 1);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--forbidden-statement") == 0)
        return runForbiddenStatement(QString::fromLocal8Bit(argv[2]));
    tst_GuiThreadGuard test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_guithreadguard.moc"
