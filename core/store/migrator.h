#pragma once

#include <optional>

#include "database.h"

#include <QList>

namespace Sb::Store {

struct SchemaStatus
{
    int currentVersion = 0;
    int latestVersion = 0;
    QList<int> pendingVersions;
    bool isTooNew() const { return currentVersion > latestVersion; }
    bool isCurrent() const { return currentVersion == latestVersion; }
};

// Applies the numbered SQL files under :/migrations/<backend>/ in order, each in its own
// transaction together with its schema_version row. Refuses a database newer than this build.
class Migrator final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::Migrator)

public:
    explicit Migrator(Database &database);

    Result<SchemaStatus> status();
    // Every pending step; with upToVersion, only those up to it (a test of a step that moves
    // data starts from the schema before it).
    Result<SchemaStatus> migrate(std::optional<int> upToVersion = std::nullopt);
    // For every program start: refuse a newer schema, migrate an embedded SQLite store, and ask
    // for `switchboardctl db migrate` on PostgreSQL (which needs an administrator's login).
    Status prepareForUse();

    static int latestVersion(Backend backend);

private:
    struct Step
    {
        int version;
        QString description;
        QString sql;
    };
    static QList<Step> steps(Backend backend);
    static QStringList splitStatements(const QString &sql);
    static QStringList splitPostgresStatements(const QString &sql);
    Result<int> currentVersion(QSqlDatabase &db);
    Status ensureVersionTable(QSqlDatabase &db);
    Status apply(QSqlDatabase &db, const Step &step);

    Database &m_database;
};

} // namespace Sb::Store
