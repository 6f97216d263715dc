#include "privatepostgres.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>

// A private cluster is started the Debian way (tests on Linux): as 'postgres' when run as root.
#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace Sb::Test {

namespace {
const QString kBin = QStringLiteral("/usr/lib/postgresql/15/bin/");

Error failed(const QString &what)
{
    return Error{ErrorCode::DatabaseUnavailable, what};
}

bool isRoot()
{
#ifdef Q_OS_UNIX
    return ::getuid() == 0;
#else
    return false;
#endif
}
} // namespace

PrivatePostgres::PrivatePostgres() = default;

PrivatePostgres::~PrivatePostgres()
{
    if (m_isRunning)
        stop().hasValue();
}

Status PrivatePostgres::run(const QStringList &command) const
{
    QProcess process;
    if (isRoot())
        process.start(
            QStringLiteral("runuser"),
            QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--")}
                + command);
    else
        process.start(command.first(), command.mid(1));
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        return failed(QStringLiteral("%1 failed: %2")
                          .arg(command.first(), QString::fromUtf8(process.readAllStandardError())));
    }
    return ok();
}

Status PrivatePostgres::start()
{
    const QString data = QDir(m_dir.path()).filePath(QStringLiteral("data"));
    if (!m_isInitialised) {
#ifdef Q_OS_UNIX
        if (isRoot()) {
            const passwd *postgres = getpwnam("postgres");
            if (!postgres
                || ::chown(QFile::encodeName(m_dir.path()).constData(),
                           postgres->pw_uid,
                           postgres->pw_gid)
                    != 0)
                return failed(QStringLiteral("cannot hand the cluster folder to 'postgres'"));
        }
#endif
        if (auto made = run({kBin + QStringLiteral("initdb"),
                             QStringLiteral("-D"),
                             data,
                             QStringLiteral("-U"),
                             QStringLiteral("sbadmin"),
                             QStringLiteral("--auth=trust"),
                             QStringLiteral("-E"),
                             QStringLiteral("UTF8")});
            !made)
            return made;
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
        probe.close();
        QFile config(QDir(data).filePath(QStringLiteral("postgresql.conf")));
        if (!config.open(QIODevice::Append))
            return failed(QStringLiteral("cannot configure the cluster"));
        config.write(
            QStringLiteral(
                "listen_addresses = '127.0.0.1'\nport = %1\nunix_socket_directories = '%2'\n"
                "fsync = off\n")
                .arg(m_port)
                .arg(m_dir.path())
                .toUtf8());
        config.close();
        m_isInitialised = true;
    }
    auto started = run({kBin + QStringLiteral("pg_ctl"),
                        QStringLiteral("-D"),
                        data,
                        QStringLiteral("-w"),
                        QStringLiteral("-l"),
                        QDir(m_dir.path()).filePath(QStringLiteral("server.log")),
                        QStringLiteral("start")});
    m_isRunning = bool(started);
    return started;
}

Status PrivatePostgres::stop()
{
    const QString data = QDir(m_dir.path()).filePath(QStringLiteral("data"));
    auto stopped = run({kBin + QStringLiteral("pg_ctl"),
                        QStringLiteral("-D"),
                        data,
                        QStringLiteral("-w"),
                        QStringLiteral("-m"),
                        QStringLiteral("fast"),
                        QStringLiteral("stop")});
    if (stopped)
        m_isRunning = false;
    return stopped;
}

QString PrivatePostgres::url(const QString &database) const
{
    return QStringLiteral("postgresql://sbadmin@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

} // namespace Sb::Test
