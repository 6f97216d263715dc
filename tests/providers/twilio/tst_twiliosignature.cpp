#include <core/providers/twilio/twiliosignature.h>

#include <QTest>

using namespace Sb;
using namespace Sb::Ingest;
using Sb::Providers::Twilio::TwilioSignature;

// The vectors of Twilio's documentation and SDKs (../shared/providers.md §1.3).
class tst_TwilioSignature : public QObject
{
    Q_OBJECT

private slots:
    void matchesPublishedVectors();
    void acceptsDefaultPortVariants();
    void refusesAnyChange_data();
    void refusesAnyChange();
    void verifiesJsonBodies();
    void parsesFormBodies();
    void refusesMalformedForms_data();
    void refusesMalformedForms();

private:
    const Secret m_token = Secret::fromString(QStringLiteral("12345"));
    const QString m_url = QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=2");
    const QByteArray m_body = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234"
                              "&From=%2B14158675309&To=%2B18005551212";
};

void tst_TwilioSignature::matchesPublishedVectors()
{
    auto fields = FormFields::parse(m_body);
    QVERIFY(fields);
    QCOMPARE(TwilioSignature::compute(m_url, *fields, m_token),
             QByteArray("RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    QCOMPARE(
        TwilioSignature::compute(
            QStringLiteral("https://mycompany.com:443/myapp.php?foo=1&bar=2"), *fields, m_token),
        QByteArray("kvajT1Ptam85bY51eRf/AJRuM3w="));
}

void tst_TwilioSignature::acceptsDefaultPortVariants()
{
    auto fields = FormFields::parse(m_body);
    QVERIFY(fields);
    // Configured without the port, Twilio signed with it (and the other way round).
    QVERIFY(TwilioSignature::verify(m_url, *fields, "kvajT1Ptam85bY51eRf/AJRuM3w=", m_token));
    QVERIFY(
        TwilioSignature::verify(QStringLiteral("https://mycompany.com:443/myapp.php?foo=1&bar=2"),
                                *fields,
                                "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
                                m_token));
}

void tst_TwilioSignature::refusesAnyChange_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<QString>("token");
    const QByteArray good = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    QTest::newRow("missing-signature") << m_url << m_body << QByteArray() << "12345";
    QTest::newRow("wrong-token") << m_url << m_body << good << "54321";
    QTest::newRow("local-url-behind-proxy")
        << "http://127.0.0.1:8080/myapp.php?foo=1&bar=2" << m_body << good << "12345";
    QTest::newRow("other-query") << "https://mycompany.com/myapp.php?foo=1&bar=3" << m_body << good
                                 << "12345";
    QTest::newRow("changed-value")
        << m_url << QByteArray(m_body).replace("1234&", "1235&") << good << "12345";
    QTest::newRow("extra-field") << m_url << m_body + "&Extra=1" << good << "12345";
}

void tst_TwilioSignature::refusesAnyChange()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, signature);
    QFETCH(QString, token);
    auto fields = FormFields::parse(body);
    QVERIFY(fields);
    QVERIFY(!TwilioSignature::verify(url, *fields, signature, Secret::fromString(token)));
}

void tst_TwilioSignature::verifiesJsonBodies()
{
    const QByteArray body = R"({"property": "value", "boolean": true})";
    const QString url =
        m_url
        + QStringLiteral(
            "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
    QVERIFY(TwilioSignature::verifyJson(url, body, "a9nBmqA0ju/hNViExpshrM61xv4=", m_token));
    QVERIFY(!TwilioSignature::verifyJson(url, body + " ", "a9nBmqA0ju/hNViExpshrM61xv4=", m_token));
}

void tst_TwilioSignature::parsesFormBodies()
{
    auto fields =
        FormFields::parse("Body=Hello+world%21&From=%2B14155550100&MediaUrl0=a&MediaUrl0=b");
    QVERIFY(fields);
    QCOMPARE(fields->value(QStringLiteral("Body")), QStringLiteral("Hello world!"));
    QCOMPARE(fields->value(QStringLiteral("From")), QStringLiteral("+14155550100"));
    QCOMPARE(fields->items().size(), 4);
}

void tst_TwilioSignature::refusesMalformedForms_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("binary") << QByteArray("\x00\x01\x02garbage", 10);
    QTest::newRow("json") << QByteArray("{\"not\":\n \"a form\"}");
    QTest::newRow("nameless") << QByteArray("=value&x=1");
}

void tst_TwilioSignature::refusesMalformedForms()
{
    QFETCH(QByteArray, body);
    const auto fields = FormFields::parse(body);
    QVERIFY(!fields);
    QCOMPARE(fields.error().code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_TwilioSignature)
#include "tst_twiliosignature.moc"
