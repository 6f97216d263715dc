#include "cli.h"

#include <core/common/excerpt.h>
#include <core/common/redactor.h>

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
  vault init                      create this store's vault and its first data key
  vault status                    keys, where they are kept, secrets per key
  vault rotate-key                seal every secret under a new key (one transaction)
  vault export-key --output FILE  the keys, protected by a passphrase read from stdin
  vault import-key FILE           take exported keys (passphrase from stdin)
  secret set --tenant T --record R --purpose P     seal a secret read from stdin
  secret verify --tenant T --record R --purpose P  compare stdin with the sealed secret
  secret remove --tenant T --record R --purpose P
  events list --tenant T | --quarantined [--all]    stored webhook events, or the quarantine
                                  (with what it holds of unverified requests, and whether
                                  serve reached its budget)
  events show ID --tenant T | --quarantined
                                  one event as JSON: its body and the headers kept with it
                                  (never credentials; secrets masked)
  events replay [ID] [--tenant T] [--key-file PATH] route quarantined events again (after a
                                  number or account mapping was fixed); signatures are checked
  events purge --quarantined [--before ID] [--all]
                                  remove placed and unverified requests from the quarantine
                                  (--all: verified ones still waiting too)
  serve --listen ADDRESS:PORT --public-url URL [--key-file PATH] [--max-body BYTES]
        [--spool-dir PATH] [--max-connections N] [--quarantine-budget MIB]
                                  receive provider webhooks (Twilio: /twilio/sms, /whatsapp,
                                  /voice, /call-status, /message-status, /recording-status;
                                  VAPI: /vapi; RingCentral: /ringcentral; GET /healthz);
                                  see docs/ingest.md
  twilio connect --tenant T --master-account AC… --public-url URL [--remember | --keychain]
                                  give the tenant its own subaccount (created or adopted),
                                  seal its token, point its numbers at URL; safe to re-run;
                                  the master account's auth token is read from stdin
                                  (--remember keeps it in the keychain once Twilio accepted
                                  it) or from the keychain (--keychain)
  twilio send --tenant T --from NUMBER --to NUMBER --body TEXT [--whatsapp]
                                  send from the tenant's own number; shown queued at once,
                                  completed by serve's status events; a refusal prints
                                  Twilio's code and what it means
  twilio numbers --tenant T [--sync]
                                  the subaccount's numbers with what they can do; --sync
                                  adds new ones; numbers gone from Twilio are reported
  twilio release NUMBER --tenant T
                                  give the number back to Twilio (cannot be undone)
  twilio calls --tenant T         the subaccount's calls as Twilio lists them
  twilio recording RE… --tenant T --output FILE [--mp3]
                                  save a recording's audio (fetched as the subaccount)
  follow --tenant T [--json]      each change of the tenant (calls, messages, leads, webhook
                                  events, numbers, connections) as it lands, from this and
                                  other processes, until interrupted (one line, or one JSON
                                  object per line)
  messages list --tenant T [--with NUMBER [--whatsapp | --user U]]
                                  newest messages, or one thread oldest first
  calls list --tenant T           newest calls: status, recording, the assistant's summary
  calls delete ID --tenant T      a call with its transcript, notes and this computer's copy
                                  of its recording (consoles remove theirs as they hear of it)
  demo seed [--calls N] [--staff NAME]
                                  two made-up clinics (calls with transcripts, leads, texts)
                                  to try the console on; makes and migrates the store
  lead add NAME --tenant T [--phone NUMBER] [--email ADDRESS] [--source TEXT]
  lead list --tenant T
  vapi connect --tenant T         keep the VAPI organisation's private key (read from stdin)
                                  after checking it with VAPI
  vapi assistants --tenant T
  vapi numbers --tenant T [--sync]
                                  the organisation's numbers; --sync adds them to the
                                  tenant's assistant numbers (VAPI's messages route by them)
  vapi call --tenant T --lead ID [--from NUMBER]
                                  the assistant calls the lead; recorded under VAPI's call id
                                  so its reports complete this call in this tenant
  crm app set --tenant T --platform hubspot|zoho --client-id ID --redirect-uri URI
              [--data-centre com|eu|in|com.au|jp|ca|sa|com.cn]
                                  the clinic's own CRM app (client secret from stdin); prints
                                  the redirect URI to register and the scopes to ask for;
                                  Zoho: the data centre of the admin's account (com)
  crm connect --tenant T --platform hubspot|zoho [--no-browser] [--timeout SECONDS]
                                  sign in at the CRM in the system browser ($BROWSER, else the
                                  desktop's); --no-browser prints the address to open
  crm sync --tenant T --platform hubspot|zoho
                                  the CRM's contacts into the clinic's contacts (the first
                                  time all, then what changed); progress on stderr; a sync
                                  stopped midway goes on from there the next time
  crm push LEAD_ID --tenant T --platform hubspot|zoho
                                  the lead becomes a contact in the CRM, once (a second push
                                  names the same record; a person the CRM had is linked)
  crm status --tenant T           each CRM: app registered, connected or needs reconnect
  crm disconnect --tenant T --platform hubspot|zoho
                                  revoke at the CRM and remove the connection here
  ringcentral app set --shared | --tenant T [--user U] --client-id ID --redirect-uri URI
                                  RingCentral's app: the installation's shared one, a
                                  clinic's override, or a staff member's own (client secret
                                  from stdin); the most specific one signs a user in
  ringcentral app remove --shared | --tenant T [--user U]
  ringcentral connect --tenant T --user U [--no-browser] [--timeout SECONDS]
                                  the staff member signs in to their own RingCentral account
  ringcentral numbers --tenant T --user U [--sms-from NUMBER] [--caller-id NUMBER]
                                  their numbers with what each can do; choose the one they
                                  text from and the one their calls show
  ringcentral sync --tenant T --user U
                                  their call log into the clinic's calls (30 days the first
                                  time, then what is new; a stopped sync goes on from there)
  ringcentral subscribe --tenant T --user U --public-url URL
                                  their texts and calls notify serve at URL/ringcentral
                                  (made, renewed near its end, made again if dropped)
  ringcentral status --tenant T [--user U]
                                  each connected staff member: state, app in use, numbers
  ringcentral reset --tenant T --user U
                                  give that user's tokens back and remove their connection

Vault commands keep keys in the system keychain, or with --key-file PATH (also
SWITCHBOARD_VAULT_KEY_FILE, $CREDENTIALS_DIRECTORY/switchboard-vault-key) in a file that
only its owner may read.

Listings that grow (messages, calls, lead, events) print the newest 100 rows; --limit N takes
up to 10000, and --before ID the page after the row ID. A cut listing says so on stderr,
with the --before that shows the next page.

--tenant takes a tenant id or its unique name. Exit status: 0 ok, 1 failure, 2 usage.)";
}

// Positional words a command takes after "<group> <action>"; -1: not a known command (its
// group says so).
static int mostArguments(const QString &group, const QString &action)
{
    static const QHash<QString, int> most{
        {QStringLiteral("db migrate"), 0},       {QStringLiteral("db status"), 0},
        {QStringLiteral("tenant add"), 1},       {QStringLiteral("tenant list"), 0},
        {QStringLiteral("staff add"), 1},        {QStringLiteral("number add"), 1},
        {QStringLiteral("number list"), 0},      {QStringLiteral("number remove"), 1},
        {QStringLiteral("vault init"), 0},       {QStringLiteral("vault status"), 0},
        {QStringLiteral("vault rotate-key"), 0}, {QStringLiteral("vault export-key"), 0},
        {QStringLiteral("vault import-key"), 1}, {QStringLiteral("secret set"), 0},
        {QStringLiteral("secret verify"), 0},    {QStringLiteral("secret remove"), 0},
        {QStringLiteral("events list"), 0},      {QStringLiteral("events show"), 1},
        {QStringLiteral("events replay"), 1},    {QStringLiteral("events purge"), 0},
        {QStringLiteral("twilio connect"), 0},   {QStringLiteral("twilio send"), 0},
        {QStringLiteral("twilio numbers"), 0},   {QStringLiteral("twilio release"), 1},
        {QStringLiteral("twilio calls"), 0},     {QStringLiteral("twilio recording"), 1},
        {QStringLiteral("messages list"), 0},    {QStringLiteral("calls list"), 0},
        {QStringLiteral("calls delete"), 1},
        {QStringLiteral("lead add"), 1},         {QStringLiteral("lead list"), 0},
        {QStringLiteral("demo seed"), 0},
        {QStringLiteral("vapi connect"), 0},     {QStringLiteral("vapi assistants"), 0},
        {QStringLiteral("vapi numbers"), 0},     {QStringLiteral("vapi call"), 0},
        {QStringLiteral("crm app"), 1},          {QStringLiteral("crm connect"), 0},
        {QStringLiteral("crm status"), 0},       {QStringLiteral("crm disconnect"), 0},
        {QStringLiteral("crm sync"), 0},         {QStringLiteral("crm push"), 1},
        {QStringLiteral("ringcentral app"), 1},  {QStringLiteral("ringcentral connect"), 0},
        {QStringLiteral("ringcentral numbers"), 0}, {QStringLiteral("ringcentral status"), 0},
        {QStringLiteral("ringcentral reset"), 0}, {QStringLiteral("ringcentral sync"), 0},
        {QStringLiteral("ringcentral subscribe"), 0},
    };
    return most.value(group + u' ' + action, -1);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Sb::installRedactingMessageHandler();
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
        {QStringLiteral("key-file"),
         QStringLiteral("Vault key file instead of the keychain (mode 0600)."),
         QStringLiteral("path")},
        {QStringLiteral("output"), QStringLiteral("File to write."), QStringLiteral("path")},
        {QStringLiteral("quarantined"),
         QStringLiteral("events: the quarantine instead of a tenant.")},
        {QStringLiteral("all"),
         QStringLiteral("events list --quarantined: include placed ones; events purge: verified"
                        " ones too.")},
        {QStringLiteral("listen"),
         QStringLiteral("serve: address and port to listen on."),
         QStringLiteral("address:port")},
        {QStringLiteral("public-url"),
         QStringLiteral("serve: the public URL providers call (signatures cover it)."),
         QStringLiteral("url")},
        {QStringLiteral("spool-dir"),
         QStringLiteral("serve: where verified events wait while the store is down."),
         QStringLiteral("path")},
        {QStringLiteral("max-body"),
         QStringLiteral("serve: largest accepted body in bytes (default 1 MiB)."),
         QStringLiteral("bytes")},
        {QStringLiteral("record"),
         QStringLiteral("What a sealed secret belongs to, e.g. twilio-account:AC…."),
         QStringLiteral("record")},
        {QStringLiteral("purpose"),
         QStringLiteral("clinic, assistant or softphone; for secrets: what it is for."),
         QStringLiteral("purpose")},
        {QStringLiteral("platform"), QStringLiteral("crm: hubspot or zoho."), QStringLiteral("name")},
        {QStringLiteral("data-centre"),
         QStringLiteral("crm app set, zoho: where the account is (com, eu, in, com.au, jp, ca, sa, com.cn)."),
         QStringLiteral("dc")},
        {QStringLiteral("client-id"), QStringLiteral("crm, ringcentral app set: the app's client id."), QStringLiteral("id")},
        {QStringLiteral("redirect-uri"),
         QStringLiteral("crm, ringcentral app set: the redirect URI registered in the app (http://localhost:PORT/PATH)."),
         QStringLiteral("uri")},
        {QStringLiteral("no-browser"), QStringLiteral("crm, ringcentral connect: print the address instead of opening a browser.")},
        {QStringLiteral("timeout"), QStringLiteral("crm, ringcentral connect: seconds to wait for the sign-in (300)."), QStringLiteral("seconds")},
        {QStringLiteral("master-account"),
         QStringLiteral("twilio connect: the agency's master account SID (its token: stdin)."),
         QStringLiteral("sid")},
        {QStringLiteral("api-base"),
         QStringLiteral(
             "twilio, vapi, crm, ringcentral: the provider's API address instead of the real one (fakes; "
             "Zoho: dc=URL,dc=URL)."),
         QStringLiteral("url")},
        {QStringLiteral("from"),
         QStringLiteral("twilio send: the tenant's number."),
         QStringLiteral("number")},
        {QStringLiteral("to"),
         QStringLiteral("twilio send: the recipient."),
         QStringLiteral("number")},
        {QStringLiteral("body"),
         QStringLiteral("twilio send: the message text."),
         QStringLiteral("text")},
        {QStringLiteral("whatsapp"), QStringLiteral("twilio send, messages: WhatsApp, not SMS.")},
        {QStringLiteral("phone"),
         QStringLiteral("lead add: the lead's phone number."),
         QStringLiteral("number")},
        {QStringLiteral("email"),
         QStringLiteral("lead add: the lead's email."),
         QStringLiteral("address")},
        {QStringLiteral("source"),
         QStringLiteral("lead add: where the lead came from."),
         QStringLiteral("text")},
        {QStringLiteral("lead"), QStringLiteral("vapi call: the lead's id."), QStringLiteral("id")},
        {QStringLiteral("calls"),
         QStringLiteral("demo seed: calls per clinic (default 400)."),
         QStringLiteral("n")},
        {QStringLiteral("staff"),
         QStringLiteral("demo seed: a staff account to make owner of both clinics."),
         QStringLiteral("name")},
        {QStringLiteral("sync"), QStringLiteral("twilio/vapi numbers: add them to the tenant's.")},
        {QStringLiteral("remember"),
         QStringLiteral("twilio connect: keep the master token in the keychain.")},
        {QStringLiteral("keychain"),
         QStringLiteral("twilio connect: the master token from the keychain, not stdin.")},
        {QStringLiteral("mp3"), QStringLiteral("twilio recording: MP3 instead of WAV.")},
        {QStringLiteral("with"),
         QStringLiteral("messages list: the other party's number."),
         QStringLiteral("number")},
        {QStringLiteral("limit"),
         QStringLiteral("Listings: at most this many rows (default 100)."),
         QStringLiteral("n")},
        {QStringLiteral("before"),
         QStringLiteral("Listings: the rows after this id (the last of the previous page)."),
         QStringLiteral("id")},
        {QStringLiteral("max-connections"),
         QStringLiteral("serve: open connections at most (default 1000)."),
         QStringLiteral("n")},
        {QStringLiteral("quarantine-budget"),
         QStringLiteral("serve: MiB of unverified requests kept in quarantine (default 64)."),
         QStringLiteral("mib")},
        {QStringLiteral("user"),
         QStringLiteral("ringcentral: the staff member whose own account it is; messages list: "
                        "whose own line."),
         QStringLiteral("name")},
        {QStringLiteral("shared"), QStringLiteral("ringcentral app: the installation's shared app.")},
        {QStringLiteral("sms-from"),
         QStringLiteral("ringcentral numbers: the number the user texts from."),
         QStringLiteral("number")},
        {QStringLiteral("caller-id"),
         QStringLiteral("ringcentral numbers: the number the user's calls show."),
         QStringLiteral("number")},
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
    if (parser.isSet(QStringLiteral("db")) && parser.value(QStringLiteral("db")).isEmpty()) {
        Cli cli(parser, {});
        return cli.usage(QStringLiteral("--db needs a URL: sqlite:PATH or "
                                        "postgresql://user@host:port/database"));
    }
    QStringList words = parser.positionalArguments();
    if (words.value(0) == u"serve") {
        Cli cli(parser, words.mid(1));
        return runServe(cli);
    }
    if (words.value(0) == u"follow") {
        Cli cli(parser, words.mid(1));
        if (!cli.arguments().isEmpty())
            return cli.usage(QStringLiteral("'follow' takes no arguments"));
        return runFollow(cli);
    }
    if (words.size() < 2) {
        Cli cli(parser, {});
        return cli.usage(QStringLiteral("expected a command such as 'tenant list'"));
    }
    const QString group = words.takeFirst();
    const QString action = words.takeFirst();
    Cli cli(parser, words);
    // A word too many is a mistake, never silently ignored (it could be a secret typed in the
    // wrong place: secret set … EXTRA).
    if (const int most = mostArguments(group, action); most >= 0 && words.size() > most) {
        return cli.usage(QStringLiteral("unexpected argument '%1' for '%2 %3'")
                             .arg(Sb::excerpt(words.at(most), 32), group, action));
    }
    if (group == u"db")
        return runDb(cli, action);
    if (group == u"tenant")
        return runTenant(cli, action);
    if (group == u"staff")
        return runStaff(cli, action);
    if (group == u"number")
        return runNumber(cli, action);
    if (group == u"vault")
        return runVault(cli, action);
    if (group == u"secret")
        return runSecret(cli, action);
    if (group == u"events")
        return runEvents(cli, action);
    if (group == u"twilio")
        return runTwilio(cli, action);
    if (group == u"messages")
        return runMessages(cli, action);
    if (group == u"lead")
        return runLead(cli, action);
    if (group == u"calls")
        return runCalls(cli, action);
    if (group == u"vapi")
        return runVapi(cli, action);
    if (group == u"demo")
        return runDemo(cli, action);
    if (group == u"crm")
        return runCrm(cli, action);
    if (group == u"ringcentral")
        return runRingCentral(cli, action);
    return cli.usage(QStringLiteral("unknown command '%1'").arg(group));
}
