#include "cli.h"

#include <QProcess>

#include <core/common/redactor.h>
#include <core/store/migrator.h>
#include <core/store/staffstore.h>
#include <core/tenancy/staffsession.h>
#include <core/store/tenantstore.h>
#include <core/vault/vaultadmin.h>

// Reading a secret without echoing it: the terminal's own switch, which POSIX and Windows name
// differently.
#ifdef Q_OS_WIN
#define NOMINMAX // windows.h would otherwise define min and max as macros
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace Sb::Ctl {

Cli::Cli(QCommandLineParser &parser, QStringList arguments)
    : m_parser(parser)
    , m_arguments(std::move(arguments))
    , m_out(stdout)
    , m_err(stderr)
{}

int Cli::fail(const Error &error)
{
    return fail(error.message);
}

int Cli::fail(const QString &message)
{
    m_out.flush();
    const QString line = Redactor::instance().redact(message).replace(u'\n', u' ');
    m_err << "switchboardctl: error: " << line << Qt::endl;
    return ExitFailure;
}

int Cli::usage(const QString &message)
{
    m_out.flush();
    m_err << "switchboardctl: " << message << " (see switchboardctl --help)" << Qt::endl;
    return ExitUsage;
}

Result<std::shared_ptr<Store::Database>> Cli::openDatabase(bool checkSchema, bool mayCreate)
{
    auto url = Store::DatabaseUrl::resolve(option(QStringLiteral("db")));
    if (!url)
        return url.error();
    Store::ConnectionOptions options;
    options.createIfMissing = mayCreate;
    auto database = Store::Database::open(*url, options);
    if (!database)
        return database.error();
    if (checkSchema) {
        if (auto ready = Store::Migrator(**database).prepareForUse(); !ready)
            return ready.error();
    }
    return database;
}

Result<TenantContext, int> Cli::openTenant(bool withVault)
{
    if (option(QStringLiteral("tenant")).isEmpty())
        return usage(QStringLiteral("--tenant is required"));
    auto database = openDatabase();
    if (!database)
        return fail(database.error());
    auto tenant = Store::TenantStore(**database).find(option(QStringLiteral("tenant")));
    if (!tenant)
        return fail(tenant.error());
    auto scope = Tenancy::AdminSession(**database).scope(QString::number(tenant->id.value()));
    if (!scope)
        return fail(scope.error());
    TenantContext context{*database, *tenant, *scope, {}};
    if (withVault) {
        auto opened = sealer(**database);
        if (!opened)
            return fail(opened.error());
        context.sealer = *opened;
    }
    return context;
}

Result<Vault::Sealer> Cli::sealer(Store::Database &database)
{
    return Vault::VaultAdmin(database,
                             Vault::KeySource::resolve(option(QStringLiteral("key-file"))))
        .sealer();
}

Result<Cli::Page, int> Cli::page(int defaultLimit)
{
    Page page;
    page.limit = defaultLimit;
    if (isSet(QStringLiteral("limit"))) {
        bool isNumber = false;
        page.limit = option(QStringLiteral("limit")).toInt(&isNumber);
        if (!isNumber || page.limit < 1 || page.limit > 10000)
            return usage(QStringLiteral("--limit takes a number of rows from 1 to 10000"));
    }
    if (isSet(QStringLiteral("before"))) {
        bool isNumber = false;
        page.beforeId = option(QStringLiteral("before")).toLongLong(&isNumber);
        if (!isNumber || page.beforeId < 1)
            return usage(QStringLiteral("--before takes the id of the last row of a page"));
    }
    return page;
}

void Cli::noteCut(int shown, qint64 lastId)
{
    note(QStringLiteral("showing %1 rows; older ones with --before %2").arg(shown).arg(lastId));
}

void Cli::note(const QString &message)
{
    m_out.flush();
    m_err << "switchboardctl: " << message << Qt::endl;
}

Secret Cli::readSecretLine(const QString &prompt)
{
#ifdef Q_OS_WIN
    const HANDLE input = GetStdHandle(STD_INPUT_HANDLE);
    DWORD saved = 0;
    const bool isTerminal = GetConsoleMode(input, &saved) != 0; // false for a pipe or a file
    if (isTerminal) {
        m_err << prompt << Qt::flush;
        SetConsoleMode(input, saved & ~DWORD(ENABLE_ECHO_INPUT));
    }
#else
    const bool isTerminal = isatty(STDIN_FILENO);
    termios saved{};
    if (isTerminal) {
        m_err << prompt << Qt::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
#endif
    QTextStream in(stdin);
    Secret line = Secret::fromString(in.readLine());
    if (isTerminal) {
#ifdef Q_OS_WIN
        SetConsoleMode(input, saved);
#else
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
#endif
        m_err << Qt::endl;
    }
    return line;
}

// --user: a staff member of the tenant, by name (`why`: what --user is for, said when absent).
Result<Store::StaffMember, int> staffMemberNamed(Cli &cli, const TenantContext &context, const QString &why)
{
    const QString name = cli.option(QStringLiteral("user"));
    if (name.isEmpty())
        return cli.usage(why);
    Store::StaffStore staff(*context.database);
    auto member = staff.find(name);
    if (!member)
        return cli.fail(member.error());
    auto memberships = staff.memberships(*member);
    if (!memberships)
        return cli.fail(memberships.error());
    const bool isMember = std::any_of(memberships->cbegin(), memberships->cend(), [&](const Store::Membership &m) {
        return m.tenant.id == context.tenant.id;
    });
    if (!isMember)
        return cli.fail(QStringLiteral("%1 is not a member of %2").arg(name, context.tenant.name));
    return *member;
}

// The system browser: $BROWSER when set (the desktop convention: commands separated by ':',
// "%s" standing for the address), else the platform's own opener.
bool openInBrowser(const QUrl &url)
{
    const QString address = url.toString(QUrl::FullyEncoded);
    const QString browsers = qEnvironmentVariable("BROWSER");
    for (const QString &command : browsers.split(u':', Qt::SkipEmptyParts)) {
        QStringList words = QProcess::splitCommand(command);
        if (words.isEmpty())
            continue;
        if (!words.contains(QStringLiteral("%s")))
            words.append(address);
        else
            words.replaceInStrings(QStringLiteral("%s"), address);
        if (QProcess::startDetached(words.takeFirst(), words))
            return true;
    }
#if defined(Q_OS_WIN)
    return QProcess::startDetached(QStringLiteral("rundll32"), {QStringLiteral("url.dll,FileProtocolHandler"), address});
#elif defined(Q_OS_MACOS)
    return QProcess::startDetached(QStringLiteral("open"), {address});
#else
    return QProcess::startDetached(QStringLiteral("xdg-open"), {address});
#endif
}

} // namespace Sb::Ctl
