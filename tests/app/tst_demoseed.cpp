#include "../support/ctlrunner.h"
#include "../support/testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace Sb;

// `switchboardctl demo seed`, the real binary on both backends: two clinics of made-up data,
// numbers reserved for fiction, and never seeded twice.
class tst_DemoSeed : public QObject
{
    Q_OBJECT

private slots:
    void demoSeedFillsTwoClinicsOnce_data() { Test::TestDatabase::addBackendRows(); }
    void demoSeedFillsTwoClinicsOnce();

private:
    using Run = Test::CtlRun;
    Run ctl(const QStringList &arguments);

    Test::TestDatabase m_databases;
    QTemporaryDir m_home;
    QString m_db;
};

tst_DemoSeed::Run tst_DemoSeed::ctl(const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Settings and the default store go to a private home, never the developer's.
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                       m_home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    environment.remove(QStringLiteral("SWITCHBOARD_DB"));
    return Test::runCtl(arguments + QStringList{QStringLiteral("--db"), m_db}, {}, environment);
}

void tst_DemoSeed::demoSeedFillsTwoClinicsOnce()
{
    QFETCH(QString, backend);
    SB_VERIFY_OK(m_databases.create(backend));
    m_db = m_databases.lastUrl();
    // On an empty store: it migrates, then seeds, the same data every time.
    Run seeded = ctl({QStringLiteral("demo"),
                      QStringLiteral("seed"),
                      QStringLiteral("--calls"),
                      QStringLiteral("60"),
                      QStringLiteral("--json")});
    QCOMPARE(seeded.exitCode, 0);
    const QJsonObject report = QJsonDocument::fromJson(seeded.out.toUtf8()).object();
    QCOMPARE(report.value(u"calls").toInt(), 120);
    QCOMPARE(report.value(u"tenants").toArray().size(), 2);
    Run calls = ctl({QStringLiteral("calls"),
                     QStringLiteral("list"),
                     QStringLiteral("--tenant"),
                     QStringLiteral("smile-dental"),
                     QStringLiteral("--limit"),
                     QStringLiteral("100"),
                     QStringLiteral("--json")});
    QCOMPARE(calls.exitCode, 0);
    const QJsonArray rows = QJsonDocument::fromJson(calls.out.toUtf8()).array();
    QCOMPARE(rows.size(), 60);
    int summarised = 0;
    int named = 0; // by the demo's leads, as the console's Calls page names them
    for (const QJsonValue &row : rows) {
        named += row.toObject().value(u"name").toString().isEmpty() ? 0 : 1;
        const QString counterpart = row.toObject().value(u"counterpart").toString();
        // Numbers reserved for fiction: 555-0100 to 555-0199.
        QVERIFY2(counterpart.mid(5, 5) == u"55501", qPrintable(counterpart));
        summarised += row.toObject().value(u"summary").toString().isEmpty() ? 0 : 1;
    }
    QVERIFY2(summarised > 15, "the assistant answered most calls");
    QVERIFY2(named > 5 && named < rows.size(), "callers the clinic knows are named, others not");
    // The same for texts.
    Run texts = ctl({QStringLiteral("messages"), QStringLiteral("list"), QStringLiteral("--tenant"),
                     QStringLiteral("smile-dental"), QStringLiteral("--limit"), QStringLiteral("100"),
                     QStringLiteral("--json")});
    QCOMPARE(texts.exitCode, 0);
    const QJsonArray textRows = QJsonDocument::fromJson(texts.out.toUtf8()).array();
    int namedTexts = 0;
    for (const QJsonValue &row : textRows)
        namedTexts += row.toObject().value(u"name").toString().isEmpty() ? 0 : 1;
    QVERIFY2(namedTexts > 0 && namedTexts < textRows.size(), "senders the clinic knows are named, others not");
    // A second seed would mix two demos: refused, nothing added.
    Run again = ctl({QStringLiteral("demo"), QStringLiteral("seed")});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(u"demo clinic smile-dental already"), qPrintable(again.err));
    QCOMPARE(ctl({QStringLiteral("calls"),
                  QStringLiteral("list"),
                  QStringLiteral("--tenant"),
                  QStringLiteral("smile-dental"),
                  QStringLiteral("--json")})
                 .out.count(u"\"id\""),
             60);
}

QTEST_GUILESS_MAIN(tst_DemoSeed)
#include "tst_demoseed.moc"
