#include "../support/testdatabase.h"

#include <core/store/callstore.h>
#include <core/store/phonenumberstore.h>
#include <core/store/sqlquery.h>
#include <core/store/staffstore.h>
#include <core/tenancy/staffsession.h>
#include <core/store/tenantstore.h>

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

using namespace Sb;
using namespace Sb::Store;

// PostgreSQL enforces isolation itself: a modified client holding a staff login, issuing raw
// SQL, still cannot read or write another tenant's rows.
class tst_RowLevelSecurity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyTenantTableForcesRowLevelSecurity();
    void catalogCheckCatchesAForgottenTable();
    void noRuntimeRoleBypassesPolicies();
    void staffLoginSeesOnlyItsTenants();
    void staffLoginCannotTouchOtherTenantWithRawSql();
    void wordSearchFunctionAnswersForTheCallersTenantsOnly();
    void staffSessionOverPostgresListsMemberTenantsOnly();
    void ingestRoleSeesOnlyTransactionTenant();

private:
    QSqlQuery run(QSqlDatabase db, const QString &sql);
    int count(QSqlDatabase db, const QString &sql);

    Test::TestDatabase m_databases;
    std::shared_ptr<Database> m_admin;
    std::shared_ptr<Database> m_alice; // staff login, member of clinic-a only
    Store::Tenant m_tenantA;
    Store::Tenant m_tenantB;
    QString m_suffix;
    QString m_alicePassword;
};

// Raw SQL as a modified client would send it; :a and :b are bound to the two tenants' ids.
QSqlQuery tst_RowLevelSecurity::run(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.prepare(sql))
        return query;
    if (sql.contains(u":a"))
        query.bindValue(QStringLiteral(":a"), m_tenantA.id.value());
    if (sql.contains(u":b"))
        query.bindValue(QStringLiteral(":b"), m_tenantB.id.value());
    query.exec();
    return query;
}

int tst_RowLevelSecurity::count(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query = run(db, sql);
    if (!query.isActive() || !query.next())
        return -1;
    return query.value(0).toInt();
}

static const char *const kCatalogCheck =
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
    " AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid"
    "             AND a.attname = 'tenant_id' AND NOT a.attisdropped)"
    " AND NOT (c.relrowsecurity AND c.relforcerowsecurity) ORDER BY 1";

void tst_RowLevelSecurity::initTestCase()
{
    auto admin = m_databases.createMigrated(QStringLiteral("postgres"));
    SB_VERIFY_OK(admin);
    m_admin = *admin;
    Store::TenantStore tenants(*m_admin);
    auto a = tenants.add(QStringLiteral("clinic-a"), QStringLiteral("Clinic A"));
    auto b = tenants.add(QStringLiteral("clinic-b"), QStringLiteral("Clinic B"));
    SB_VERIFY_OK(a);
    SB_VERIFY_OK(b);
    m_tenantA = *a;
    m_tenantB = *b;
    Tenancy::AdminSession session(*m_admin);
    PhoneNumberStore numbers(*m_admin);
    CallStore calls(*m_admin);
    for (const auto &[tenant, e164] : {std::pair{m_tenantA, QStringLiteral("+14155550100")},
                                       std::pair{m_tenantB, QStringLiteral("+12125550100")}}) {
        auto scope = session.scope(tenant.name);
        SB_VERIFY_OK(scope);
        PhoneNumber number;
        number.e164 = e164;
        SB_VERIFY_OK(numbers.add(*scope, number));
        CallRecord call;
        call.provider = QStringLiteral("twilio");
        call.providerCallId = QStringLiteral("CA-") + tenant.name;
        call.fromE164 = call.counterpartE164 = QStringLiteral("+15550001111");
        call.toE164 = e164;
        call.status = QStringLiteral("completed");
        call.startedAt = 1000;
        call.summary = QStringLiteral("Patient asked about periodontal care");
        SB_VERIFY_OK(calls.insert(*scope, call));
    }
    // Logins are cluster-wide: a random suffix keeps test runs apart.
    m_suffix = QString::number(QRandomGenerator::global()->generate(), 36);
    m_alicePassword = QStringLiteral("alice-secret-") + m_suffix;
    Store::StaffStore staff(*m_admin);
    auto alice =
        staff.addToTenant(QStringLiteral("alice_") + m_suffix, m_tenantA, Store::Role::Admin);
    SB_VERIFY_OK(alice);
    SB_VERIFY_OK(staff.setLogin(*alice, m_alicePassword));
    auto aliceDb = m_databases.connectAs(alice->name, m_alicePassword);
    SB_VERIFY_OK(aliceDb);
    m_alice = *aliceDb;
}

void tst_RowLevelSecurity::everyTenantTableForcesRowLevelSecurity()
{
    auto db = m_admin->connection();
    SB_VERIFY_OK(db);
    QSqlQuery query(*db);
    QVERIFY(query.exec(QString::fromLatin1(kCatalogCheck)));
    QStringList unprotected;
    while (query.next())
        unprotected << query.value(0).toString();
    QVERIFY2(unprotected.isEmpty(),
             qPrintable(QStringLiteral("tables with tenant_id but no forced "
                                       "row-level security: ")
                        + unprotected.join(u", ")));
    // And the tables the check cannot see by column: tenants, staff, quarantine.
    QCOMPARE(count(*db,
                   QStringLiteral("SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n"
                                  " ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
                                  " AND c.relkind = 'r' AND c.relname <> 'schema_version'"
                                  " AND NOT (c.relrowsecurity AND c.relforcerowsecurity)")),
             0);
}

void tst_RowLevelSecurity::catalogCheckCatchesAForgottenTable()
{
    auto db = m_admin->connection();
    SB_VERIFY_OK(db);
    QSqlQuery query(*db);
    QVERIFY(query.exec(QStringLiteral("BEGIN")));
    QVERIFY(query.exec(
        QStringLiteral("CREATE TABLE forgotten (id BIGINT, tenant_id BIGINT NOT NULL)")));
    QVERIFY(query.exec(QString::fromLatin1(kCatalogCheck)));
    QStringList found;
    while (query.next())
        found << query.value(0).toString();
    QVERIFY(query.exec(QStringLiteral("ROLLBACK")));
    QCOMPARE(found, QStringList{QStringLiteral("forgotten")});
}

void tst_RowLevelSecurity::noRuntimeRoleBypassesPolicies()
{
    auto db = m_admin->connection();
    SB_VERIFY_OK(db);
    QCOMPARE(count(*db,
                   QStringLiteral("SELECT COUNT(*) FROM pg_roles WHERE rolname IN"
                                  " ('sb_owner', 'sb_staff', 'sb_ingest', 'sb_admin')"
                                  " AND (rolsuper OR rolbypassrls OR rolcanlogin)")),
             0);
    // Every table belongs to sb_owner, which no program process runs as.
    QCOMPARE(count(*db,
                   QStringLiteral("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"
                                  " AND tablename <> 'schema_version'"
                                  " AND tableowner <> 'sb_owner'")),
             0);
    auto alice = m_alice->connection();
    SB_VERIFY_OK(alice);
    QSqlQuery query(*alice);
    for (const char *role : {"sb_owner", "sb_admin", "sb_ingest"})
        QVERIFY2(!query.exec(QStringLiteral("SET ROLE %1").arg(QLatin1String(role))), role);
}

void tst_RowLevelSecurity::staffLoginSeesOnlyItsTenants()
{
    auto alice = m_alice->connection();
    SB_VERIFY_OK(alice);
    for (const char *sql : {"SELECT COUNT(*) FROM phone_numbers WHERE tenant_id = :b",
                            "SELECT COUNT(*) FROM calls WHERE tenant_id = :b",
                            "SELECT COUNT(*) FROM call_notes WHERE tenant_id = :b",
                            "SELECT COUNT(*) FROM messages WHERE tenant_id = :b",
                            "SELECT COUNT(*) FROM leads WHERE tenant_id = :b",
                            "SELECT COUNT(*) FROM crm_contacts WHERE tenant_id = :b",
                            "SELECT COUNT(*) FROM connections WHERE tenant_id = :b",
                            "SELECT COUNT(*) FROM webhook_events WHERE tenant_id = :b",
                            "SELECT COUNT(*) FROM memberships WHERE tenant_id = :b",
                            "SELECT COUNT(*) FROM audit_log WHERE tenant_id = :b",
                            "SELECT COUNT(*) FROM sealed_secrets WHERE tenant_id = :b"}) {
        QVERIFY2(count(*alice, QLatin1String(sql)) == 0, sql);
    }
    QCOMPARE(count(*alice, QStringLiteral("SELECT COUNT(*) FROM tenants")), 1);
    QCOMPARE(count(*alice, QStringLiteral("SELECT COUNT(*) FROM phone_numbers")), 1);
    QCOMPARE(count(*alice, QStringLiteral("SELECT COUNT(*) FROM calls")), 1);
    QCOMPARE(count(*alice, QStringLiteral("SELECT COUNT(*) FROM staff")), 1);
    // Quarantine holds unrouted events of any tenant: administrators only.
    QCOMPARE(count(*alice, QStringLiteral("SELECT COUNT(*) FROM quarantine")), -1);
}

void tst_RowLevelSecurity::staffLoginCannotTouchOtherTenantWithRawSql()
{
    auto alice = m_alice->connection();
    SB_VERIFY_OK(alice);
    // Every time, not just once: the policies hold for a repeated and varied attempt.
    for (int attempt = 0; attempt < 5; ++attempt) {
        // A session-level tenant setting does not widen a staff login's policy.
        QVERIFY(run(*alice,
                    QStringLiteral("SELECT set_config('app.tenant_id', CAST(:b AS text), false)"))
                    .isActive());
        QCOMPARE(count(*alice, QStringLiteral("SELECT COUNT(*) FROM calls WHERE tenant_id = :b")),
                 0);
        QSqlQuery update =
            run(*alice,
                QStringLiteral("UPDATE phone_numbers SET label = 'owned' WHERE tenant_id = :b"));
        QVERIFY(update.isActive());
        QCOMPARE(update.numRowsAffected(), 0);
        QSqlQuery deletion = run(*alice, QStringLiteral("DELETE FROM calls WHERE tenant_id = :b"));
        QVERIFY(deletion.isActive());
        QCOMPARE(deletion.numRowsAffected(), 0);
        deletion = run(*alice, QStringLiteral("DELETE FROM phone_numbers WHERE tenant_id <> :a"));
        QVERIFY(deletion.isActive());
        QCOMPARE(deletion.numRowsAffected(), 0);
        QSqlQuery insert =
            run(*alice,
                QStringLiteral("INSERT INTO phone_numbers (tenant_id, e164, provider,"
                               " purpose, created_at) VALUES (:b, '+13125550100',"
                               " 'twilio', 'clinic', 0)"));
        QVERIFY(!insert.isActive());
        QCOMPARE(insert.lastError().nativeErrorCode(), QStringLiteral("42501"));
        // Moving one's own row into another tenant is refused by WITH CHECK.
        QVERIFY(!run(*alice, QStringLiteral("UPDATE calls SET tenant_id = :b WHERE tenant_id = :a"))
                     .isActive());
        QVERIFY(
            !run(*alice,
                 QStringLiteral("INSERT INTO memberships (tenant_id, staff_id, role, created_at)"
                                " SELECT :b, id, 'owner', 0 FROM staff"))
                 .isActive());
        QSqlQuery ddl(*alice);
        QVERIFY(!ddl.exec(QStringLiteral("TRUNCATE calls")));
        QVERIFY(!ddl.exec(QStringLiteral("ALTER TABLE calls DISABLE ROW LEVEL SECURITY")));
    }
    // Nothing of B's changed.
    auto admin = m_admin->connection();
    SB_VERIFY_OK(admin);
    QCOMPARE(count(*admin, QStringLiteral("SELECT COUNT(*) FROM calls WHERE tenant_id = :b")), 1);
    QCOMPARE(count(*admin,
                   QStringLiteral(
                       "SELECT COUNT(*) FROM phone_numbers WHERE tenant_id = :b AND label = ''")),
             1);
}

// sb_calls_matching runs as sb_owner (so the text index is usable under row-level security):
// it must decide the caller's right to the tenant itself, exactly as the policies would.
void tst_RowLevelSecurity::wordSearchFunctionAnswersForTheCallersTenantsOnly()
{
    auto alice = m_alice->connection();
    SB_VERIFY_OK(alice);
    const QString matchesInA = QStringLiteral(
        "SELECT COUNT(*) FROM sb_calls_matching(CAST(:a AS bigint), 'periodont:*', 10)");
    const QString matchesInB = QStringLiteral(
        "SELECT COUNT(*) FROM sb_calls_matching(CAST(:b AS bigint), 'periodont:*', 10)");
    QCOMPARE(count(*alice, matchesInA), 1);
    for (int attempt = 0; attempt < 3; ++attempt) {
        QVERIFY(run(*alice,
                    QStringLiteral("SELECT set_config('app.tenant_id', CAST(:b AS text), false)"))
                    .isActive());
        QCOMPARE(count(*alice, matchesInB), 0);
    }
    // An administrator reads every tenant.
    auto admin = m_admin->connection();
    SB_VERIFY_OK(admin);
    QCOMPARE(count(*admin, matchesInB), 1);
    // Nobody else may call it at all.
    auto login = m_databases.createIngestLogin(*m_admin);
    SB_VERIFY_OK(login);
    auto ingest = m_databases.connectAs(login->name, login->password);
    SB_VERIFY_OK(ingest);
    auto connection = (*ingest)->connection();
    SB_VERIFY_OK(connection);
    QCOMPARE(count(*connection, matchesInA), -1);
}

void tst_RowLevelSecurity::staffSessionOverPostgresListsMemberTenantsOnly()
{
    auto session = Tenancy::StaffSession::signIn(*m_alice, {});
    SB_VERIFY_OK(session);
    QCOMPARE(session->memberships().size(), 1);
    QCOMPARE(session->memberships().first().tenant.id, m_tenantA.id);
    QCOMPARE(session->scope(m_tenantB.id).error().code, ErrorCode::AccessDenied);
    // Even the administrator path cannot name B through alice's login: RLS hides it.
    const auto viaAdmin = Tenancy::AdminSession(*m_alice).scope(QStringLiteral("clinic-b"));
    QVERIFY(!viaAdmin);
    QCOMPARE(viaAdmin.error().code, ErrorCode::UnknownTenant);
    auto scopeA = session->scope(m_tenantA.id);
    SB_VERIFY_OK(scopeA);
    auto numbers = PhoneNumberStore(*m_alice).list(*scopeA);
    SB_VERIFY_OK(numbers);
    QCOMPARE(numbers->size(), 1);
}

void tst_RowLevelSecurity::ingestRoleSeesOnlyTransactionTenant()
{
    const QString login = QStringLiteral("ingest_") + m_suffix;
    const QString password = QStringLiteral("ingest-secret-") + m_suffix;
    auto admin = m_admin->connection();
    SB_VERIFY_OK(admin);
    auto statement =
        SqlQuery(*admin,
                 QStringLiteral("SELECT format('CREATE ROLE %I LOGIN PASSWORD %L"
                                " IN ROLE sb_ingest', CAST(:login AS text), CAST(:pw AS text))"))
            .bind(QStringLiteral(":login"), login)
            .bind(QStringLiteral(":pw"), password)
            .scalar();
    SB_VERIFY_OK(statement);
    QSqlQuery create(*admin);
    QVERIFY2(create.exec(statement->toString()), qPrintable(create.lastError().text()));
    auto ingest = m_databases.connectAs(login, password);
    SB_VERIFY_OK(ingest);
    auto db = (*ingest)->connection();
    SB_VERIFY_OK(db);
    QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM calls")), 0);
    QSqlQuery query(*db);
    QVERIFY(query.exec(QStringLiteral("BEGIN")));
    QVERIFY(run(*db, QStringLiteral("SELECT set_config('app.tenant_id', CAST(:a AS text), true)"))
                .isActive());
    QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM calls")), 1);
    QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM calls WHERE tenant_id = :b")), 0);
    QVERIFY(!run(*db,
                 QStringLiteral(
                     "INSERT INTO leads (tenant_id, created_at, updated_at) VALUES (:b, 0, 0)"))
                 .isActive());
    QVERIFY(query.exec(QStringLiteral("ROLLBACK")));
    // Transaction-local: the next transaction on this pooled connection sees nothing again.
    QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM calls")), 0);
}

QTEST_GUILESS_MAIN(tst_RowLevelSecurity)
#include "tst_rowlevelsecurity.moc"
