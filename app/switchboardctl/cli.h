#pragma once

#include <core/common/result.h>
#include <core/common/secret.h>
#include <core/store/database.h>

#include <QCommandLineParser>
#include <QTextStream>

#include <memory>

namespace Sb::Ctl {

enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

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

    // Opens --db (or the default) and checks the schema; migrate=false skips the check.
    Result<std::shared_ptr<Store::Database>> openDatabase(bool checkSchema = true);
    // One line from stdin (secrets never come from argv); a terminal gets a prompt on stderr
    // and no echo.
    Secret readSecretLine(const QString &prompt);

private:
    QCommandLineParser &m_parser;
    QStringList m_arguments;
    QTextStream m_out;
    QTextStream m_err;
};

int runDb(Cli &cli, const QString &action);
int runTenant(Cli &cli, const QString &action);
int runStaff(Cli &cli, const QString &action);
int runNumber(Cli &cli, const QString &action);
int runVault(Cli &cli, const QString &action);
int runSecret(Cli &cli, const QString &action);
int runServe(Cli &cli);
int runEvents(Cli &cli, const QString &action);
int runTwilio(Cli &cli, const QString &action);

} // namespace Sb::Ctl
