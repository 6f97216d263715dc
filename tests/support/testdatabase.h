#pragma once

#include <core/store/database.h>
#include <core/store/tenant.h>
#include <core/store/tenantscope.h>

#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Verifies a Result/Status and prints its error message when it failed.
#define SB_VERIFY_OK(expression)                                                                   \
    do {                                                                                           \
        const auto &sbResult_ = (expression);                                                      \
        if (!sbResult_)                                                                            \
            QFAIL(qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(#expression),              \
                                                          sbResult_.error().message)));            \
    } while (false)

namespace Sb::Test {

// Real stores for tests: a fresh SQLite file, or a fresh database on the private PostgreSQL
// server that `./dev test` starts (SB_TEST_PG_URL). A missing server fails the test.
class TestDatabase final
{
public:
    TestDatabase();
    ~TestDatabase();

    // QTest data rows "sqlite" and "postgres" with a QString column "backend".
    static void addBackendRows();
    static QString adminPostgresUrl();

    // Creates an empty store (no schema yet) on that backend.
    Result<std::shared_ptr<Store::Database>> create(const QString &backend);
    // Creates a store and applies every migration.
    Result<std::shared_ptr<Store::Database>> createMigrated(const QString &backend);
    // URL of the last store created.
    QString lastUrl() const { return m_lastUrl; }
    // A new login IN ROLE sb_ingest (what `serve` runs as) with a random name and password.
    struct Login
    {
        QString name;
        QString password;
    };
    Result<Login> createIngestLogin(Store::Database &admin);
    // A connection to another PostgreSQL login on the last database created.
    Result<std::shared_ptr<Store::Database>> connectAs(const QString &login,
                                                       const QString &password);

    // A new staff member of the named tenant, signed in as the console signs in: on PostgreSQL
    // through a login of their own (a random suffix keeps runs apart), under row-level security.
    struct Member
    {
        std::shared_ptr<Store::Database> database; // as this staff member signed in
        Store::StaffMember staff;
        Store::TenantScope scope;
    };
    Result<Member> member(const std::shared_ptr<Store::Database> &admin,
                          const QString &name,
                          const QString &tenant,
                          Store::Role role = Store::Role::Staff);
    // The password of every member's login (PostgreSQL; SQLite has none).
    static QString memberPassword();

private:
    QTemporaryDir m_dir;
    QStringList m_postgresDatabases;
    QString m_lastUrl;
};

} // namespace Sb::Test
