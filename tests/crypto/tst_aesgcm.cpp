#include <core/crypto/aesgcm.h>

#include <QTest>

using namespace Sb;
using Sb::Crypto::AesGcm;

class tst_AesGcm : public QObject
{
    Q_OBJECT

private slots:
    void opensKnownAnswer();
    void roundTripsWithFreshNonce();
    void refusesAnyChange_data();
    void refusesAnyChange();
    void scryptMatchesRfc7914();
    void comparesInConstantTimeShape();

private:
    QByteArray m_key = QByteArray(32, '\x42');
};

void tst_AesGcm::opensKnownAnswer()
{
    // NIST GCM test case 13: zero key, zero 96-bit IV, empty plaintext and AAD.
    const QByteArray sealed =
        QByteArray(12, '\0') + QByteArray::fromHex("530f8afbc74536b9a963b4f1c4cb738b");
    auto plain = AesGcm::open(QByteArray(32, '\0'), sealed, {});
    QVERIFY(plain);
    QVERIFY(plain->isEmpty());
    QVERIFY(!AesGcm::open(QByteArray(32, '\0'), sealed, "aad"));
}

void tst_AesGcm::roundTripsWithFreshNonce()
{
    const QByteArray secret = "ACf00d auth token 0123456789abcdef";
    auto first = AesGcm::seal(m_key, secret, "tenant 1");
    auto second = AesGcm::seal(m_key, secret, "tenant 1");
    QVERIFY(first && second);
    QCOMPARE(first->size(), AesGcm::NonceSize + secret.size() + AesGcm::TagSize);
    QVERIFY(first->left(AesGcm::NonceSize) != second->left(AesGcm::NonceSize));
    QVERIFY(!first->contains(secret));
    QCOMPARE(*AesGcm::open(m_key, *first, "tenant 1"), secret);
    QCOMPARE(*AesGcm::open(m_key, *second, "tenant 1"), secret);
}

void tst_AesGcm::refusesAnyChange_data()
{
    QTest::addColumn<int>("flipByte"); // -1: no flip
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("aad");
    QTest::newRow("nonce-bit") << 0 << m_key << QByteArray("tenant 1");
    QTest::newRow("ciphertext-bit") << 14 << m_key << QByteArray("tenant 1");
    QTest::newRow("tag-bit") << -2 << m_key << QByteArray("tenant 1");
    QTest::newRow("other-aad") << -1 << m_key << QByteArray("tenant 2");
    QTest::newRow("other-key") << -1 << QByteArray(32, '\x43') << QByteArray("tenant 1");
}

void tst_AesGcm::refusesAnyChange()
{
    QFETCH(int, flipByte);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, aad);
    auto sealed = AesGcm::seal(m_key, "a secret of some length", "tenant 1");
    QVERIFY(sealed);
    QByteArray changed = *sealed;
    if (flipByte == -2)
        flipByte = int(changed.size()) - 1;
    if (flipByte >= 0)
        changed[flipByte] = char(changed.at(flipByte) ^ 0x01);
    auto opened = AesGcm::open(key, changed, aad);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, ErrorCode::TamperedSecret);
    QVERIFY(!AesGcm::open(m_key, sealed->left(20), "tenant 1"));
}

void tst_AesGcm::scryptMatchesRfc7914()
{
    auto key = Crypto::scryptKey("password", "NaCl", {1024, 8, 16}, 64);
    QVERIFY(key);
    QCOMPARE(key->toHex(),
             QByteArray("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                        "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"));
}

void tst_AesGcm::comparesInConstantTimeShape()
{
    QVERIFY(Crypto::equalsConstantTime("abc", "abc"));
    QVERIFY(!Crypto::equalsConstantTime("abc", "abd"));
    QVERIFY(!Crypto::equalsConstantTime("abc", "abcd"));
    QByteArray wiped = "sensitive";
    Crypto::wipe(wiped);
    QVERIFY(wiped.isEmpty());
}

QTEST_GUILESS_MAIN(tst_AesGcm)
#include "tst_aesgcm.moc"
