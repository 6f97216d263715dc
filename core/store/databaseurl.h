#pragma once

#include <core/common/result.h>

#include <QString>

namespace Sb::Store {

enum class Backend { Sqlite, Postgres };

// Where the store lives: `sqlite:PATH` or `postgresql://user@host:port/database`.
// A password is never part of the URL: libpq takes it from PGPASSFILE/~/.pgpass, or the
// caller hands it over separately (ConnectionOptions).
class DatabaseUrl final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::DatabaseUrl)

public:
    static Result<DatabaseUrl> parse(const QString &text);

    // --db value, else SWITCHBOARD_DB, else the settings file, else the embedded default.
    static Result<DatabaseUrl> resolve(const QString &explicitUrl);
    static QString defaultSqlitePath();

    Backend backend() const { return m_backend; }
    QString path() const { return m_path; }
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString user() const { return m_user; }
    // The same server and database, signed into as another login.
    DatabaseUrl withUser(const QString &user) const
    {
        DatabaseUrl other = *this;
        other.m_user = user;
        return other;
    }
    QString databaseName() const { return m_databaseName; }
    QString toString() const;

private:
    Backend m_backend = Backend::Sqlite;
    QString m_path;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_databaseName;
};

} // namespace Sb::Store
