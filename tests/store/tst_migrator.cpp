#include "../support/testdatabase.h"

#include <core/oauth/oauthapps.h>
#include <core/store/connectionstore.h>
#include <core/store/migrator.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealedsecretstore.h>
#include <core/vault/sealer.h>
#include <core/store/sqlquery.h>

#include <QRandomGenerator>
#include <QSqlError>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace Sb;
using namespace Sb::Store;

class tst_Migrator : public QObject
{
    Q_OBJECT

private slots:
    void migratesFreshStore_data() { Test::TestDatabase::addBackendRows(); }
    void migratesFreshStore();
    void rerunIsNoOp_data() { Test::TestDatabase::addBackendRows(); }
    void rerunIsNoOp();
    void refusesNewerSchema_data() { Test::TestDatabase::addBackendRows(); }
    void refusesNewerSchema();
    void sqliteHasWalAndForeignKeys();
    void leavesAnotherApplicationsTablesAlone();
    void aFailingMigrationNamesItsFirstError();
    void movesCrmAppsToOAuthApps_data() { Test::TestDatabase::addBackendRows(); }
    void movesCrmAppsToOAuthApps();

private:
    Test::TestDatabase m_databases;
};

static int countRows(Database &database, const QString &sql)
{
    auto connection = database.connection();
    if (!connection)
        return -1;
    auto value = SqlQuery(*connection, sql).scalar();
    return value ? value->toInt() : -1;
}

void tst_Migrator::migratesFreshStore()
{
    QFETCH(QString, backend);
    auto database = m_databases.create(backend);
    SB_VERIFY_OK(database);
    Migrator migrator(**database);
    auto before = migrator.status();
    SB_VERIFY_OK(before);
    QCOMPARE(before->currentVersion, 0);
    QVERIFY(!before->pendingVersions.isEmpty());

    auto after = migrator.migrate();
    SB_VERIFY_OK(after);
    QCOMPARE(after->currentVersion, Migrator::latestVersion((*database)->backend()));
    QVERIFY(after->pendingVersions.isEmpty());
    auto connection = (*database)->connection();
    SB_VERIFY_OK(connection);
    const QStringList tables = connection->tables();
    for (const char *table : {"tenants",
                              "staff",
                              "memberships",
                              "phone_numbers",
                              "calls",
                              "call_notes",
                              "messages",
                              "leads",
                              "crm_contacts",
                              "connections",
                              "webhook_events",
                              "quarantine",
                              "audit_log"}) {
        QVERIFY2(tables.contains(QLatin1String(table)), table);
    }
}

void tst_Migrator::rerunIsNoOp()
{
    QFETCH(QString, backend);
    auto database = m_databases.createMigrated(backend);
    SB_VERIFY_OK(database);
    const int versions =
        countRows(**database, QStringLiteral("SELECT COUNT(*) FROM schema_version"));
    auto again = Migrator(**database).migrate();
    SB_VERIFY_OK(again);
    QCOMPARE(countRows(**database, QStringLiteral("SELECT COUNT(*) FROM schema_version")),
             versions);
    SB_VERIFY_OK(Migrator(**database).prepareForUse());
}

// An agency's one PostgreSQL often holds another application's tables in public: migrating
// succeeds and leaves them exactly as they were.
void tst_Migrator::leavesAnotherApplicationsTablesAlone()
{
    auto database = m_databases.create(QStringLiteral("postgres"));
    SB_VERIFY_OK(database);
    auto connection = (*database)->connection();
    SB_VERIFY_OK(connection);
    const QString owner =
        QStringLiteral("other_app_") + QString::number(QRandomGenerator::global()->generate(), 36);
    for (const QString &sql :
         {QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(owner),
          QStringLiteral("CREATE TABLE appointments (id INT PRIMARY KEY, who TEXT)"),
          QStringLiteral("ALTER TABLE appointments OWNER TO %1").arg(owner),
          QStringLiteral("GRANT SELECT ON appointments TO PUBLIC"),
          QStringLiteral("CREATE TABLE invoices (id INT PRIMARY KEY)"),
          QStringLiteral("ALTER TABLE invoices OWNER TO %1").arg(owner),
          QStringLiteral("ALTER TABLE invoices ENABLE ROW LEVEL SECURITY")}) {
        QSqlQuery query(*connection);
        QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
    }
    const QString catalog = QStringLiteral(
        "SELECT string_agg(c.relname || ':' || c.relrowsecurity || ':' || c.relforcerowsecurity"
        " || ':' || COALESCE(c.relacl::text, '') || ':' || pg_get_userbyid(c.relowner), ';'"
        " ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'public' AND c.relname IN ('appointments', 'invoices')");
    const QString before = SqlQuery(*connection, catalog).scalar()->toString();

    auto migrated = Migrator(**database).migrate();
    SB_VERIFY_OK(migrated);
    QCOMPARE(migrated->currentVersion, Migrator::latestVersion(Store::Backend::Postgres));
    QCOMPARE(SqlQuery(*connection, catalog).scalar()->toString(), before);
    QCOMPARE(countRows(**database, QStringLiteral("SELECT COUNT(*) FROM appointments")), 0);
}

// The error that stopped a migration is the one reported, not what PostgreSQL said of the
// statements after it ("current transaction is aborted").
void tst_Migrator::aFailingMigrationNamesItsFirstError()
{
    auto database = m_databases.create(QStringLiteral("postgres"));
    SB_VERIFY_OK(database);
    auto connection = (*database)->connection();
    SB_VERIFY_OK(connection);
    // A table of ours already there, owned by someone else: migration 1 cannot create it.
    const QString owner =
        QStringLiteral("squatter_") + QString::number(QRandomGenerator::global()->generate(), 36);
    for (const QString &sql : {QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(owner),
                               QStringLiteral("CREATE TABLE tenants (id INT)"),
                               QStringLiteral("ALTER TABLE tenants OWNER TO %1").arg(owner)}) {
        QSqlQuery query(*connection);
        QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
    }
    auto migrated = Migrator(**database).migrate();
    QVERIFY(!migrated);
    QVERIFY2(!migrated.error().message.contains(QLatin1String("current transaction is aborted")),
             qPrintable(migrated.error().message));
    QVERIFY2(migrated.error().message.contains(QLatin1String("tenants")),
             qPrintable(migrated.error().message));
    QCOMPARE(countRows(**database, QStringLiteral("SELECT COUNT(*) FROM schema_version")), 0);
}

// Step 23 moved the CRM apps an admin had registered (a connection row of kind "crm" and a
// sealed secret) to oauth_apps: after the upgrade the same app opens with the same secret, and
// the old rows are gone.
void tst_Migrator::movesCrmAppsToOAuthApps()
{
    QFETCH(QString, backend);
    auto database = m_databases.create(backend);
    SB_VERIFY_OK(database);
    SB_VERIFY_OK(Migrator(**database).migrate(22));
    SB_VERIFY_OK(TenantStore(**database).add(QStringLiteral("clinic-a"), {}));
    SB_VERIFY_OK(TenantStore(**database).add(QStringLiteral("clinic-b"), {}));
    auto a = Tenancy::AdminSession(**database).scope(QStringLiteral("clinic-a"));
    auto b = Tenancy::AdminSession(**database).scope(QStringLiteral("clinic-b"));
    SB_VERIFY_OK(a);
    SB_VERIFY_OK(b);
    auto keys = Vault::DataKeys::generate();
    SB_VERIFY_OK(keys);
    const Vault::Sealer sealer(*keys);
    const Secret secret(QByteArrayLiteral("zoho-client-secret-of-a"));
    // As session 12's OAuthApps kept them.
    SB_VERIFY_OK(Vault::SealedSecretStore(**database, sealer)
                     .put(*a, QStringLiteral("oauth-app:zoho"), QStringLiteral("client-secret"), secret));
    const QJsonObject settings{{QStringLiteral("clientId"), QStringLiteral("1000.ZOHOAPP")},
                               {QStringLiteral("redirectUri"), QStringLiteral("http://127.0.0.1:53682/callback")},
                               {QStringLiteral("dataCentre"), QStringLiteral("eu")}};
    SB_VERIFY_OK(ConnectionStore(**database)
                     .markConnected(*a,
                                    {QStringLiteral("crm"),
                                     QStringLiteral("zoho"),
                                     {},
                                     QStringLiteral("Zoho CRM"),
                                     QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact))}));

    auto migrated = Migrator(**database).migrate();
    SB_VERIFY_OK(migrated);
    QVERIFY(migrated->isCurrent());

    OAuth::OAuthApps apps(**database, sealer);
    auto moved = apps.get(*a, QStringLiteral("zoho"));
    SB_VERIFY_OK(moved);
    QVERIFY(moved->has_value());
    QCOMPARE((*moved)->app.clientId, QStringLiteral("1000.ZOHOAPP"));
    QCOMPARE((*moved)->app.redirectUri, QUrl(QStringLiteral("http://127.0.0.1:53682/callback")));
    QCOMPARE((*moved)->dataCentre, QStringLiteral("eu"));
    QVERIFY((*moved)->app.clientSecret == secret);
    QCOMPARE((*moved)->owner.level, AppLevel::Tenant);
    auto none = apps.get(*b, QStringLiteral("zoho"));
    SB_VERIFY_OK(none);
    QVERIFY(!none->has_value());
    QCOMPARE(countRows(**database, QStringLiteral("SELECT COUNT(*) FROM connections WHERE kind = 'crm'")), 0);
    QCOMPARE(countRows(**database, QStringLiteral("SELECT COUNT(*) FROM sealed_secrets")), 0);
}

void tst_Migrator::refusesNewerSchema()
{
    QFETCH(QString, backend);
    auto database = m_databases.createMigrated(backend);
    SB_VERIFY_OK(database);
    auto connection = (*database)->connection();
    SB_VERIFY_OK(connection);
    SB_VERIFY_OK(
        SqlQuery(*connection,
                 QStringLiteral("INSERT INTO schema_version (version, description, applied_at)"
                                " VALUES (999, 'from the future', 0)"))
            .exec());

    Migrator migrator(**database);
    const auto use = migrator.prepareForUse();
    QVERIFY(!use);
    QCOMPARE(use.error().code, ErrorCode::SchemaTooNew);
    QVERIFY2(use.error().message.contains(QLatin1String("999")), qPrintable(use.error().message));
    const auto migrate = migrator.migrate();
    QVERIFY(!migrate);
    QCOMPARE(migrate.error().code, ErrorCode::SchemaTooNew);
    // Nothing was downgraded or removed.
    QCOMPARE(countRows(**database, QStringLiteral("SELECT MAX(version) FROM schema_version")), 999);
}

void tst_Migrator::sqliteHasWalAndForeignKeys()
{
    auto database = m_databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    auto connection = (*database)->connection();
    SB_VERIFY_OK(connection);
    QSqlQuery query(*connection);
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys")) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    // Enforced, not just reported: a number for a tenant that does not exist is refused.
    QVERIFY(
        !query.exec(QStringLiteral("INSERT INTO phone_numbers (tenant_id, e164, provider, purpose,"
                                   " created_at) VALUES (4242, '+14155550100', 'twilio',"
                                   " 'clinic', 0)")));
}

QTEST_GUILESS_MAIN(tst_Migrator)
#include "tst_migrator.moc"
