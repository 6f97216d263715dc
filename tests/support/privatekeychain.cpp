#include "privatekeychain.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QThread>

#include <signal.h>

namespace Sb::Test {

namespace {
const char *const kBusConfig =
    R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=%1</listen>
  <servicedir>%2</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)";

Error failed(const QString &what)
{
    return Error{ErrorCode::KeychainUnavailable, what};
}
} // namespace

PrivateKeychain::PrivateKeychain(Mode mode)
    : m_mode(mode)
{}

PrivateKeychain::~PrivateKeychain()
{
    // gnome-keyring-daemon leaves when its bus goes away.
    if (m_busPid > 0)
        ::kill(pid_t(m_busPid), SIGTERM);
}

Status PrivateKeychain::start()
{
    const QDir home(m_home.path());
    for (const char *dir : {"data", "config", "run", "empty", "bus"})
        home.mkpath(QLatin1String(dir));
    QFile::setPermissions(home.filePath(QStringLiteral("run")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile config(home.filePath(QStringLiteral("bus.conf")));
    if (!config.open(QIODevice::WriteOnly))
        return failed(QStringLiteral("cannot write the bus configuration"));
    config.write(
        QString::fromLatin1(kBusConfig)
            .arg(home.filePath(QStringLiteral("bus")), home.filePath(QStringLiteral("empty")))
            .toUtf8());
    config.close();

    QProcess bus;
    bus.start(QStringLiteral("dbus-daemon"),
              {QStringLiteral("--config-file=") + config.fileName(),
               QStringLiteral("--fork"),
               QStringLiteral("--print-address=1"),
               QStringLiteral("--print-pid=1")});
    if (!bus.waitForFinished(10000) || bus.exitCode() != 0)
        return failed(QStringLiteral("dbus-daemon did not start: ")
                      + QString::fromUtf8(bus.readAllStandardError()));
    const QStringList printed =
        QString::fromUtf8(bus.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    if (printed.size() < 2)
        return failed(QStringLiteral("dbus-daemon printed no address"));
    m_busAddress = printed.at(0).trimmed();
    m_busPid = printed.at(1).trimmed().toLongLong();

    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_busAddress);
    m_environment.insert(QStringLiteral("HOME"), m_home.path());
    m_environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                         home.filePath(QStringLiteral("config")));
    m_environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
    m_environment.remove(QStringLiteral("GNOME_KEYRING_CONTROL"));
    m_environment.remove(QStringLiteral("SWITCHBOARD_VAULT_KEY_FILE"));
    m_environment.remove(QStringLiteral("CREDENTIALS_DIRECTORY"));
    if (m_mode == Mode::NoSecretService)
        return ok();

    QProcess keyring;
    keyring.setProcessEnvironment(m_environment);
    keyring.start(QStringLiteral("gnome-keyring-daemon"),
                  {QStringLiteral("--unlock"),
                   QStringLiteral("--components=secrets"),
                   QStringLiteral("--daemonize")});
    keyring.write("private-keyring-password");
    keyring.closeWriteChannel();
    if (!keyring.waitForFinished(10000) || keyring.exitCode() != 0)
        return failed(QStringLiteral("gnome-keyring-daemon did not start"));
    // Ready once the service answers on the bus.
    auto connection = QDBusConnection::connectToBus(m_busAddress, m_busAddress);
    for (int attempt = 0; attempt < 100; ++attempt) {
        QDBusMessage ping =
            QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.secrets"),
                                           QStringLiteral("/org/freedesktop/secrets"),
                                           QStringLiteral("org.freedesktop.DBus.Peer"),
                                           QStringLiteral("Ping"));
        if (connection.call(ping).type() == QDBusMessage::ReplyMessage)
            return ok();
        QThread::msleep(50);
    }
    return failed(QStringLiteral("the private Secret Service never answered"));
}

Status PrivateKeychain::lock()
{
    auto connection = QDBusConnection::connectToBus(m_busAddress, m_busAddress);
    QDBusMessage call =
        QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.secrets"),
                                       QStringLiteral("/org/freedesktop/secrets"),
                                       QStringLiteral("org.freedesktop.Secret.Service"),
                                       QStringLiteral("Lock"));
    call << QVariant::fromValue(QList<QDBusObjectPath>{
        QDBusObjectPath(QStringLiteral("/org/freedesktop/secrets/aliases/default"))});
    const QDBusMessage reply = connection.call(call);
    if (reply.type() != QDBusMessage::ReplyMessage)
        return failed(QStringLiteral("could not lock the keyring: ") + reply.errorMessage());
    return ok();
}

} // namespace Sb::Test
