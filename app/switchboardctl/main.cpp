#include "cli.h"

#include <QCoreApplication>

using namespace Sb::Ctl;

namespace {
const char *const kDescription = R"(Switchboard administration and webhook server.

Commands:
  db migrate                      apply pending schema migrations
  db status                       show the schema version
  tenant add NAME [--display-name TEXT]
  tenant list
  staff add NAME --tenant T --role owner|admin|staff
                                  (PostgreSQL: also creates the staff member's login;
                                   the password is read from stdin, never from argv)
  number add NUMBER --tenant T --provider twilio|vapi|ringcentral|sip
             --purpose clinic|assistant|softphone [--account SID] [--number-sid SID]
             [--assistant ID] [--label TEXT] [--region CC]
  number list --tenant T
  number remove NUMBER --tenant T

--tenant takes a tenant id or its unique name. Exit status: 0 ok, 1 failure, 2 usage.)";
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("switchboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kDescription));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("db"),
         QStringLiteral("Database URL: sqlite:PATH or postgresql://user@host:port/db."),
         QStringLiteral("url")},
        {QStringLiteral("json"), QStringLiteral("Print machine-readable JSON.")},
        {QStringLiteral("tenant"),
         QStringLiteral("Tenant id or unique name."),
         QStringLiteral("tenant")},
        {QStringLiteral("display-name"),
         QStringLiteral("Human-readable name."),
         QStringLiteral("text")},
        {QStringLiteral("role"), QStringLiteral("owner, admin or staff."), QStringLiteral("role")},
        {QStringLiteral("provider"),
         QStringLiteral("twilio, vapi, ringcentral or sip."),
         QStringLiteral("provider")},
        {QStringLiteral("purpose"),
         QStringLiteral("clinic, assistant or softphone."),
         QStringLiteral("purpose")},
        {QStringLiteral("account"),
         QStringLiteral("Provider account id (Twilio subaccount SID)."),
         QStringLiteral("sid")},
        {QStringLiteral("number-sid"),
         QStringLiteral("Provider's id of the number."),
         QStringLiteral("sid")},
        {QStringLiteral("assistant"), QStringLiteral("Assistant id (VAPI)."), QStringLiteral("id")},
        {QStringLiteral("label"),
         QStringLiteral("Label shown in the console."),
         QStringLiteral("text")},
        {QStringLiteral("region"),
         QStringLiteral("Region for numbers without +country code."),
         QStringLiteral("cc")},
    });
    if (!parser.parse(app.arguments())) {
        QTextStream(stderr) << "switchboardctl: " << parser.errorText()
                            << " (see switchboardctl --help)" << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "switchboardctl " << app.applicationVersion() << Qt::endl;
        return ExitOk;
    }
    QStringList words = parser.positionalArguments();
    if (words.size() < 2) {
        Cli cli(parser, {});
        return cli.usage(QStringLiteral("expected a command such as 'tenant list'"));
    }
    const QString group = words.takeFirst();
    const QString action = words.takeFirst();
    Cli cli(parser, words);
    if (group == u"db")
        return runDb(cli, action);
    if (group == u"tenant")
        return runTenant(cli, action);
    if (group == u"staff")
        return runStaff(cli, action);
    if (group == u"number")
        return runNumber(cli, action);
    return cli.usage(QStringLiteral("unknown command '%1'").arg(group));
}
