// Ingest benchmark (./dev bench): signed Twilio SMS webhooks from wrk (64 connections) to one
// `switchboardctl serve`, on SQLite and on PostgreSQL, and pgbench's single-row insert rate on
// the same PostgreSQL as the ceiling. Prints events/s and latency percentiles.
#include "../../support/testdatabase.h"

#include <core/providers/twilio/twiliosignature.h>
#include <core/store/migrator.h>
#include <core/store/phonenumberstore.h>
#include <core/store/sqlquery.h>
#include <core/tenancy/staffsession.h>
#include <core/store/tenantstore.h>
#include <core/vault/sealedsecretstore.h>
#include <core/vault/vaultadmin.h>

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrlQuery>

#include <unistd.h>

using namespace Sb;

namespace {
constexpr int kTenants = 10;
constexpr int kEvents = 400'000; // more than a 15 s run sends: every request is a new event
const QString kPublicUrl = QStringLiteral("https://hooks.example.org");

struct Figures
{
    double eventsPerSecond = 0;
    QString p50, p99;
    int stored = 0;
    qint64 sent = 0;
};

Status prepareStore(Store::Database &database, const QString &keyFile, const QString &requestFile)
{
    if (auto migrated = Store::Migrator(database).migrate(); !migrated)
        return migrated.error();
    if (auto state = Vault::VaultAdmin(database, Vault::KeySource::file(keyFile)).init(); !state)
        return state.error();
    auto sealer = Vault::VaultAdmin(database, Vault::KeySource::file(keyFile)).sealer();
    if (!sealer)
        return sealer.error();
    QFile out(requestFile);
    if (!out.open(QIODevice::WriteOnly))
        return Error{ErrorCode::InvalidArgument, QStringLiteral("cannot write %1").arg(requestFile)};
    QList<std::tuple<QString, QString, QString>> tenants; // account, number, token
    for (int t = 0; t < kTenants; ++t) {
        const QString name = QStringLiteral("bench-%1").arg(t);
        if (auto added = Store::TenantStore(database).add(name, {}); !added)
            return added.error();
        auto scope = Tenancy::AdminSession(database).scope(name);
        const QString account = QStringLiteral("AC%1").arg(t, 32, 10, QLatin1Char('0'));
        const QString token = QStringLiteral("%1").arg(t + 1, 32, 10, QLatin1Char('7'));
        Store::PhoneNumber number;
        number.e164 = QStringLiteral("+1415555%1").arg(t, 4, 10, QLatin1Char('0'));
        number.providerAccountId = account;
        if (auto added = Store::PhoneNumberStore(database).add(*scope, number); !added)
            return added.error();
        if (auto sealed = Vault::SealedSecretStore(database, *sealer)
                              .put(*scope, QStringLiteral("twilio-account:") + account,
                                   QStringLiteral("auth-token"), Secret::fromString(token));
            !sealed)
            return sealed;
        tenants.append({account, number.e164, token});
    }
    for (int i = 0; i < kEvents; ++i) {
        const auto &[account, number, token] = tenants.at(i % kTenants);
        QUrlQuery query;
        query.setQueryItems({{QStringLiteral("AccountSid"), account},
                             {QStringLiteral("MessageSid"), QStringLiteral("SM%1").arg(i, 32, 10, QLatin1Char('0'))},
                             {QStringLiteral("From"), QStringLiteral("+15550001111")},
                             {QStringLiteral("To"), number},
                             {QStringLiteral("Body"), QStringLiteral("Can I move my appointment?")}});
        const QByteArray body = query.toString(QUrl::FullyEncoded).toUtf8().replace("+1", "%2B1");
        const QByteArray signature = Providers::Twilio::TwilioSignature::compute(
            kPublicUrl + QStringLiteral("/twilio/sms"), *Ingest::FormFields::parse(body), Secret::fromString(token));
        out.write(body + '\t' + signature + '\n');
    }
    return ok();
}

// On PostgreSQL `serve` runs as it does in production: an ingest login, under row-level security.
// Its password goes to a pass file of its own (0600), next to the suite's.
Result<QString> ingestLogin(Store::Database &database, const QString &url, const QString &passFile)
{
    const QString login = QStringLiteral("bench_ingest_%1").arg(QRandomGenerator::system()->generate(), 0, 36);
    const QString password = QString::number(QRandomGenerator::system()->generate64(), 36);
    auto statement = Store::SqlQuery(*database.connection(),
                                     QStringLiteral("SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE"
                                                    " sb_ingest', CAST(:l AS text), CAST(:p AS text))"))
                         .bind(QStringLiteral(":l"), login)
                         .bind(QStringLiteral(":p"), password)
                         .scalar();
    if (!statement)
        return statement.error();
    QSqlQuery create(*database.connection());
    if (!create.exec(statement->toString()))
        return Error{ErrorCode::Unsupported, create.lastError().text()};
    QFile existing(qEnvironmentVariable("PGPASSFILE"));
    QFile pass(passFile);
    if (!existing.open(QIODevice::ReadOnly) || !pass.open(QIODevice::WriteOnly))
        return Error{ErrorCode::Unsupported, QStringLiteral("cannot write %1").arg(passFile)};
    pass.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    const QUrl parsed(url);
    pass.write(existing.readAll());
    pass.write(QStringLiteral("%1:%2:*:%3:%4\n").arg(parsed.host()).arg(parsed.port()).arg(login, password).toUtf8());
    QUrl ingest = parsed;
    ingest.setUserName(login);
    return ingest.toString();
}

Result<Figures> runWrk(const QString &dbUrl, const QString &keyFile, const QString &requestFile, int seconds)
{
    QProcess server;
    server.setProcessChannelMode(QProcess::SeparateChannels);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (qEnvironmentVariableIsSet("SB_BENCH_PASSFILE"))
        environment.insert(QStringLiteral("PGPASSFILE"), qEnvironmentVariable("SB_BENCH_PASSFILE"));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("switchboard.ingest.info=false"));
    server.setProcessEnvironment(environment);
    // SB_BENCH_CTL: another build of switchboardctl (a baseline from an earlier commit) for an
    // A/B comparison on the same machine, store and requests.
    server.start(qEnvironmentVariableIsSet("SB_BENCH_CTL") ? qEnvironmentVariable("SB_BENCH_CTL")
                                                          : QStringLiteral(SB_CTL_PATH),
                 {QStringLiteral("serve"), QStringLiteral("--db"), dbUrl, QStringLiteral("--key-file"), keyFile,
                  QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--public-url"), kPublicUrl});
    QByteArray banner;
    while (!banner.contains('\n')) {
        if (!server.waitForReadyRead(30000))
            return Error{ErrorCode::Unsupported, QString::fromUtf8(server.readAllStandardError())};
        banner += server.readAllStandardOutput();
    }
    const auto port = QRegularExpression(QStringLiteral(":(\\d+) for")).match(QString::fromUtf8(banner)).captured(1);
    QProcess wrk;
    environment.insert(QStringLiteral("SB_BENCH_REQUESTS"), requestFile);
    wrk.setProcessEnvironment(environment);
    wrk.start(QStringLiteral("wrk"),
              {QStringLiteral("-t2"), QStringLiteral("-c64"), QStringLiteral("-d%1s").arg(seconds),
               QStringLiteral("--latency"), QStringLiteral("-s"), QStringLiteral(SB_LUA_PATH),
               QStringLiteral("http://127.0.0.1:%1").arg(port)});
    wrk.waitForFinished(seconds * 1000 + 60000);
    const QString report = QString::fromUtf8(wrk.readAllStandardOutput());
    server.terminate();
    server.waitForFinished(30000);

    Figures figures;
    figures.eventsPerSecond = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(report).captured(1).toDouble();
    figures.p50 = QRegularExpression(QStringLiteral("\\s50%\\s+(\\S+)")).match(report).captured(1);
    figures.p99 = QRegularExpression(QStringLiteral("\\s99%\\s+(\\S+)")).match(report).captured(1);
    figures.sent = QRegularExpression(QStringLiteral("(\\d+) requests in")).match(report).captured(1).toLongLong();
    if (report.contains(u"Non-2xx"))
        qWarning("%s", qPrintable(report));
    return figures;
}

// PostgreSQL's WAL position and committed transactions so far: what a run wrote per event.
struct WriteCounters
{
    double walBytes = 0;
    double commits = 0;
};
WriteCounters writeCounters(const QString &url)
{
    auto database = Store::Database::open(*Store::DatabaseUrl::parse(url));
    if (!database)
        return {};
    auto connection = (*database)->connection();
    auto wal = Store::SqlQuery(*connection, QStringLiteral("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")).scalar();
    auto commits = Store::SqlQuery(*connection, QStringLiteral("SELECT sum(xact_commit) FROM pg_stat_database")).scalar();
    return {wal ? wal->toDouble() : 0, commits ? commits->toDouble() : 0};
}

int countStored(const QString &url)
{
    auto database = Store::Database::open(*Store::DatabaseUrl::parse(url));
    if (!database)
        return -1;
    auto value = Store::SqlQuery(*(*database)->connection(), QStringLiteral("SELECT COUNT(*) FROM webhook_events")).scalar();
    return value ? value->toInt() : -1;
}

double pgbenchCeiling(const QString &url)
{
    const QUrl parsed(url);
    auto database = Store::Database::open(*Store::DatabaseUrl::parse(url));
    if (!database)
        return -1;
    QSqlQuery(*(*database)->connection()).exec(QStringLiteral("CREATE TABLE IF NOT EXISTS bench_insert (id BIGSERIAL PRIMARY KEY, v INTEGER)"));
    QTemporaryDir dir;
    QFile script(dir.filePath(QStringLiteral("insert.sql")));
    script.open(QIODevice::WriteOnly);
    script.write("INSERT INTO bench_insert (v) VALUES (1);\n");
    script.close();
    QProcess pgbench;
    pgbench.start(QStringLiteral("pgbench"),
                  {QStringLiteral("-n"), QStringLiteral("-c64"), QStringLiteral("-j2"), QStringLiteral("-T10"),
                   QStringLiteral("-f"), script.fileName(), QStringLiteral("-h"), parsed.host(), QStringLiteral("-p"),
                   QString::number(parsed.port()), QStringLiteral("-U"), parsed.userName(), parsed.path().mid(1)});
    pgbench.waitForFinished(120000);
    const QString out = QString::fromUtf8(pgbench.readAllStandardOutput());
    return QRegularExpression(QStringLiteral("tps = ([0-9.]+)")).match(out).captured(1).toDouble();
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int seconds = qMax(3, qEnvironmentVariableIntValue("SB_BENCH_SECONDS") ? qEnvironmentVariableIntValue("SB_BENCH_SECONDS") : 15);
    Test::TestDatabase databases;
    QTemporaryDir dir;
    QTextStream out(stdout);
    out << "ingest benchmark: " << kTenants << " tenants, signed Twilio SMS, wrk -t2 -c64 -d" << seconds << "s\n";
    // SB_BENCH_BACKEND=sqlite|postgres runs one of them (for profiling).
    const QString only = qEnvironmentVariable("SB_BENCH_BACKEND");
    for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
        if (!only.isEmpty() && backend != only)
            continue;
        auto database = databases.create(backend);
        if (!database) {
            qCritical("%s", qPrintable(database.error().message));
            return 1;
        }
        const QString keyFile = dir.filePath(backend + QStringLiteral(".key"));
        const QString requests = dir.filePath(backend + QStringLiteral(".requests"));
        if (auto prepared = prepareStore(**database, keyFile, requests); !prepared) {
            qCritical("%s", qPrintable(prepared.error().message));
            return 1;
        }
        QString serveUrl = databases.lastUrl();
        if (backend == u"postgres") {
            const QString passFile = dir.filePath(QStringLiteral("pgpass"));
            auto login = ingestLogin(**database, serveUrl, passFile);
            if (!login) {
                qCritical("%s", qPrintable(login.error().message));
                return 1;
            }
            serveUrl = *login;
            qputenv("SB_BENCH_PASSFILE", passFile.toLocal8Bit());
        }
        const double ceilingBefore =
            backend == u"postgres" ? pgbenchCeiling(databases.lastUrl()) : 0;
        // What ran before left dirty pages: written out now, not during this run's fsyncs.
        ::sync();
        const WriteCounters before = backend == u"postgres" ? writeCounters(databases.lastUrl()) : WriteCounters{};
        auto figures = runWrk(serveUrl, keyFile, requests, seconds);
        if (!figures) {
            qCritical("%s", qPrintable(figures.error().message));
            return 1;
        }
        out << backend << ": " << qRound(figures->eventsPerSecond) << " events/s, p50 " << figures->p50 << ", p99 "
            << figures->p99 << ", " << figures->sent << " sent, stored " << countStored(databases.lastUrl())
            << " distinct events\n";
        if (backend == u"postgres") {
            // Statistics reach pg_stat_database within a second or so of each commit.
            QThread::sleep(2);
            const WriteCounters after = writeCounters(databases.lastUrl());
            const double stored = qMax(1, countStored(databases.lastUrl()));
            out << "postgres writes: " << qRound((after.walBytes - before.walBytes) / stored) << " WAL bytes and "
                << QString::number(stored / qMax(1.0, after.commits - before.commits), 'f', 1)
                << " events per commit\n";
            // The ceiling moves by 15% from run to run here: measured before and after.
            const double ceilingAfter = pgbenchCeiling(databases.lastUrl());
            const double ceiling = (ceilingBefore + ceilingAfter) / 2;
            out << "postgres ceiling (pgbench single-row inserts, 64 clients): " << qRound(ceilingBefore)
                << " before, " << qRound(ceilingAfter) << " after; ingest = "
                << qRound(100 * figures->eventsPerSecond / ceiling) << "% of their mean\n";
        }
        // Each run's files go when it is done: SQLite's gigabyte left in the page cache slowed
        // PostgreSQL's run after it on this VM (p99 25-35 ms instead of 13-15 ms).
        database->reset();
        QFile::remove(requests);
        if (backend == u"sqlite") {
            const QString path = databases.lastUrl().mid(QStringLiteral("sqlite:").size());
            for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(path + suffix);
        }
        out.flush();
    }
    return 0;
}
