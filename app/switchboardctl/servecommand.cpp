#include "cli.h"
#include "stopsignals.h"

#include <core/ingest/ingestserver.h>
#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/providers/grantrefresh.h>
#include <core/providers/ringcentral/ringcentralfollower.h>
#include <core/providers/webhookendpoints.h>
#include <core/vault/vaultadmin.h>

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QUrl>

#ifdef Q_OS_UNIX
#include <sys/resource.h> // the open-files limit (Windows has none per process for sockets)
#endif

Q_LOGGING_CATEGORY(lcServe, "switchboard.serve", QtInfoMsg)

namespace Sb::Ctl {

namespace {
// The server stops accepting, answers what is in flight, and only then the loop ends.
void shutDownOnSignals(Ingest::IngestServer *server)
{
    onStopSignals(server, [server] { server->shutDown(); });
    QObject::connect(server, &Ingest::IngestServer::drained, server, &QCoreApplication::quit);
}

// The soft limit on open files raised to the hard one (a server's usual first step); what it
// is now.
int raiseFileLimit()
{
#ifndef Q_OS_UNIX
    return 16384; // sockets are not counted against a descriptor limit there
#else
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return int(std::min<rlim_t>(limit.rlim_cur, 1 << 20));
#endif
}

Result<qint64> positiveNumber(Cli &cli, const QString &option, qint64 most)
{
    bool isNumber = false;
    const qint64 value = cli.option(option).toLongLong(&isNumber);
    if (!isNumber || value < 1 || value > most)
        return Error{
            ErrorCode::InvalidArgument,
            QStringLiteral("--%1 takes a whole number from 1 to %2").arg(option).arg(most)};
    return value;
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
    Ingest::IngestServerConfig config;
    config.publicUrl = publicUrl.toString();
    // Verified events wait here while the store is unreachable; one spool per machine and store.
    config.spoolDirectory = cli.isSet(QStringLiteral("spool-dir"))
        ? cli.option(QStringLiteral("spool-dir"))
        : QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
              .filePath(QStringLiteral("spool"));
    if (cli.isSet(QStringLiteral("max-body"))) {
        auto bytes = positiveNumber(cli, QStringLiteral("max-body"), 64 << 20);
        if (!bytes)
            return cli.usage(bytes.error().message);
        config.maxBodyBytes = *bytes;
    }
    if (cli.isSet(QStringLiteral("quarantine-budget"))) {
        auto mebibytes = positiveNumber(cli, QStringLiteral("quarantine-budget"), 1 << 20);
        if (!mebibytes)
            return cli.usage(mebibytes.error().message);
        config.quarantineBudgetBytes = *mebibytes << 20;
    }
    // Every connection is a file descriptor: the cap stays below what this process may open.
    const int descriptors = raiseFileLimit();
    config.http.maxConnections = std::min(config.http.maxConnections, descriptors - 64);
    if (cli.isSet(QStringLiteral("max-connections"))) {
        auto connections = positiveNumber(cli, QStringLiteral("max-connections"), descriptors - 64);
        if (!connections)
            return cli.usage(connections.error().message);
        config.http.maxConnections = int(*connections);
    }
    auto database = cli.openDatabase();
    if (!database)
        return cli.fail(database.error());
    auto sealer = Vault::VaultAdmin(
                      **database, Vault::KeySource::resolve(cli.option(QStringLiteral("key-file"))))
                      .sealer();
    if (!sealer)
        return cli.fail(sealer.error());
    const auto vaultSealer = std::make_shared<const Vault::Sealer>(std::move(*sealer));
    Ingest::IngestServer server(*database, vaultSealer, Providers::webhookEndpoints(), config);
    // Staff members' own RingCentral lines: what their notifications announce is fetched as
    // them, and their subscriptions are kept alive.
    Net::HttpClient http;
    const QUrl ringCentral = Providers::ringCentralPlatformFromEnvironment();
    OAuth::AccessTokens tokens(*database, vaultSealer, http,
                               Providers::refreshTargetsForAll(Providers::CrmPlatforms(), vaultSealer, ringCentral));
    Providers::RingCentral::RingCentralFollower lines(*database, vaultSealer, http, tokens, ringCentral, publicUrl);
    server.followStored(QStringLiteral("ringcentral"),
                        [&lines](const Store::TenantScope &tenant, const Ingest::IngestEvent &event) {
                            lines.notified(tenant, event.rawBody);
                        });
    auto port = server.listen(listen->first, listen->second);
    if (!port)
        return cli.fail(port.error());
    shutDownOnSignals(&server);
    lines.start();
    cli.out() << "listening on " << listen->first.toString() << ":" << *port << " for "
              << config.publicUrl << Qt::endl;
    qCInfo(lcServe) << "at most" << config.http.maxConnections << "connections; bodies up to"
                    << config.maxBodyBytes << "bytes; quarantine budget"
                    << (config.quarantineBudgetBytes >> 20) << "MiB";
    qCInfo(lcServe) << "spool:" << config.spoolDirectory;
    return QCoreApplication::exec() == 0 ? ExitOk : ExitFailure;
}

} // namespace Sb::Ctl
