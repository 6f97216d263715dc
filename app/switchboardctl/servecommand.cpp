#include "cli.h"

#include <core/ingest/ingestserver.h>
#include <core/vault/vaultadmin.h>

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QUrl>

#include <csignal>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcServe, "switchboard.serve", QtInfoMsg)

namespace Sb::Ctl {

namespace {
int s_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(s_signalPipe[1], &byte, 1);
}

// SIGINT/SIGTERM reach the event loop through a self-pipe; the server then stops accepting,
// answers what is in flight, and only then the loop ends.
void shutDownOnSignals(Ingest::IngestServer *server)
{
    QObject *context = server;
    if (::pipe(s_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [server] {
        char byte;
        [[maybe_unused]] const auto read = ::read(s_signalPipe[0], &byte, 1);
        server->shutDown();
    });
    QObject::connect(server, &Ingest::IngestServer::drained, context, &QCoreApplication::quit);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

Result<std::pair<QHostAddress, quint16>> listenAddress(const QString &text)
{
    const QUrl url(QStringLiteral("http://") + text);
    const QHostAddress address(url.host());
    if (!url.isValid() || address.isNull() || url.port() < 0) {
        return Error{
            ErrorCode::InvalidArgument,
            QStringLiteral("--listen takes ADDRESS:PORT, e.g. 127.0.0.1:8080 or [::1]:8080")};
    }
    return std::pair{address, quint16(url.port())};
}
} // namespace

int runServe(Cli &cli)
{
    if (!cli.arguments().isEmpty())
        return cli.usage(QStringLiteral("'serve' takes no arguments"));
    auto listen = listenAddress(cli.option(QStringLiteral("listen")));
    if (!listen)
        return cli.usage(listen.error().message);
    const QUrl publicUrl(cli.option(QStringLiteral("public-url")), QUrl::StrictMode);
    if (!publicUrl.isValid() || (publicUrl.scheme() != u"https" && publicUrl.scheme() != u"http")
        || publicUrl.host().isEmpty()) {
        return cli.usage(QStringLiteral("--public-url takes the URL providers call, e.g. "
                                        "https://hooks.example.org"));
    }
    auto database = cli.openDatabase();
    if (!database)
        return cli.fail(database.error());
    auto sealer = Vault::VaultAdmin(
                      **database, Vault::KeySource::resolve(cli.option(QStringLiteral("key-file"))))
                      .sealer();
    if (!sealer)
        return cli.fail(sealer.error());
    Ingest::IngestServerConfig config;
    config.publicUrl = publicUrl.toString();
    // Verified events wait here while the store is unreachable; one spool per machine and store.
    config.spoolDirectory = cli.isSet(QStringLiteral("spool-dir"))
        ? cli.option(QStringLiteral("spool-dir"))
        : QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
              .filePath(QStringLiteral("spool"));
    if (cli.isSet(QStringLiteral("max-body")))
        config.maxBodyBytes = cli.option(QStringLiteral("max-body")).toLongLong();
    Ingest::IngestServer server(
        *database, std::make_shared<const Vault::Sealer>(std::move(*sealer)), config);
    auto port = server.listen(listen->first, listen->second);
    if (!port)
        return cli.fail(port.error());
    shutDownOnSignals(&server);
    cli.out() << "listening on " << listen->first.toString() << ":" << *port << " for "
              << config.publicUrl << Qt::endl;
    qCInfo(lcServe) << "spool:" << config.spoolDirectory;
    return QCoreApplication::exec() == 0 ? ExitOk : ExitFailure;
}

} // namespace Sb::Ctl
