#include "../fakes/fakeringcentral.h"
#include "../support/ctlstore.h"
#include "../support/scriptedbrowser.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// `switchboardctl ringcentral` as an agency admin runs it against a loopback RingCentral: the
// installation's shared app and one staff member's own app kept (secrets from stdin, never in
// the store's file); each staff member signs in as their own RingCentral user (the sign-in
// printed with --no-browser and completed by a scripted user), with the app that serves them;
// each sees their own numbers and picks the ones to text and call from (a number that cannot
// text is refused); status says who uses which app; a reset gives one user's tokens back and
// leaves a colleague's alone.
class tst_RingCentralCommands : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void staffConnectTheirOwnAccounts();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run ctl(const QStringList &words, const QByteArray &input = {}, bool withTenant = true);
    // ringcentral connect --no-browser for that user, the printed address opened by a scripted
    // user who signs in as `extension`.
    Run connectAs(const QString &user, qint64 extension);
    static QProcessEnvironment withDebugLogging();
    QStringList rc(const QStringList &words) const;

    Test::CtlStore m_store;
    std::unique_ptr<Fakes::FakeRingCentral> m_ringcentral;
    QStringList m_printed; // everything the commands wrote, their debug logging on
};

void tst_RingCentralCommands::initTestCase()
{
    SB_VERIFY_OK(m_store.create());
    m_ringcentral = std::make_unique<Fakes::FakeRingCentral>();
    m_ringcentral->setAutoGrant(true);
}

QStringList tst_RingCentralCommands::rc(const QStringList &words) const
{
    return QStringList{u"ringcentral"_s} + words + QStringList{u"--api-base"_s, m_ringcentral->baseUrl()};
}

tst_RingCentralCommands::Run tst_RingCentralCommands::ctl(const QStringList &words, const QByteArray &input, bool withTenant)
{
    QStringList store = m_store.arguments();
    if (const qsizetype tenant = store.indexOf(u"--tenant"_s); !withTenant && tenant >= 0)
        store.remove(tenant, 2);
    QProcess process;
    process.setProcessEnvironment(withDebugLogging());
    process.start(QStringLiteral(SB_CTL_PATH), words + store);
    process.write(input);
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000))
        process.kill();
    process.waitForFinished(5000);
    const Run run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                  QString::fromUtf8(process.readAllStandardOutput()),
                  QString::fromUtf8(process.readAllStandardError())};
    m_printed << run.out << run.err;
    return run;
}

QProcessEnvironment tst_RingCentralCommands::withDebugLogging()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_LOGGING_RULES"_s, u"*.debug=true"_s);
    return environment;
}

tst_RingCentralCommands::Run tst_RingCentralCommands::connectAs(const QString &user, qint64 extension)
{
    m_ringcentral->setSigningIn(extension);
    QProcess process;
    process.setProcessEnvironment(withDebugLogging());
    process.start(QStringLiteral(SB_CTL_PATH),
                  rc({u"connect"_s, u"--user"_s, user, u"--no-browser"_s, u"--timeout"_s, u"30"_s}) + m_store.arguments());
    process.closeWriteChannel();
    Test::ScriptedBrowser browser(Test::ScriptedBrowser::Act::Grant);
    QString out;
    bool opened = false;
    QTest::qWaitFor(
        [&] {
            out += QString::fromUtf8(process.readAllStandardOutput());
            if (!opened) {
                const auto address = QRegularExpression(u"(http://\\S+)"_s).match(out);
                if (address.hasMatch())
                    opened = browser.open(QUrl(address.captured(1)));
            }
            return process.state() == QProcess::NotRunning;
        },
        60000);
    process.waitForFinished(5000);
    out += QString::fromUtf8(process.readAllStandardOutput());
    const Run run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, out,
                  QString::fromUtf8(process.readAllStandardError())};
    m_printed << run.out << run.err;
    return run;
}

void tst_RingCentralCommands::staffConnectTheirOwnAccounts()
{
    for (const QString &name : {u"pat"_s, u"sam"_s}) {
        const Run added = ctl({u"staff"_s, u"add"_s, name, u"--role"_s, u"staff"_s});
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    }
    m_ringcentral->addUser({1001, u"Pat Lee"_s, {u"+16505550100"_s, u"+16505550101"_s}});
    m_ringcentral->addUser({1002, u"Sam Roe"_s, {u"+16505550200"_s}});

    // No app anywhere: the sign-in says what to do first.
    Run run = connectAs(u"pat"_s, 1001);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"No RingCentral app is set up"_s), qPrintable(run.err));

    const auto shared = m_ringcentral->addApp(Test::freeRedirectUri());
    const auto patsOwn = m_ringcentral->addApp(Test::freeRedirectUri());
    run = ctl(rc({u"app"_s, u"set"_s, u"--shared"_s, u"--client-id"_s, shared.clientId, u"--redirect-uri"_s,
                  shared.redirectUri}),
              shared.clientSecret.toUtf8() + '\n', false);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!run.out.contains(shared.clientSecret));
    run = ctl(rc({u"app"_s, u"set"_s, u"--user"_s, u"pat"_s, u"--client-id"_s, patsOwn.clientId,
                  u"--redirect-uri"_s, patsOwn.redirectUri}),
              patsOwn.clientSecret.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"for pat of clinic-a"_s), qPrintable(run.out));

    run = connectAs(u"pat"_s, 1001);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
    QVERIFY2(run.out.contains(u"connected pat to RingCentral as Pat Lee (extension 101"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"with their own app"_s), qPrintable(run.out));
    const QString patsRefresh = m_ringcentral->lastRefreshToken();
    run = connectAs(u"sam"_s, 1002);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
    QVERIFY2(run.out.contains(u"with the installation's shared app"_s), qPrintable(run.out));
    const QString samsRefresh = m_ringcentral->lastRefreshToken();
    // Pat's extension cannot be taken by a colleague's sign-in; the tokens that sign-in got are
    // given back at once.
    run = connectAs(u"sam"_s, 1001);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"already connected"_s), qPrintable(run.err));
    QVERIFY(!m_ringcentral->isRefreshTokenAlive(m_ringcentral->lastRefreshToken()));
    QVERIFY(m_ringcentral->isRefreshTokenAlive(patsRefresh));

    run = ctl(rc({u"status"_s, u"--json"_s}));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QJsonArray rows = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(rows.size(), 2);
    QJsonObject pat = rows.at(0).toObject();
    QJsonObject sam = rows.at(1).toObject();
    QCOMPARE(pat.value(u"user").toString(), u"pat"_s);
    QCOMPARE(pat.value(u"state").toString(), u"connected"_s);
    QCOMPARE(pat.value(u"extensionId").toString(), u"1001"_s);
    QCOMPARE(pat.value(u"app").toObject().value(u"clientId").toString(), patsOwn.clientId);
    QCOMPARE(sam.value(u"extensionId").toString(), u"1002"_s);
    QCOMPARE(sam.value(u"app").toObject().value(u"clientId").toString(), shared.clientId);

    // Each user's own numbers, and the choice checked against what each can do.
    run = ctl(rc({u"numbers"_s, u"--user"_s, u"pat"_s, u"--json"_s}));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray patNumbers = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(patNumbers.size(), 2);
    QCOMPARE(patNumbers.at(0).toObject().value(u"number").toString(), u"+16505550100"_s);
    run = ctl(rc({u"numbers"_s, u"--user"_s, u"pat"_s, u"--sms-from"_s, u"(650) 555-0101"_s}));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"+16505550101 cannot send texts"_s), qPrintable(run.err));
    run = ctl(rc({u"numbers"_s, u"--user"_s, u"pat"_s, u"--sms-from"_s, u"+16505550200"_s}));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"is not one of pat's RingCentral numbers"_s), qPrintable(run.err));
    run = ctl(rc({u"numbers"_s, u"--user"_s, u"pat"_s, u"--sms-from"_s, u"(650) 555-0100"_s, u"--caller-id"_s,
                  u"+16505550101"_s}));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"[texts from it"_s), qPrintable(run.out));
    run = ctl(rc({u"status"_s, u"--user"_s, u"pat"_s, u"--json"_s}));
    pat = QJsonDocument::fromJson(run.out.toUtf8()).array().at(0).toObject();
    QCOMPARE(pat.value(u"smsFrom").toString(), u"+16505550100"_s);
    QCOMPARE(pat.value(u"callerId").toString(), u"+16505550101"_s);
    QCOMPARE(m_ringcentral->apiRequestsBy(1002), 1); // Sam's only request: who signed in

    // Pat's call log into the clinic's calls; a second sync adds nothing twice.
    m_ringcentral->addCalls(1001, 12, QDateTime::currentMSecsSinceEpoch() - 3'600'000);
    run = ctl(rc({u"sync"_s, u"--user"_s, u"pat"_s}));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"pat's RingCentral call log: 12 call(s) read, 12 new"_s), qPrintable(run.out));
    run = ctl(rc({u"sync"_s, u"--user"_s, u"pat"_s}));
    QVERIFY2(run.out.contains(u"12 call(s) read, 0 new"_s), qPrintable(run.out));
    run = ctl({u"calls"_s, u"list"_s, u"--json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray calls = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(calls.size(), 12);
    QCOMPARE(calls.at(0).toObject().value(u"provider").toString(), u"ringcentral"_s);
    QVERIFY(!calls.at(0).toObject().value(u"sessionId").toString().isEmpty()); // the log's session

    // A subscription needs serve's public https address (the handshake with serve itself is
    // tst_ingestvoice's).
    run = ctl(rc({u"subscribe"_s, u"--user"_s, u"sam"_s}));
    QCOMPARE(run.exitCode, 2);
    run = ctl(rc({u"subscribe"_s, u"--user"_s, u"sam"_s, u"--public-url"_s, u"http://hooks.example.org"_s}));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"only to an https address"_s), qPrintable(run.err));

    // Resetting Pat gives Pat's tokens back; Sam's stay.
    run = ctl(rc({u"reset"_s, u"--user"_s, u"pat"_s}));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"reset pat's RingCentral connection"_s), qPrintable(run.out));
    QVERIFY(!m_ringcentral->isRefreshTokenAlive(patsRefresh));
    QVERIFY(m_ringcentral->isRefreshTokenAlive(samsRefresh));
    run = ctl(rc({u"status"_s, u"--json"_s}));
    rows = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).toObject().value(u"user").toString(), u"sam"_s);
    run = ctl(rc({u"numbers"_s, u"--user"_s, u"pat"_s}));
    QCOMPARE(run.exitCode, 1);

    // Nothing secret in the store's file.
    QByteArray store;
    for (const QString &suffix : {QString(), u"-wal"_s}) {
        QFile file(m_store.url().mid(7) + suffix);
        if (file.open(QIODevice::ReadOnly))
            store += file.readAll();
    }
    QVERIFY(store.contains(shared.clientId.toUtf8()));
    QVERIFY(!store.contains(shared.clientSecret.toUtf8()));
    QVERIFY(!store.contains(patsOwn.clientSecret.toUtf8()));
    QVERIFY(!store.contains(samsRefresh.toUtf8()));
    // No token RingCentral gave out, in the store's file or anything a command printed with
    // its debug logging on (the reports name where, never the token).
    const QStringList tokens = m_ringcentral->issuedTokens();
    QVERIFY(tokens.size() >= 4); // two sign-ins, and refreshes
    const QByteArray printed = m_printed.join(u'\n').toUtf8();
    QVERIFY(printed.contains("switchboard.")); // the debug logging was on
    for (const QString &token : tokens) {
        QVERIFY2(!store.contains(token.toUtf8()), "a RingCentral token is in the store's file");
        QVERIFY2(!printed.contains(token.toUtf8()), "a RingCentral token was printed");
    }
}

QTEST_GUILESS_MAIN(tst_RingCentralCommands)
#include "tst_ringcentralcommands.moc"
