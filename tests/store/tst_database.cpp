#include "../support/testdatabase.h"

#include <core/store/migrator.h>
#include <core/store/sqlquery.h>
#include <core/store/tenantstore.h>

#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>

using namespace Sb;
using namespace Sb::Store;

class tst_Database : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parsesUrls_data();
    void parsesUrls();
    void refusesBadUrls_data();
    void refusesBadUrls();
    void resolvesInDocumentedOrder();
    void sqliteStoreIsPrivateToItsUser();
    void eachThreadHasItsOwnConnection_data() { Test::TestDatabase::addBackendRows(); }
    void eachThreadHasItsOwnConnection();
    void reconnectsAfterServerDroppedConnection();

private:
    Test::TestDatabase m_databases;
    QTemporaryDir m_dir;
};

void tst_Database::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_database"));
}

void tst_Database::parsesUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<bool>("isSqlite");
    QTest::newRow("sqlite-absolute") << "sqlite:/var/lib/sb/store.db"
                                     << "sqlite:/var/lib/sb/store.db" << true;
    QTest::newRow("sqlite-slashes") << "sqlite:///var/lib/sb/store.db"
                                    << "sqlite:/var/lib/sb/store.db" << true;
    QTest::newRow("postgresql") << "postgresql://alice@db.example.org:6432/switchboard"
                                << "postgresql://alice@db.example.org:6432/switchboard" << false;
    QTest::newRow("postgres-default-port")
        << "postgres://alice@db.example.org/switchboard"
        << "postgresql://alice@db.example.org:5432/switchboard" << false;
}

void tst_Database::parsesUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(bool, isSqlite);
    auto url = DatabaseUrl::parse(text);
    SB_VERIFY_OK(url);
    QCOMPARE(url->toString(), canonical);
    QCOMPARE(url->backend() == Backend::Sqlite, isSqlite);
}

void tst_Database::refusesBadUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty-sqlite") << "sqlite:"
                                  << "needs a file path";
    QTest::newRow("mysql") << "mysql://localhost/db"
                           << "Unsupported database URL";
    QTest::newRow("no-database") << "postgresql://alice@localhost"
                                 << "needs a database name";
    QTest::newRow("password") << "postgresql://alice:s3cret@localhost/db"
                              << "must not carry a password";
}

void tst_Database::refusesBadUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    auto url = DatabaseUrl::parse(text);
    QVERIFY(!url);
    QVERIFY2(url.error().message.contains(message), qPrintable(url.error().message));
    QVERIFY(!url.error().message.contains(u"s3cret"));
}

void tst_Database::resolvesInDocumentedOrder()
{
    qunsetenv("SWITCHBOARD_DB");
    QSettings().remove(QStringLiteral("database/url"));
    QCOMPARE(DatabaseUrl::resolve({})->path(), DatabaseUrl::defaultSqlitePath());
    QVERIFY(DatabaseUrl::defaultSqlitePath().endsWith(u"/switchboard.db"));

    QSettings().setValue(QStringLiteral("database/url"),
                         QStringLiteral("sqlite:/from/settings.db"));
    QCOMPARE(DatabaseUrl::resolve({})->path(), QStringLiteral("/from/settings.db"));
    qputenv("SWITCHBOARD_DB", "sqlite:/from/environment.db");
    QCOMPARE(DatabaseUrl::resolve({})->path(), QStringLiteral("/from/environment.db"));
    QCOMPARE(DatabaseUrl::resolve(QStringLiteral("sqlite:/from/argument.db"))->path(),
             QStringLiteral("/from/argument.db"));
    qunsetenv("SWITCHBOARD_DB");
    QSettings().remove(QStringLiteral("database/url"));
}

void tst_Database::sqliteStoreIsPrivateToItsUser()
{
    const QString path = m_dir.filePath(QStringLiteral("new-folder/store.db"));
    auto database = Database::open(*DatabaseUrl::parse(QStringLiteral("sqlite:") + path));
    SB_VERIFY_OK(database);
    SB_VERIFY_OK(Migrator(**database).migrate());
    const auto ownerOnly = QFile::ReadOwner | QFile::WriteOwner;
    QCOMPARE(QFileInfo(path).permissions() & ~(ownerOnly | QFile::ReadUser | QFile::WriteUser),
             QFileDevice::Permissions());
    const auto folder = QFileInfo(QFileInfo(path).absolutePath()).permissions();
    QVERIFY(!(folder & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther)));
}

void tst_Database::eachThreadHasItsOwnConnection()
{
    QFETCH(QString, backend);
    auto database = m_databases.createMigrated(backend);
    SB_VERIFY_OK(database);
    auto mine = (*database)->connection();
    SB_VERIFY_OK(mine);
    auto theirs = (*database)->run([db = *database] {
        auto connection = db->connection();
        return connection ? connection->connectionName() : QString();
    });
    theirs.waitForFinished();
    QVERIFY(!theirs.result().isEmpty());
    QVERIFY(theirs.result() != mine->connectionName());
    // Work on store threads really runs: a tenant added there is visible here.
    auto added = (*database)->run([db = *database] {
        return Store::TenantStore(*db).add(QStringLiteral("threaded"), {});
    });
    added.waitForFinished();
    SB_VERIFY_OK(added.result());
    SB_VERIFY_OK(Store::TenantStore(**database).find(QStringLiteral("threaded")));
}

void tst_Database::reconnectsAfterServerDroppedConnection()
{
    auto database = m_databases.createMigrated(QStringLiteral("postgres"));
    SB_VERIFY_OK(database);
    auto connection = (*database)->connection();
    SB_VERIFY_OK(connection);
    auto pid = SqlQuery(*connection, QStringLiteral("SELECT pg_backend_pid()")).scalar();
    SB_VERIFY_OK(pid);
    // Another session ends ours, as a server restart or a failover would.
    auto killer = Database::open(*DatabaseUrl::parse(Test::TestDatabase::adminPostgresUrl()));
    SB_VERIFY_OK(killer);
    auto killerConnection = (*killer)->connection();
    SB_VERIFY_OK(killerConnection);
    auto killed = SqlQuery(*killerConnection, QStringLiteral("SELECT pg_terminate_backend(:pid)"))
                      .bind(QStringLiteral(":pid"), *pid)
                      .scalar();
    SB_VERIFY_OK(killed);
    QVERIFY(killed->toBool());
    // The next transaction reconnects instead of failing for good.
    auto tenant = Store::TenantStore(**database).add(QStringLiteral("after-restart"), {});
    SB_VERIFY_OK(tenant);
    auto newPid =
        SqlQuery(*(*database)->connection(), QStringLiteral("SELECT pg_backend_pid()")).scalar();
    SB_VERIFY_OK(newPid);
    QVERIFY(newPid->toInt() != pid->toInt());
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
