#include "migrator.h"

#include "sqlquery.h"
#include "storelog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace Sb::Store {

namespace {
// Serialises concurrent `db migrate` runs against one PostgreSQL database.
constexpr qint64 kMigrationLockKey = 0x5357'4244'4d49'4752; // "SWBDMIGR"

QString backendFolder(Backend backend)
{
    return backend == Backend::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}
} // namespace

Migrator::Migrator(Database &database)
    : m_database(database)
{}

QList<Migrator::Step> Migrator::steps(Backend backend)
{
    static const QRegularExpression fileName(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    const QDir dir(QStringLiteral(":/migrations/") + backendFolder(backend));
    QList<Step> result;
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        const auto match = fileName.match(name);
        Q_ASSERT_X(match.hasMatch(), "Migrator", "migration file names are NNNN_name.sql");
        QFile file(dir.filePath(name));
        if (!match.hasMatch() || !file.open(QIODevice::ReadOnly))
            continue;
        result.append({match.captured(1).toInt(),
                       match.captured(2).replace(u'_', u' '),
                       QString::fromUtf8(file.readAll())});
    }
    return result;
}

int Migrator::latestVersion(Backend backend)
{
    const auto all = steps(backend);
    return all.isEmpty() ? 0 : all.last().version;
}

// Our SQLite files end every statement with ';' at the end of a line (see the file header);
// PostgreSQL files run whole, as PostgreSQL itself parses several statements in one request.
QStringList Migrator::splitStatements(const QString &sql)
{
    QStringList statements;
    QString current;
    const QStringList lines = sql.split(u'\n');
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u"--"))
            continue;
        current += line + u'\n';
        if (trimmed.endsWith(u';')) {
            statements.append(current);
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current);
    return statements;
}

// PostgreSQL files are split at top-level semicolons (not inside quotes, dollar-quoted bodies
// or comments) and run one statement at a time: run whole, Qt's driver reports the first
// statement's result, and a failure further on surfaced only as "current transaction is
// aborted" from whatever ran next.
QStringList Migrator::splitPostgresStatements(const QString &sql)
{
    QStringList statements;
    QString current;
    QString dollarTag; // inside $tag$ … $tag$ when not empty
    QChar quote; // ' or " when inside one
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (!dollarTag.isEmpty()) {
            if (sql.mid(i, dollarTag.size()) == dollarTag) {
                current += dollarTag;
                i += dollarTag.size() - 1;
                dollarTag.clear();
            } else {
                current += c;
            }
            continue;
        }
        if (!quote.isNull()) {
            current += c;
            if (c == quote)
                quote = QChar(); // a doubled quote closes and reopens: same text either way
            continue;
        }
        if (c == u'-' && sql.mid(i, 2) == u"--") {
            const qsizetype end = sql.indexOf(u'\n', i);
            i = end < 0 ? sql.size() : end;
            current += u'\n';
            continue;
        }
        if (c == u'\'' || c == u'"') {
            quote = c;
            current += c;
            continue;
        }
        if (c == u'$') {
            static const QRegularExpression tag(QStringLiteral("^\\$[A-Za-z_]*\\$"));
            const auto match = tag.match(QStringView(sql).mid(i));
            if (match.hasMatch()) {
                dollarTag = match.captured(0);
                current += dollarTag;
                i += dollarTag.size() - 1;
                continue;
            }
        }
        if (c == u';') {
            if (!current.trimmed().isEmpty())
                statements.append(current.trimmed());
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

Status Migrator::ensureVersionTable(QSqlDatabase &db)
{
    // DDL cannot be a prepared statement on PostgreSQL: run it directly.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                   " version INTEGER PRIMARY KEY,"
                                   " description TEXT NOT NULL,"
                                   " applied_at BIGINT NOT NULL)")))
        return sqlError(query.lastError(), db.driverName());
    return ok();
}

Result<int> Migrator::currentVersion(QSqlDatabase &db)
{
    if (!db.tables().contains(QStringLiteral("schema_version")))
        return 0;
    auto value =
        SqlQuery(db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"))
            .scalar();
    if (!value)
        return value.error();
    return value->toInt();
}

Result<SchemaStatus> Migrator::status()
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto current = currentVersion(*connection);
    if (!current)
        return current.error();
    SchemaStatus status;
    status.currentVersion = *current;
    for (const Step &step : steps(m_database.backend())) {
        status.latestVersion = step.version;
        if (step.version > *current)
            status.pendingVersions.append(step.version);
    }
    return status;
}

Status Migrator::apply(QSqlDatabase &db, const Step &step)
{
    const QStringList statements = m_database.backend() == Backend::Sqlite
        ? splitStatements(step.sql)
        : splitPostgresStatements(step.sql);
    for (qsizetype i = 0; i < statements.size(); ++i) {
        QSqlQuery query(db);
        if (!query.exec(statements.at(i))) {
            QString opening = statements.at(i).simplified().left(60);
            return Error{ErrorCode::MigrationFailed,
                         tr("Migration %1 (%2) failed at statement %3 (%4…): %5")
                             .arg(step.version)
                             .arg(step.description)
                             .arg(i + 1)
                             .arg(opening, query.lastError().text().trimmed())};
        }
    }
    return SqlQuery(db,
                    QStringLiteral("INSERT INTO schema_version (version, description, applied_at)"
                                   " VALUES (:version, :description, :at)"))
        .bind(QStringLiteral(":version"), step.version)
        .bind(QStringLiteral(":description"), step.description)
        .bind(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch())
        .exec();
}

Result<SchemaStatus> Migrator::migrate(std::optional<int> upToVersion)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    if (auto created = ensureVersionTable(*connection); !created)
        return created.error();
    for (const Step &step : steps(m_database.backend())) {
        if (upToVersion && step.version > *upToVersion)
            break;
        auto applied = m_database.adminTransaction(TransactionMode::Write, [&](QSqlDatabase &db) {
            if (m_database.backend() == Backend::Postgres) {
                auto locked = SqlQuery(db, QStringLiteral("SELECT pg_advisory_xact_lock(:key)"))
                                  .bind(QStringLiteral(":key"), kMigrationLockKey)
                                  .exec();
                if (!locked)
                    return locked;
            }
            // Checked inside the transaction: another process may have applied it meanwhile.
            auto current = currentVersion(db);
            if (!current)
                return Status(current.error());
            if (*current > latestVersion(m_database.backend())) {
                return Status(Error{ErrorCode::SchemaTooNew,
                                    tr("The database schema is version %1, newer than this "
                                       "program knows (%2); refusing to downgrade it. Update "
                                       "Switchboard.")
                                        .arg(*current)
                                        .arg(latestVersion(m_database.backend()))});
            }
            if (*current >= step.version)
                return ok();
            qCInfo(lcStore) << "applying migration" << step.version << step.description;
            return apply(db, step);
        });
        if (!applied)
            return applied.error();
    }
    return status();
}

Status Migrator::prepareForUse()
{
    auto current = status();
    if (!current)
        return current.error();
    if (current->isTooNew()) {
        return Error{ErrorCode::SchemaTooNew,
                     tr("The database schema is version %1, newer than this program knows (%2); "
                        "refusing to use it. Update Switchboard.")
                         .arg(current->currentVersion)
                         .arg(current->latestVersion)};
    }
    if (current->isCurrent())
        return ok();
    if (m_database.backend() == Backend::Sqlite) {
        auto migrated = migrate();
        if (!migrated)
            return migrated.error();
        return ok();
    }
    return Error{ErrorCode::MigrationFailed,
                 tr("The database schema is version %1 but this program needs %2: run "
                    "'switchboardctl db migrate' with an administrator's login")
                     .arg(current->currentVersion)
                     .arg(current->latestVersion)};
}

} // namespace Sb::Store
