#include <core/numbering/phonenumberparser.h>

#include <QTest>

using Sb::ErrorCode;
using Sb::Numbering::PhoneNumberParser;

class tst_PhoneNumberParser : public QObject
{
    Q_OBJECT

private slots:
    void normalisesToE164_data();
    void normalisesToE164();
    void refusesWithReason_data();
    void refusesWithReason();
};

void tst_PhoneNumberParser::normalisesToE164_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("e164");
    QTest::newRow("us-formatted") << "US"
                                  << "(415) 555-0100"
                                  << "+14155550100";
    QTest::newRow("us-dashes") << "US"
                               << "415-555-0100"
                               << "+14155550100";
    QTest::newRow("already-e164") << "US"
                                  << "+14155550100"
                                  << "+14155550100";
    QTest::newRow("international-spaces") << "US"
                                          << "+44 20 7946 0958"
                                          << "+442079460958";
    QTest::newRow("gb-national") << "GB"
                                 << "020 7946 0958"
                                 << "+442079460958";
    QTest::newRow("de-national") << "de"
                                 << "030 901820"
                                 << "+4930901820";
    QTest::newRow("padded") << "US"
                            << "  +1 415 555 0100 "
                            << "+14155550100";
}

void tst_PhoneNumberParser::normalisesToE164()
{
    QFETCH(QString, region);
    QFETCH(QString, input);
    QFETCH(QString, e164);
    const auto result = PhoneNumberParser(region).toE164(input);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(*result, e164);
}

void tst_PhoneNumberParser::refusesWithReason_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("letters") << "call me"
                             << "not a phone number";
    QTest::newRow("too-short") << "555"
                               << "numbering plan";
    QTest::newRow("bad-country") << "+999 1234567"
                                 << "country code";
    QTest::newRow("too-long") << "+1 415 555 0100 1234 5678 9"
                              << "too long";
}

void tst_PhoneNumberParser::refusesWithReason()
{
    QFETCH(QString, input);
    QFETCH(QString, reason);
    const auto result = PhoneNumberParser(QStringLiteral("US")).toE164(input);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::InvalidPhoneNumber);
    QVERIFY2(result.error().message.contains(reason), qPrintable(result.error().message));
}

QTEST_GUILESS_MAIN(tst_PhoneNumberParser)
#include "tst_phonenumberparser.moc"
