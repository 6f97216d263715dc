#pragma once

#include <core/common/result.h>
#include <core/crypto/secret.h>
#include <core/store/database.h>
#include <core/store/messagestore.h>
#include <core/store/staffstore.h>
#include <core/store/tenant.h>
#include <core/store/tenantscope.h>
#include <core/vault/sealer.h>

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonObject>
#include <QTextStream>

#include <memory>
#include <optional>

namespace Sb::Ctl {

enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// The store and the tenant a command acts for (--tenant, as an administrator).
struct TenantContext
{
    std::shared_ptr<Store::Database> database;
    Store::Tenant tenant;
    Store::TenantScope scope;
    std::optional<Vault::Sealer> sealer; // when asked for: the vault, opened
};

// What every subcommand gets: the parsed command line, its positional words after
// "<group> <action>", and the streams. Errors are printed as one line on stderr.
class Cli final
{
public:
    Cli(QCommandLineParser &parser, QStringList arguments);

    const QStringList &arguments() const { return m_arguments; }
    QString option(const QString &name) const { return m_parser.value(name); }
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    bool wantsJson() const { return m_parser.isSet(QStringLiteral("json")); }

    QTextStream &out() { return m_out; }
    int fail(const Error &error);
    int fail(const QString &message);
    int usage(const QString &message);

    // Opens --db (or the default) and checks the schema; checkSchema=false skips the check.
    // A missing SQLite store is an error unless mayCreate (db migrate alone creates one).
    Result<std::shared_ptr<Store::Database>> openDatabase(bool checkSchema = true,
                                                          bool mayCreate = false);
    // --tenant is required: opens the store and finds the tenant, and with withVault the vault
    // (keys from the keychain or --key-file). On failure the error has been printed and the
    // result holds the exit code.
    Result<TenantContext, int> openTenant(bool withVault = false);
    // The vault's sealer, its keys from the keychain or --key-file.
    Result<Vault::Sealer> sealer(Store::Database &database);
    // --api-base (a fake provider in tests and by hand), else the provider's real address.
    QUrl apiBase(const QUrl &real) const
    {
        return isSet(QStringLiteral("api-base")) ? QUrl(option(QStringLiteral("api-base"))) : real;
    }
    // One line from stdin (secrets never come from argv); a terminal gets a prompt on stderr
    // and no echo.
    Secret readSecretLine(const QString &prompt);

    // A listing's page: --limit N (1 to 10,000) rows before the row --before ID (newest first).
    struct Page
    {
        int limit = 100;
        qint64 beforeId = 0;
    };
    // On a usage error the message has been printed and the result holds the exit code.
    Result<Page, int> page(int defaultLimit = 100);
    // Keeps a page's rows (fetched one more than asked, to know) and says on stderr when the
    // listing was cut, with what shows the next page.
    template<typename Row, typename IdOf>
    void cutToPage(QList<Row> &rows, const Page &page, IdOf idOf)
    {
        if (rows.size() <= page.limit)
            return;
        rows.resize(page.limit);
        noteCut(page.limit, idOf(rows.last()));
    }
    // Says on stderr (so that --json stays one document) when something must not go unseen.
    void note(const QString &message);
    void noteCut(int shown, qint64 lastId);

private:
    QCommandLineParser &m_parser;
    QStringList m_arguments;
    QTextStream m_out;
    QTextStream m_err;
};

// --user: a staff member of the tenant, by name; `why` says what --user is for when it is absent.
Result<Store::StaffMember, int> staffMemberNamed(Cli &cli, const TenantContext &context, const QString &why);

// The system browser: $BROWSER when set (the desktop convention: commands separated by ':',
// "%s" standing for the address), else the platform's own opener. False if none started.
bool openInBrowser(const QUrl &url);

// Runs an asynchronous provider call to its end: a command has nothing else to do meanwhile.
template<typename T, typename Start>
T waitFor(Start start)
{
    std::optional<T> result;
    QEventLoop loop;
    start([&](T outcome) {
        result.emplace(std::move(outcome));
        loop.quit();
    });
    if (!result)
        loop.exec();
    return std::move(*result);
}

int runDb(Cli &cli, const QString &action);
int runTenant(Cli &cli, const QString &action);
int runStaff(Cli &cli, const QString &action);
int runNumber(Cli &cli, const QString &action);
int runVault(Cli &cli, const QString &action);
int runSecret(Cli &cli, const QString &action);
int runServe(Cli &cli);
int runFollow(Cli &cli);
int runEvents(Cli &cli, const QString &action);
int runTwilio(Cli &cli, const QString &action);
int runTwilioRecords(Cli &cli, const QString &action); // numbers, release, calls, recording
int runMessages(Cli &cli, const QString &action);
int runLead(Cli &cli, const QString &action);
int runCalls(Cli &cli, const QString &action);
int runVapi(Cli &cli, const QString &action);
int runDemo(Cli &cli, const QString &action);
int runCrm(Cli &cli, const QString &action); // app set, connect, status, disconnect
int runRingCentral(Cli &cli, const QString &action); // app set|remove, connect, numbers, status, reset

// A message as `--json` prints it, with what its error code means.
QJsonObject messageJson(const Store::MessageRecord &message);

} // namespace Sb::Ctl
