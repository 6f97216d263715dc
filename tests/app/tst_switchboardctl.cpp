#include "../support/ctlrunner.h"
#include "../support/ctlstore.h"
#include "../support/testdatabase.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>

using namespace Sb;

// Runs the real switchboardctl binary: exit codes, one-line errors, JSON output.
class tst_Switchboardctl : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void adminFlowOnBackend_data() { Test::TestDatabase::addBackendRows(); }
    void adminFlowOnBackend();
    void refusesBadInput_data();
    void refusesBadInput();
    void reportsUnreachableDatabases_data();
    void reportsUnreachableDatabases();
    void refusesEmptyDatabaseAndBadServeOptions_data();
    void refusesEmptyDatabaseAndBadServeOptions();
    void vaultStatusRefusalsExitNonZero();
    void commandsOnAMissingStoreCreateNothing();
    void listingsPageAndSayWhenCut();
    void staffLoginPasswordComesFromStdin();
    void refusesNewerSchema();

private:
    using Run = Test::CtlRun;
    Run ctl(const QStringList &arguments, const QByteArray &input = {});

    Test::TestDatabase m_databases;
    QTemporaryDir m_home;
    QString m_db; // --db of the current test
};

tst_Switchboardctl::Run tst_Switchboardctl::ctl(const QStringList &arguments,
                                                const QByteArray &input)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Settings and the default store go to a private home, never the developer's.
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                       m_home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    environment.remove(QStringLiteral("SWITCHBOARD_DB"));
    QStringList all = arguments;
    if (!m_db.isEmpty())
        all << QStringLiteral("--db") << m_db;
    return Test::runCtl(all, input, environment);
}

void tst_Switchboardctl::init()
{
    m_db.clear();
}

void tst_Switchboardctl::adminFlowOnBackend()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(m_databases.create(backend));
    m_db = m_databases.lastUrl();
    auto run = ctl({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8())[u"version"].toInt(), 0);
    QCOMPARE(ctl({QStringLiteral("db"), QStringLiteral("migrate")}).exitCode, 0);
    run = ctl({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8())[u"pending"].toInt(), 0);

    QCOMPARE(ctl({QStringLiteral("tenant"),
                  QStringLiteral("add"),
                  QStringLiteral("clinic-a"),
                  QStringLiteral("--display-name"),
                  QStringLiteral("Clinic A")})
                 .exitCode,
             0);
    QCOMPARE(
        ctl({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("clinic-b")}).exitCode,
        0);
    run = ctl({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("clinic-a")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"already exists"), qPrintable(run.err));

    run = ctl({QStringLiteral("tenant"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray tenants = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(tenants.size(), 2);
    QCOMPARE(tenants.at(0)[u"displayName"].toString(), QStringLiteral("Clinic A"));
    const QString idOfB = QString::number(tenants.at(1)[u"id"].toInteger());

    // --tenant takes the name or the id; numbers are normalised to E.164.
    QCOMPARE(ctl({QStringLiteral("number"),
                  QStringLiteral("add"),
                  QStringLiteral("(415) 555-0100"),
                  QStringLiteral("--tenant"),
                  QStringLiteral("clinic-a"),
                  QStringLiteral("--provider"),
                  QStringLiteral("twilio"),
                  QStringLiteral("--purpose"),
                  QStringLiteral("clinic"),
                  QStringLiteral("--account"),
                  QStringLiteral("AC0123456789abcdef0123456789abcdef")})
                 .exitCode,
             0);
    QCOMPARE(ctl({QStringLiteral("number"),
                  QStringLiteral("add"),
                  QStringLiteral("+1 212 555 0100"),
                  QStringLiteral("--tenant"),
                  idOfB,
                  QStringLiteral("--provider"),
                  QStringLiteral("vapi"),
                  QStringLiteral("--purpose"),
                  QStringLiteral("assistant")})
                 .exitCode,
             0);
    run = ctl({QStringLiteral("number"),
               QStringLiteral("list"),
               QStringLiteral("--tenant"),
               QStringLiteral("clinic-a"),
               QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray numbers = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(numbers.size(), 1);
    QCOMPARE(numbers.at(0)[u"e164"].toString(), QStringLiteral("+14155550100"));
    QCOMPARE(numbers.at(0)[u"account"].toString(),
             QStringLiteral("AC0123456789abcdef0123456789abcdef"));

    // B cannot remove A's number; A can.
    run = ctl({QStringLiteral("number"),
               QStringLiteral("remove"),
               QStringLiteral("4155550100"),
               QStringLiteral("--tenant"),
               QStringLiteral("clinic-b")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(ctl({QStringLiteral("number"),
                  QStringLiteral("remove"),
                  QStringLiteral("4155550100"),
                  QStringLiteral("--tenant"),
                  QStringLiteral("clinic-a")})
                 .exitCode,
             0);
    run = ctl({QStringLiteral("number"),
               QStringLiteral("list"),
               QStringLiteral("--tenant"),
               QStringLiteral("clinic-a"),
               QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 0);
}

void tst_Switchboardctl::refusesBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString tenant = QStringLiteral("--tenant");
    QTest::newRow("no-command") << QStringList{} << 2 << "expected a command";
    QTest::newRow("unknown-command") << QStringList{"fly", "away"} << 2 << "unknown command 'fly'";
    QTest::newRow("unknown-option") << QStringList{"tenant", "list", "--colour"} << 2 << "colour";
    QTest::newRow("tenant-missing") << QStringList{"number", "list"} << 2 << "--tenant is required";
    QTest::newRow("unknown-tenant")
        << QStringList{"number", "list", "--tenant", "nobody"} << 1 << "No tenant 'nobody'";
    QTest::newRow("bad-number") << QStringList{"number",
                                               "add",
                                               "555",
                                               "--tenant",
                                               "clinic-a",
                                               "--provider",
                                               "twilio",
                                               "--purpose",
                                               "clinic"}
                                << 1 << "'555' is not a valid phone number";
    QTest::newRow("letters-number") << QStringList{"number",
                                                   "add",
                                                   "front desk",
                                                   "--tenant",
                                                   "clinic-a",
                                                   "--provider",
                                                   "twilio",
                                                   "--purpose",
                                                   "clinic"}
                                    << 1 << "not a phone number";
    QTest::newRow("bad-provider") << QStringList{"number",
                                                 "add",
                                                 "+14155550100",
                                                 "--tenant",
                                                 "clinic-a",
                                                 "--provider",
                                                 "pigeon",
                                                 "--purpose",
                                                 "clinic"}
                                  << 2 << "--provider must be";
    QTest::newRow("bad-tenant-name")
        << QStringList{"tenant", "add", "Clinic A!"} << 1 << "is not valid";
    QTest::newRow("numeric-tenant-name")
        << QStringList{"tenant", "add", "12345"} << 1 << "at least one letter";
    QTest::newRow("bad-role")
        << QStringList{"staff", "add", "bob", "--tenant", "clinic-a", "--role", "king"} << 2
        << "--role must be";
    QTest::newRow("extra-argument")
        << QStringList{"tenant", "list", "extra"} << 2 << "unexpected argument 'extra'";
    // A secret typed in the wrong place is refused, not silently dropped while stdin is sealed.
    QTest::newRow("secret-set-extra") << QStringList{"secret",
                                                     "set",
                                                     "--tenant",
                                                     "clinic-a",
                                                     "--record",
                                                     "r",
                                                     "--purpose",
                                                     "p",
                                                     "hunter2"}
                                      << 2 << "unexpected argument";
    QTest::newRow("huge-tenant-name")
        << QStringList{"tenant", "add", QString(100000, u'a')} << 1 << "(100000 characters)";
    QTest::newRow("bad-twilio-account") << QStringList{"number",
                                                       "add",
                                                       "+14155550100",
                                                       "--tenant",
                                                       "clinic-a",
                                                       "--provider",
                                                       "twilio",
                                                       "--purpose",
                                                       "clinic",
                                                       "--account",
                                                       "AC123"}
                                        << 2 << "--account takes a Twilio account SID";
    QTest::newRow("zero-limit")
        << QStringList{"lead", "list", "--tenant", "clinic-a", "--limit", "0"} << 2
        << "--limit takes";
    QTest::newRow("bad-before")
        << QStringList{"messages", "list", "--tenant", "clinic-a", "--before", "yesterday"} << 2
        << "--before takes";
}

void tst_Switchboardctl::refusesBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    SB_VERIFY_OK(m_databases.create(QStringLiteral("sqlite")));
    m_db = m_databases.lastUrl();
    QCOMPARE(
        ctl({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("clinic-a")}).exitCode,
        0);
    const Run run = ctl(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QCOMPARE(run.err.trimmed().count(u'\n'), 0); // one readable line
    QVERIFY2(run.err.size() < 400, qPrintable(run.err.left(400))); // input is not echoed whole
    QVERIFY(run.out.isEmpty());
}

void tst_Switchboardctl::refusesEmptyDatabaseAndBadServeOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList serve{
        "serve", "--listen", "127.0.0.1:0", "--public-url", "https://hooks.example.org"};
    // An empty --db would otherwise mean "the default store", a different one.
    QTest::newRow("empty-db") << QStringList{"--db", "", "tenant", "list"} << "--db needs a URL";
    QTest::newRow("zero-max-body") << serve + QStringList{"--max-body", "0"} << "--max-body";
    QTest::newRow("negative-max-body") << serve + QStringList{"--max-body", "-5"} << "--max-body";
    QTest::newRow("words-max-body") << serve + QStringList{"--max-body", "lots"} << "--max-body";
    QTest::newRow("zero-connections")
        << serve + QStringList{"--max-connections", "0"} << "--max-connections";
    QTest::newRow("zero-budget") << serve + QStringList{"--quarantine-budget", "0"}
                                 << "--quarantine-budget";
}

void tst_Switchboardctl::refusesEmptyDatabaseAndBadServeOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    SB_VERIFY_OK(m_databases.createMigrated(QStringLiteral("sqlite")));
    if (!arguments.contains(QStringLiteral("--db")))
        arguments << QStringLiteral("--db") << m_databases.lastUrl();
    const Run run = Test::runCtl(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

void tst_Switchboardctl::vaultStatusRefusalsExitNonZero()
{
    Test::CtlStore store;
    SB_VERIFY_OK(store.create());
    QTemporaryDir dir;
    const QString open = dir.filePath(QStringLiteral("open.key"));
    QVERIFY(QFile::copy(store.keyFile(), open));
    QVERIFY(QFile::setPermissions(open, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    const QString junk = dir.filePath(QStringLiteral("junk.key"));
    QFile junkFile(junk);
    QVERIFY(junkFile.open(QIODevice::WriteOnly));
    junkFile.write("not a key file\n");
    junkFile.close();
    QVERIFY(QFile::setPermissions(junk, QFile::ReadOwner | QFile::WriteOwner));
    const QString missing = dir.filePath(QStringLiteral("missing.key"));
    Test::TestDatabase empty; // a store without a vault: a named key file is judged all the same
    SB_VERIFY_OK(empty.createMigrated(QStringLiteral("sqlite")));
    for (const QString &db : {store.url(), empty.lastUrl()}) {
        for (const QString &keyFile : {open, junk, missing}) {
            for (const bool json : {false, true}) {
                QStringList arguments{QStringLiteral("vault"),
                                      QStringLiteral("status"),
                                      QStringLiteral("--db"),
                                      db,
                                      QStringLiteral("--key-file"),
                                      keyFile};
                if (json)
                    arguments << QStringLiteral("--json");
                const Run run = Test::runCtl(arguments);
                QVERIFY2(run.exitCode == 1,
                         qPrintable(QStringLiteral("%1 %2: exit %3 %4")
                                        .arg(db, keyFile)
                                        .arg(run.exitCode)
                                        .arg(run.err)));
            }
        }
    }
    // The right key file is no refusal.
    QCOMPARE(Test::runCtl({QStringLiteral("vault"),
                           QStringLiteral("status"),
                           QStringLiteral("--db"),
                           store.url(),
                           QStringLiteral("--key-file"),
                           store.keyFile()})
                 .exitCode,
             0);
}

// A typo in --db must not quietly make a new, empty store: only db migrate creates one.
void tst_Switchboardctl::commandsOnAMissingStoreCreateNothing()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("typo/path"));
    const QString url = QStringLiteral("sqlite:") + folder + QStringLiteral("/x.db");
    const QList<QStringList> commands{{"tenant", "list"},
                                      {"db", "status"},
                                      {"number", "list", "--tenant", "clinic-a"},
                                      {"messages", "list", "--tenant", "clinic-a"},
                                      {"events", "list", "--quarantined"},
                                      {"tenant", "add", "clinic-a"},
                                      {"vault", "status"}};
    for (const QStringList &command : commands) {
        const Run run = Test::runCtl(command + QStringList{QStringLiteral("--db"), url});
        QVERIFY2(run.exitCode == 1, qPrintable(command.join(u' ') + u' ' + run.err));
        QVERIFY2(run.err.contains(QLatin1String("There is no store at")), qPrintable(run.err));
        QVERIFY2(!QFileInfo::exists(dir.filePath(QStringLiteral("typo"))),
                 qPrintable(command.join(u' ')));
    }
    // Creating one is explicit.
    QCOMPARE(
        Test::runCtl({QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--db"), url})
            .exitCode,
        0);
    QVERIFY(QFileInfo::exists(folder + QStringLiteral("/x.db")));
    QCOMPARE(Test::runCtl(
                 {QStringLiteral("tenant"), QStringLiteral("list"), QStringLiteral("--db"), url})
                 .exitCode,
             0);
}

void tst_Switchboardctl::listingsPageAndSayWhenCut()
{
    Test::CtlStore store;
    SB_VERIFY_OK(store.create());
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(Test::runCtl(QStringList{QStringLiteral("lead"),
                                          QStringLiteral("add"),
                                          QStringLiteral("Lead %1").arg(i)}
                              + store.arguments())
                     .exitCode,
                 0);
    }
    QStringList seen;
    QString before;
    for (int page = 0; page < 3; ++page) {
        QStringList arguments = QStringList{QStringLiteral("lead"),
                                            QStringLiteral("list"),
                                            QStringLiteral("--json"),
                                            QStringLiteral("--limit"),
                                            QStringLiteral("2")}
            + store.arguments();
        if (!before.isEmpty())
            arguments << QStringLiteral("--before") << before;
        const Run run = Test::runCtl(arguments);
        QCOMPARE(run.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(rows.size(), page < 2 ? 2 : 1);
        for (const QJsonValue &row : rows)
            seen << row[u"name"].toString();
        if (page < 2) {
            // Cut, and said so with what shows the next page.
            before = QString::number(rows.last()[u"id"].toInteger());
            QVERIFY2(run.err.contains(QStringLiteral("--before %1").arg(before)),
                     qPrintable(run.err));
        } else {
            QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        }
    }
    QCOMPARE(seen, (QStringList{"Lead 4", "Lead 3", "Lead 2", "Lead 1", "Lead 0"}));
}

void tst_Switchboardctl::reportsUnreachableDatabases_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");
    QTest::newRow("unreachable-postgres") << "postgresql://nobody@127.0.0.1:1/switchboard"
                                          << "Cannot open the database";
    QUrl missing(Test::TestDatabase::adminPostgresUrl());
    missing.setPath(QStringLiteral("/no_such_database"));
    QTest::newRow("missing-postgres-database") << missing.toString() << "no_such_database";
    QTest::newRow("unwritable-sqlite") << "sqlite:/proc/switchboard/store.db"
                                       << "Cannot";
    QTest::newRow("password-in-url") << "postgresql://u:hunter2@127.0.0.1/db"
                                     << "must not carry a password";
    QTest::newRow("bad-scheme") << "mysql://localhost/db"
                                << "Unsupported database URL";
}

void tst_Switchboardctl::reportsUnreachableDatabases()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    m_db = url;
    // db migrate: the one command that may create a store, so it meets every kind of failure.
    const Run run = ctl({QStringLiteral("db"), QStringLiteral("migrate")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(u"switchboardctl: error: "), qPrintable(run.err));
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY2(!run.err.contains(u"hunter2"), "a password from the URL was echoed");
}

void tst_Switchboardctl::staffLoginPasswordComesFromStdin()
{
    SB_VERIFY_OK(m_databases.create(QStringLiteral("postgres")));
    m_db = m_databases.lastUrl();
    QCOMPARE(ctl({QStringLiteral("db"), QStringLiteral("migrate")}).exitCode, 0);
    QCOMPARE(
        ctl({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("clinic-a")}).exitCode,
        0);
    const QString name =
        QStringLiteral("bob_%1").arg(QRandomGenerator::global()->generate(), 0, 36);
    const QByteArray password = "correct-horse-battery-" + name.toUtf8();
    const QStringList add{QStringLiteral("staff"),
                          QStringLiteral("add"),
                          name,
                          QStringLiteral("--tenant"),
                          QStringLiteral("clinic-a"),
                          QStringLiteral("--role"),
                          QStringLiteral("staff")};
    Run run = ctl(add, "short\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"at least 12 characters"), qPrintable(run.err));
    run = ctl(add, password + '\n');
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!run.out.contains(QString::fromUtf8(password)));
    QVERIFY(!run.err.contains(QString::fromUtf8(password)));
    // The new login works, and sees its tenant.
    auto bob = m_databases.connectAs(name, QString::fromUtf8(password));
    SB_VERIFY_OK(bob);
    auto wrong = m_databases.connectAs(name, QStringLiteral("not-the-password"));
    QVERIFY(!wrong);
}

void tst_Switchboardctl::refusesNewerSchema()
{
    auto database = m_databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    m_db = m_databases.lastUrl();
    auto connection = (*database)->connection();
    SB_VERIFY_OK(connection);
    QSqlQuery(*connection)
        .exec(QStringLiteral("INSERT INTO schema_version (version, description, applied_at) VALUES "
                             "(999, 'future', 0)"));
    Run run = ctl({QStringLiteral("tenant"), QStringLiteral("list")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"newer than this program"), qPrintable(run.err));
    run = ctl({QStringLiteral("db"), QStringLiteral("migrate")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"refusing to downgrade"), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(tst_Switchboardctl)
#include "tst_switchboardctl.moc"
