#include <core/ingest/sharedsecret.h>
#include <core/ingest/webhookendpoint.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sb::Ingest;

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// The headers kept with an event (replayed from the quarantine, shown to administrators): what
// QJsonDocument would write for them, without credentials, and with no proof but the server's.
class tst_KeptHeaders : public QObject
{
    Q_OBJECT

private slots:
    void writtenAsQJsonDocumentWritesThem_data();
    void writtenAsQJsonDocumentWritesThem();
    void credentialsAreNeverKept();
    void onlyTheServerMakesAProof();
};

namespace {
// The oracle: the object as QJsonObject builds it (lower-case names, the last value of a name).
QByteArray asQtWritesIt(const Headers &headers, const QByteArray &proof = {})
{
    QJsonObject object;
    if (!proof.isEmpty())
        object.insert(QLatin1String(SharedSecret::kProofHeader), QString::fromLatin1(proof));
    for (const auto &[name, value] : headers)
        object.insert(QString::fromLatin1(name.toLower()), QString::fromLatin1(value));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

void tst_KeptHeaders::writtenAsQJsonDocumentWritesThem_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::newRow("none") << Headers{};
    QTest::newRow("twilio") << Headers{{"Host", "hooks.example.org"},
                                       {"Content-Type", "application/x-www-form-urlencoded"},
                                       {"X-Twilio-Signature", "bSK2tQOsM4nJ6b0y2U8tBq3qk0s="},
                                       {"Content-Length", "312"}};
    QTest::newRow("quotes and backslashes")
        << Headers{{"X-Quoted", R"(say "hi" \ bye)"}, {"X-Path", R"(C:\temp\"x")"}};
    QByteArray controls;
    for (int c = 0; c < 0x20; ++c)
        controls += char(c);
    controls += "\x7f";
    QTest::newRow("control characters") << Headers{{"X-Control", controls}};
    QTest::newRow("latin-1 bytes") << Headers{{"X-Name", "Jos\xe9 Mu\xf1oz \xff\x80"}};
    QTest::newRow("repeated and mixed case") << Headers{{"X-Repeat", "first"},
                                                        {"Accept", "*/*"},
                                                        {"x-REPEAT", "second"},
                                                        {"X-Repeat", "third"}};
    QTest::newRow("unsorted") << Headers{{"zeta", "1"}, {"Alpha", "2"}, {"mu", "3"}, {"a", "4"}};
    QTest::newRow("empty value") << Headers{{"X-Empty", ""}};
}

void tst_KeptHeaders::writtenAsQJsonDocumentWritesThem()
{
    QFETCH(Headers, headers);
    QCOMPARE(WebhookEndpoint::keptHeaders(headers), asQtWritesIt(headers));
    const QByteArray proof = "3q2+7w==";
    QCOMPARE(WebhookEndpoint::keptHeaders(headers, {}, proof), asQtWritesIt(headers, proof));
    // And it reads back as the same object.
    QJsonParseError error;
    const QJsonDocument read = QJsonDocument::fromJson(WebhookEndpoint::keptHeaders(headers), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(read.isObject());
}

void tst_KeptHeaders::credentialsAreNeverKept()
{
    const Headers headers{{"Authorization", "Bearer sk_live_abc"},
                          {"Cookie", "session=1"},
                          {"Proxy-Authorization", "Basic eDp5"},
                          {"X-Vapi-Secret", "vapi-server-secret"},
                          {"User-Agent", "TwilioProxy/1.1"}};
    const QByteArray kept = WebhookEndpoint::keptHeaders(headers, {"x-vapi-secret"});
    QCOMPARE(kept, QByteArray(R"({"user-agent":"TwilioProxy/1.1"})"));
}

void tst_KeptHeaders::onlyTheServerMakesAProof()
{
    // A client that sends a proof of its own has it dropped, with or without a secret presented.
    const Headers forged{{"X-Switchboard-Secret-Proof", "forged"}, {"Accept", "*/*"}};
    QCOMPARE(WebhookEndpoint::keptHeaders(forged), QByteArray(R"({"accept":"*/*"})"));
    QCOMPARE(WebhookEndpoint::keptHeaders(forged, {}, "genuine"),
             QByteArray(R"({"accept":"*/*","x-switchboard-secret-proof":"genuine"})"));
}

QTEST_GUILESS_MAIN(tst_KeptHeaders)
#include "tst_keptheaders.moc"
