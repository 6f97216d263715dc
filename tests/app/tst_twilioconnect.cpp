#include "../support/ctlrunner.h"
#include "../support/ctlstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sb;

// `switchboardctl twilio connect` run as a user would, against the fake Twilio program.
class tst_TwilioConnect : public QObject
{
    Q_OBJECT

private slots:
    void connectsATenantAndIsSafeToRerun();
};

void tst_TwilioConnect::connectsATenantAndIsSafeToRerun()
{
    Test::CtlStore store;
    SB_VERIFY_OK(store.create());
    const QString keyFile = store.keyFile();
    Test::FakeProcess twilio;
    QVERIFY(twilio.startTwilio({QStringLiteral("--numbers-per-subaccount"), QStringLiteral("2")}));
    const QJsonObject fake = QJsonDocument::fromJson(twilio.firstLine()).object();
    const QStringList connect{QStringLiteral("twilio"),
                              QStringLiteral("connect"),
                              QStringLiteral("--tenant"),
                              QStringLiteral("clinic-a"),
                              QStringLiteral("--master-account"),
                              fake.value(u"masterAccount").toString(),
                              QStringLiteral("--public-url"),
                              QStringLiteral("https://hooks.example.org"),
                              QStringLiteral("--api-base"),
                              fake.value(u"apiBase").toString(),
                              QStringLiteral("--db"),
                              store.url(),
                              QStringLiteral("--key-file"),
                              keyFile,
                              QStringLiteral("--json")};
    const QByteArray token = fake.value(u"masterToken").toString().toUtf8() + '\n';

    auto run = Test::runCtl(connect, token);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(report.value(u"created").toBool(), true);
    const QString subaccount = report.value(u"subaccount").toString();
    QVERIFY(subaccount.startsWith(u"AC"));
    QJsonArray numbers = report.value(u"numbers").toArray();
    QCOMPARE(numbers.size(), 2);
    for (const QJsonValue &number : numbers) {
        QCOMPARE(number[u"smsUrl"].toString(), u"https://hooks.example.org/twilio/sms");
        QCOMPARE(number[u"new"].toBool(), true);
    }
    QVERIFY(!run.out.contains(fake.value(u"masterToken").toString()));

    // Again: the same subaccount, nothing new.
    run = Test::runCtl(connect, token);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(report.value(u"created").toBool(), false);
    QCOMPARE(report.value(u"subaccount").toString(), subaccount);
    numbers = report.value(u"numbers").toArray();
    QCOMPARE(numbers.size(), 2);
    QCOMPARE(numbers.at(0)[u"new"].toBool(), false);

    auto listed = Test::runCtl({QStringLiteral("number"),
                                QStringLiteral("list"),
                                QStringLiteral("--tenant"),
                                QStringLiteral("clinic-a"),
                                QStringLiteral("--db"),
                                store.url(),
                                QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(listed.out.toUtf8()).array().size(), 2);

    // A wrong master token: Twilio's code and what it means, never the token.
    const QByteArray wrong = QByteArray(32, 'e') + '\n';
    run = Test::runCtl(connect, wrong);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"20003") && run.err.contains(u"auth token"), qPrintable(run.err));
    QVERIFY(!run.err.contains(QString(32, u'e')));
    // No token at all: a usage error, nothing sent.
    run = Test::runCtl(connect, {});
    QCOMPARE(run.exitCode, 2);

    // The master token kept in the keychain (the private Secret Service of ./dev test), once
    // Twilio accepted it, then used without stdin.
    run = Test::runCtl(connect + QStringList{QStringLiteral("--keychain")});
    QCOMPARE(run.exitCode, 1); // nothing kept yet: said plainly
    QVERIFY2(!run.err.isEmpty(), "no message");
    run = Test::runCtl(connect + QStringList{QStringLiteral("--remember")}, wrong);
    QCOMPARE(run.exitCode, 1);
    run = Test::runCtl(connect + QStringList{QStringLiteral("--keychain")});
    QCOMPARE(run.exitCode, 1); // the refused token was not kept
    run = Test::runCtl(connect + QStringList{QStringLiteral("--remember")}, token);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = Test::runCtl(connect + QStringList{QStringLiteral("--keychain")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8())[u"subaccount"].toString(), subaccount);

    // Sending from the tenant's number: queued at once, in the thread.
    const QStringList tenantDb = store.arguments()
        + QStringList{QStringLiteral("--api-base"), fake.value(u"apiBase").toString()};
    const QString ours = numbers.at(0)[u"e164"].toString();
    run = Test::runCtl(QStringList{QStringLiteral("twilio"),
                                   QStringLiteral("send"),
                                   QStringLiteral("--from"),
                                   ours,
                                   QStringLiteral("--to"),
                                   QStringLiteral("(617) 555-9999"),
                                   QStringLiteral("--body"),
                                   QStringLiteral("Your cleaning is Tuesday 9:00")}
                       + tenantDb);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(u"queued SM"), qPrintable(run.out));
    listed = Test::runCtl(QStringList{QStringLiteral("messages"),
                                      QStringLiteral("list"),
                                      QStringLiteral("--with"),
                                      QStringLiteral("+16175559999"),
                                      QStringLiteral("--json")}
                          + tenantDb);
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    const QJsonArray thread = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QCOMPARE(thread.size(), 1);
    QCOMPARE(thread.at(0)[u"status"].toString(), u"queued");
    QCOMPARE(thread.at(0)[u"ours"].toString(), ours);
    QCOMPARE(thread.at(0)[u"body"].toString(), u"Your cleaning is Tuesday 9:00");
    // Not a phone number: refused before Twilio is asked; a number not the tenant's: refused.
    run = Test::runCtl(QStringList{QStringLiteral("twilio"),
                                   QStringLiteral("send"),
                                   QStringLiteral("--from"),
                                   ours,
                                   QStringLiteral("--to"),
                                   QStringLiteral("12"),
                                   QStringLiteral("--body"),
                                   QStringLiteral("x")}
                       + tenantDb);
    QCOMPARE(run.exitCode, 1);
    run = Test::runCtl(QStringList{QStringLiteral("twilio"),
                                   QStringLiteral("send"),
                                   QStringLiteral("--from"),
                                   QStringLiteral("+16175550000"),
                                   QStringLiteral("--to"),
                                   QStringLiteral("+16175559999"),
                                   QStringLiteral("--body"),
                                   QStringLiteral("x")}
                       + tenantDb);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"not one of this tenant's Twilio numbers"), qPrintable(run.err));

    // Numbers as Twilio has them, then one released: gone from Twilio and from the store.
    run = Test::runCtl(
        QStringList{QStringLiteral("twilio"), QStringLiteral("numbers"), QStringLiteral("--json")}
        + tenantDb);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray atTwilio = QJsonDocument::fromJson(run.out.toUtf8())[u"numbers"].toArray();
    QCOMPARE(atTwilio.size(), 2);
    QCOMPARE(atTwilio.at(0)[u"notInStore"].toBool(), false);
    QCOMPARE(atTwilio.at(0)[u"sms"].toBool(), true);
    run = Test::runCtl(QStringList{QStringLiteral("twilio"), QStringLiteral("release"), ours}
                       + tenantDb);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = Test::runCtl(
        QStringList{QStringLiteral("twilio"), QStringLiteral("numbers"), QStringLiteral("--json")}
        + tenantDb);
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8())[u"numbers"].toArray().size(), 1);
    listed = Test::runCtl({QStringLiteral("number"),
                           QStringLiteral("list"),
                           QStringLiteral("--tenant"),
                           QStringLiteral("clinic-a"),
                           QStringLiteral("--db"),
                           store.url(),
                           QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(listed.out.toUtf8()).array().size(), 1);
}

QTEST_GUILESS_MAIN(tst_TwilioConnect)
#include "tst_twilioconnect.moc"
