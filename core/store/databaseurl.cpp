#include "databaseurl.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

namespace Sb::Store {

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    DatabaseUrl url;
    if (text.startsWith(u"sqlite:")) {
        url.m_backend = Backend::Sqlite;
        url.m_path = text.mid(int(qstrlen("sqlite:")));
        if (url.m_path.startsWith(u"//"))
            url.m_path = url.m_path.mid(2);
        if (url.m_path.isEmpty())
            return Error{ErrorCode::InvalidArgument, tr("sqlite: URL needs a file path")};
        return url;
    }
    const QUrl parsed(text, QUrl::StrictMode);
    if (!parsed.isValid() || (parsed.scheme() != u"postgresql" && parsed.scheme() != u"postgres")) {
        return Error{ErrorCode::InvalidArgument,
                     tr("Unsupported database URL '%1': use sqlite:PATH or "
                        "postgresql://user@host:port/database")
                         .arg(parsed.isValid() ? parsed.toString(QUrl::RemovePassword) : text)};
    }
    if (!parsed.password().isEmpty()) {
        return Error{ErrorCode::InvalidArgument,
                     tr("Database URLs must not carry a password; put it in ~/.pgpass "
                        "(or PGPASSFILE) instead")};
    }
    url.m_backend = Backend::Postgres;
    url.m_host = parsed.host().isEmpty() ? QStringLiteral("localhost") : parsed.host();
    url.m_port = parsed.port(5432);
    url.m_user = parsed.userName();
    url.m_databaseName = parsed.path().mid(1);
    if (url.m_databaseName.isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("PostgreSQL URL needs a database name")};
    return url;
}

Result<DatabaseUrl> DatabaseUrl::resolve(const QString &explicitUrl)
{
    if (!explicitUrl.isEmpty())
        return parse(explicitUrl);
    const QString fromEnvironment = qEnvironmentVariable("SWITCHBOARD_DB");
    if (!fromEnvironment.isEmpty())
        return parse(fromEnvironment);
    const QString fromSettings = QSettings().value(QStringLiteral("database/url")).toString();
    if (!fromSettings.isEmpty())
        return parse(fromSettings);
    return parse(QStringLiteral("sqlite:") + defaultSqlitePath());
}

QString DatabaseUrl::defaultSqlitePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("switchboard.db"));
}

QString DatabaseUrl::toString() const
{
    if (m_backend == Backend::Sqlite)
        return QStringLiteral("sqlite:") + m_path;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(m_user);
    url.setHost(m_host);
    url.setPort(m_port);
    url.setPath(u'/' + m_databaseName);
    return url.toString();
}

} // namespace Sb::Store
