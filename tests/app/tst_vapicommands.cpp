#include "../support/ctlrunner.h"
#include "../support/ctlstore.h"

#include <core/store/databaseurl.h>
#include <core/store/sqlquery.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sb;

// `switchboardctl lead` and `vapi` run as a user would, against the fake VAPI program.
class tst_VapiCommands : public QObject
{
    Q_OBJECT

private slots:
    void connectSyncAndCallALead();
};

void tst_VapiCommands::connectSyncAndCallALead()
{
    Test::CtlStore store;
    SB_VERIFY_OK(store.create());
    Test::FakeProcess vapi;
    QVERIFY(vapi.startVapi({QStringLiteral("--number"), QStringLiteral("+16175551000")}));
    const QJsonObject fake = QJsonDocument::fromJson(vapi.firstLine()).object();
    const QStringList common = store.arguments()
        + QStringList{QStringLiteral("--api-base"), fake.value(u"apiBase").toString()};
    const auto ctl = [&](const QStringList &words, const QByteArray &input = {}) {
        return Test::runCtl(words + common, input);
    };

    auto run = ctl({QStringLiteral("lead"),
                    QStringLiteral("add"),
                    QStringLiteral("Dana Patient"),
                    QStringLiteral("--phone"),
                    QStringLiteral("(617) 555-9999"),
                    QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString lead =
        QString::number(QJsonDocument::fromJson(run.out.toUtf8())[u"id"].toInteger());
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8())[u"phone"].toString(), u"+16175559999");

    // The public key where the private one belongs: VAPI's own hint, the key never echoed.
    const QString publicKey = fake.value(u"publicKey").toString();
    run = ctl({QStringLiteral("vapi"), QStringLiteral("connect")}, publicKey.toUtf8() + '\n');
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"Invalid Key"), qPrintable(run.err));
    QVERIFY(!run.err.contains(publicKey) && !run.out.contains(publicKey));
    // Connecting again is harmless: still one connection.
    for (int i = 0; i < 2; ++i) {
        run = ctl({QStringLiteral("vapi"), QStringLiteral("connect")},
                  fake.value(u"privateKey").toString().toUtf8() + '\n');
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
    {
        auto database = Store::Database::open(*Store::DatabaseUrl::parse(store.url()));
        SB_VERIFY_OK(database);
        auto connections = Store::SqlQuery(*(*database)->connection(),
                                           QStringLiteral("SELECT COUNT(*) FROM connections"
                                                          " WHERE provider = 'vapi'"))
                               .scalar();
        SB_VERIFY_OK(connections);
        QCOMPARE(connections->toInt(), 1);
    }

    // No assistant number yet: said plainly, nothing called.
    const QStringList call{
        QStringLiteral("vapi"), QStringLiteral("call"), QStringLiteral("--lead"), lead};
    run = ctl(call);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"vapi numbers --sync"), qPrintable(run.err));

    run = ctl({QStringLiteral("vapi"),
               QStringLiteral("numbers"),
               QStringLiteral("--sync"),
               QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray numbers = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(numbers.size(), 1);
    QCOMPARE(numbers.at(0)[u"id"].toString(), fake.value(u"numberId").toString());
    QCOMPARE(numbers.at(0)[u"added"].toBool(), true);

    run = ctl(call + QStringList{QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject placed = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(placed.value(u"status").toString(), u"queued");
    QCOMPARE(placed.value(u"from").toString(), u"+16175551000");
    QCOMPARE(placed.value(u"to").toString(), u"+16175559999");
    QVERIFY(!placed.value(u"vapiCallId").toString().isEmpty());
    run = ctl({QStringLiteral("calls"), QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray calls = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.at(0)[u"providerCallId"].toString(), placed.value(u"vapiCallId").toString());
    QCOMPARE(calls.at(0)[u"lead"].toInteger(), lead.toLongLong());
    QCOMPARE(calls.at(0)[u"direction"].toString(), u"outbound");

    run = ctl({QStringLiteral("vapi"),
               QStringLiteral("call"),
               QStringLiteral("--lead"),
               QStringLiteral("999")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"No lead 999"), qPrintable(run.err));
    run = ctl({QStringLiteral("vapi"), QStringLiteral("call")});
    QCOMPARE(run.exitCode, 2);
}

QTEST_GUILESS_MAIN(tst_VapiCommands)
#include "tst_vapicommands.moc"
