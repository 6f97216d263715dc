#include "../support/logcapture.h"

#include <core/common/redactor.h>
#include <core/crypto/secret.h>

#include <QTest>

using namespace Sb;

class tst_Redactor : public QObject
{
    Q_OBJECT

private slots:
    void masksProviderSecretShapes_data();
    void masksProviderSecretShapes();
    void leavesOrdinaryTextAlone_data();
    void leavesOrdinaryTextAlone();
    void masksEverySecretTheProgramHeld();
    void messageHandlerRedactsEveryLogLine();
    void secretPrintsRedacted();
};

void tst_Redactor::masksProviderSecretShapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("hidden");
    QTest::newRow("authorization-header") << "Authorization: Basic QUMxMjM0OmFiY2RlZg=="
                                          << "QUMxMjM0OmFiY2RlZg";
    QTest::newRow("bearer") << "request failed with Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"
                            << "eyJhbGci";
    QTest::newRow("twilio-auth-token") << "token 0123456789abcdef0123456789abcdef rejected"
                                       << "0123456789abcdef0123456789abcdef";
    QTest::newRow("form-refresh-token")
        << "grant_type=refresh_token&refresh_token=6f18f26a-3e95-4d95&client_id=x"
        << "6f18f26a-3e95-4d95";
    QTest::newRow("json-client-secret") << R"({"client_secret":"s3cr3t-value","x":1})"
                                        << "s3cr3t-value";
    QTest::newRow("json-access-token") << R"({"access_token": "1000.8cb9aa.bbcc"})"
                                       << "1000.8cb9aa.bbcc";
    QTest::newRow("zoho-token")
        << "Zoho-oauthtoken 1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef"
        << "1000.0123456789abcdef";
    QTest::newRow("twilio-signature") << "X-Twilio-Signature: RSOYDt4T1cUTdK1PDd93/VVr8B8="
                                      << "RSOYDt4T1cUTdK1PDd93";
    QTest::newRow("vapi-secret") << "x-vapi-secret: hunter2hunter2"
                                 << "hunter2hunter2";
    QTest::newRow("password-field") << "password=correct-horse"
                                    << "correct-horse";
}

void tst_Redactor::masksProviderSecretShapes()
{
    QFETCH(QString, text);
    QFETCH(QString, hidden);
    const QString redacted = Redactor::instance().redact(text);
    QVERIFY2(!redacted.contains(hidden), qPrintable(redacted));
    QVERIFY2(redacted.contains(Redactor::mask()), qPrintable(redacted));
}

void tst_Redactor::leavesOrdinaryTextAlone_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("account-sid") << "subaccount AC0123456789abcdef0123456789abcdef created";
    QTest::newRow("phone") << "call from +14155550100 to +12125550100";
    QTest::newRow("sentence") << "The database schema is version 2";
}

void tst_Redactor::leavesOrdinaryTextAlone()
{
    QFETCH(QString, text);
    QCOMPARE(Redactor::instance().redact(text), text);
}

void tst_Redactor::masksEverySecretTheProgramHeld()
{
    const Secret secret = Secret::fromString(QStringLiteral("no-shape-at-all-but-secret"));
    const QString line = QStringLiteral("connecting with no-shape-at-all-but-secret now");
    QCOMPARE(Redactor::instance().redact(line), QStringLiteral("connecting with <redacted> now"));
}

void tst_Redactor::messageHandlerRedactsEveryLogLine()
{
    const Secret secret = Secret::fromString(QStringLiteral("handed-out-by-the-vault"));
    QString log;
    {
        const Test::LogCapture capture;
        installRedactingMessageHandler();
        qWarning("token is %s", "handed-out-by-the-vault");
        qInfo() << "header"
                << "Authorization: Bearer abcdef123456";
        QCOMPARE(capture.lines().size(), 2);
        log = capture.text();
    }
    QVERIFY2(!log.contains(u"handed-out-by-the-vault"), qPrintable(log));
    QVERIFY2(!log.contains(u"abcdef123456"), qPrintable(log));
}

void tst_Redactor::secretPrintsRedacted()
{
    QString printed;
    QDebug(&printed) << Secret::fromString(QStringLiteral("value-that-must-not-print"));
    QCOMPARE(printed.trimmed(), QStringLiteral("<redacted>"));
}

QTEST_GUILESS_MAIN(tst_Redactor)
#include "tst_redactor.moc"
