#include "../support/testdatabase.h"

#include <core/oauth/grantvault.h>
#include <core/oauth/oauthapps.h>
#include <core/store/oauthgrantstore.h>
#include <core/store/sqlquery.h>
#include <core/tenancy/staffsession.h>
#include <core/store/tenantstore.h>
#include <core/vault/keyexport.h>
#include <core/vault/sealedsecretstore.h>
#include <core/vault/vaultadmin.h>

#include <QSqlQuery>

using namespace Sb;
using namespace Sb::Vault;
using Sb::Store::SqlQuery;

// Sealed secrets on both backends, with keys in a key file (the keychain has its own suite).
class tst_SealedSecrets : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsPerTenant_data() { Test::TestDatabase::addBackendRows(); }
    void roundTripsPerTenant();
    void refusesTampering_data();
    void refusesTampering();
    void rotatesEveryTenantsSecrets_data() { Test::TestDatabase::addBackendRows(); }
    void rotatesEveryTenantsSecrets();
    void failedRotationChangesNothing();
    void refusesKeyFileOthersCanRead_data();
    void refusesKeyFileOthersCanRead();
    void findsSystemdCredential();
    void exportsAndImportsWithPassphrase();

private:
    struct Fixture
    {
        std::shared_ptr<Store::Database> database;
        std::optional<Store::TenantScope> a;
        std::optional<Store::TenantScope> b;
        QString keyFile;
    };
    Result<Fixture> fixture(const QString &backend);
    static Status setEnvelope(Store::Database &database, qint64 tenant, const QByteArray &envelope);
    static QByteArray envelopeOf(Store::Database &database, qint64 tenant);

    Test::TestDatabase m_databases;
    QTemporaryDir m_dir;
    int m_keyFiles = 0;
    const Secret m_tokenA = Secret::fromString(QStringLiteral("token-of-clinic-a-11111111"));
    const Secret m_tokenB = Secret::fromString(QStringLiteral("token-of-clinic-b-22222222"));
    const QString m_record = QStringLiteral("twilio-account:AC0123456789abcdef0123456789abcdef");
};

Result<tst_SealedSecrets::Fixture> tst_SealedSecrets::fixture(const QString &backend)
{
    auto database = m_databases.createMigrated(backend);
    if (!database)
        return database.error();
    Store::TenantStore tenants(**database);
    if (auto a = tenants.add(QStringLiteral("clinic-a"), {}); !a)
        return a.error();
    if (auto b = tenants.add(QStringLiteral("clinic-b"), {}); !b)
        return b.error();
    Fixture result{*database, {}, {}, m_dir.filePath(QStringLiteral("key-%1").arg(++m_keyFiles))};
    Tenancy::AdminSession admin(**database);
    result.a = *admin.scope(QStringLiteral("clinic-a"));
    result.b = *admin.scope(QStringLiteral("clinic-b"));
    if (auto state = VaultAdmin(**database, KeySource::file(result.keyFile)).init(); !state)
        return state.error();
    return result;
}

QByteArray tst_SealedSecrets::envelopeOf(Store::Database &database, qint64 tenant)
{
    auto value =
        SqlQuery(*database.connection(),
                 QStringLiteral("SELECT envelope FROM sealed_secrets WHERE tenant_id = :t"))
            .bind(QStringLiteral(":t"), tenant)
            .scalar();
    return value ? value->toByteArray() : QByteArray();
}

Status
tst_SealedSecrets::setEnvelope(Store::Database &database, qint64 tenant, const QByteArray &envelope)
{
    return SqlQuery(*database.connection(),
                    QStringLiteral("UPDATE sealed_secrets SET envelope = :e WHERE tenant_id = :t"))
        .bind(QStringLiteral(":e"), envelope)
        .bind(QStringLiteral(":t"), tenant)
        .exec();
}

void tst_SealedSecrets::roundTripsPerTenant()
{
    QFETCH(QString, backend);
    auto f = fixture(backend);
    SB_VERIFY_OK(f);
    auto sealer = VaultAdmin(*f->database, KeySource::file(f->keyFile)).sealer();
    SB_VERIFY_OK(sealer);
    SealedSecretStore secrets(*f->database, *sealer);
    SB_VERIFY_OK(secrets.put(*f->a, m_record, QStringLiteral("auth-token"), m_tokenA));
    auto readBack = secrets.get(*f->a, m_record, QStringLiteral("auth-token"));
    SB_VERIFY_OK(readBack);
    QVERIFY(*readBack == m_tokenA);
    // B has no such secret, and the stored bytes are not the plaintext.
    QCOMPARE(secrets.get(*f->b, m_record, QStringLiteral("auth-token")).error().code,
             ErrorCode::SecretMissing);
    QVERIFY(!envelopeOf(*f->database, f->a->tenantId().value()).contains(m_tokenA.reveal()));
    // Overwriting seals again with a new nonce.
    const QByteArray before = envelopeOf(*f->database, f->a->tenantId().value());
    SB_VERIFY_OK(secrets.put(*f->a, m_record, QStringLiteral("auth-token"), m_tokenA));
    QVERIFY(envelopeOf(*f->database, f->a->tenantId().value()) != before);
}

void tst_SealedSecrets::refusesTampering_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("tampering");
    QTest::addColumn<int>("expected");
    for (const char *backend : {"sqlite", "postgres"}) {
        const QString b = QLatin1String(backend);
        QTest::addRow("%s-flipped-bit", backend) << b << "flip" << int(ErrorCode::TamperedSecret);
        QTest::addRow("%s-other-key-id", backend)
            << b << "other-key" << int(ErrorCode::TamperedSecret);
        QTest::addRow("%s-unknown-key-id", backend)
            << b << "unknown-key" << int(ErrorCode::UnknownKey);
        QTest::addRow("%s-moved-to-other-tenant", backend)
            << b << "move" << int(ErrorCode::TamperedSecret);
        QTest::addRow("%s-truncated", backend) << b << "truncate" << int(ErrorCode::TamperedSecret);
    }
}

void tst_SealedSecrets::refusesTampering()
{
    QFETCH(QString, backend);
    QFETCH(QString, tampering);
    QFETCH(int, expected);
    auto f = fixture(backend);
    SB_VERIFY_OK(f);
    // Two keys on hand, so "other key id" names a key this machine really has.
    auto state = VaultAdmin::readState(*f->database);
    SB_VERIFY_OK(state);
    auto keys = KeySource::file(f->keyFile).load((*state)->vaultId);
    SB_VERIFY_OK(keys);
    const QString firstKey = keys->activeKeyId();
    auto secondKey = keys->addActiveKey();
    SB_VERIFY_OK(secondKey);
    SB_VERIFY_OK(KeySource::file(f->keyFile).save(*keys));
    DataKeys sealWithFirst = *keys;
    sealWithFirst.dropAllBut(firstKey);
    const Sealer firstSealer(sealWithFirst);
    const Sealer bothKeys(*keys);
    SealedSecretStore writer(*f->database, firstSealer);
    SB_VERIFY_OK(writer.put(*f->a, m_record, QStringLiteral("auth-token"), m_tokenA));
    SB_VERIFY_OK(writer.put(*f->b, m_record, QStringLiteral("auth-token"), m_tokenB));

    const qint64 a = f->a->tenantId().value();
    QByteArray envelope = envelopeOf(*f->database, a);
    if (tampering == u"flip") {
        envelope[envelope.size() - 5] = char(envelope.at(envelope.size() - 5) ^ 0x10);
    } else if (tampering == u"other-key" || tampering == u"unknown-key") {
        const QString replacement =
            tampering == u"other-key" ? *secondKey : QStringLiteral("kffffffffffff");
        QCOMPARE(replacement.size(), firstKey.size());
        envelope.replace(5, int(firstKey.size()), replacement.toLatin1());
    } else if (tampering == u"move") {
        // B's row gets A's ciphertext; reading B must not yield A's token.
        SB_VERIFY_OK(setEnvelope(*f->database, f->b->tenantId().value(), envelope));
    } else {
        envelope.chop(int(envelope.size()) - 30);
    }
    if (tampering != u"move")
        SB_VERIFY_OK(setEnvelope(*f->database, a, envelope));

    SealedSecretStore reader(*f->database, bothKeys);
    const auto &victim = tampering == u"move" ? *f->b : *f->a;
    const auto opened = reader.get(victim, m_record, QStringLiteral("auth-token"));
    QVERIFY(!opened);
    QCOMPARE(int(opened.error().code), expected);
    QVERIFY(!opened.error().message.isEmpty());
}

void tst_SealedSecrets::rotatesEveryTenantsSecrets()
{
    QFETCH(QString, backend);
    auto f = fixture(backend);
    SB_VERIFY_OK(f);
    VaultAdmin admin(*f->database, KeySource::file(f->keyFile));
    auto oldSealer = admin.sealer();
    SB_VERIFY_OK(oldSealer);
    SB_VERIFY_OK(SealedSecretStore(*f->database, *oldSealer)
                     .put(*f->a, m_record, QStringLiteral("auth-token"), m_tokenA));
    SB_VERIFY_OK(SealedSecretStore(*f->database, *oldSealer)
                     .put(*f->b, m_record, QStringLiteral("auth-token"), m_tokenB));
    // Tokens and apps are sealed too: a grant of A's CRM, and RingCentral apps at every level.
    const Store::GrantKey grantKey{QStringLiteral("hubspot"), {}};
    OAuth::TokenGrant tokens;
    tokens.accessToken = Secret(QByteArrayLiteral("access-token-of-a"));
    tokens.refreshToken = Secret(QByteArrayLiteral("refresh-token-of-a"));
    SB_VERIFY_OK(OAuth::GrantVault(*f->database, *oldSealer).connect(*f->a, grantKey, tokens, QStringLiteral("test")));
    const auto appWith = [](const QByteArray &secret, OAuth::AppOwner owner) {
        OAuth::OAuthApps::Registered app;
        app.app = {QStringLiteral("client-") + QString::fromLatin1(secret), Secret(secret),
                   QUrl(QStringLiteral("http://127.0.0.1:5000/callback"))};
        app.owner = owner;
        return app;
    };
    OAuth::OAuthApps oldApps(*f->database, *oldSealer);
    SB_VERIFY_OK(oldApps.setShared(QStringLiteral("ringcentral"), appWith("shared", OAuth::AppOwner::installation())));
    SB_VERIFY_OK(oldApps.set(*f->a, QStringLiteral("ringcentral"), appWith("tenant-a", OAuth::AppOwner::tenant())));
    SB_VERIFY_OK(oldApps.set(*f->b, QStringLiteral("ringcentral"), appWith("user-b", OAuth::AppOwner::user(StaffId(7)))));
    const QString oldKey = oldSealer->keys().activeKeyId();

    auto newKey = admin.rotateKey();
    SB_VERIFY_OK(newKey);
    QVERIFY(*newKey != oldKey);
    auto status = admin.status();
    SB_VERIFY_OK(status);
    QCOMPARE(status->state->activeKeyId, *newKey);
    QCOMPARE(status->secretsByKeyId, (QMap<QString, int>{{*newKey, 6}}));
    QCOMPARE(status->localKeyIds, QStringList{*newKey}); // the old key is gone once done

    auto newSealer = admin.sealer();
    SB_VERIFY_OK(newSealer);
    SealedSecretStore secrets(*f->database, *newSealer);
    QVERIFY(*secrets.get(*f->a, m_record, QStringLiteral("auth-token")) == m_tokenA);
    QVERIFY(*secrets.get(*f->b, m_record, QStringLiteral("auth-token")) == m_tokenB);
    auto grant = Store::OAuthGrantStore(*f->database).find(*f->a, grantKey);
    SB_VERIFY_OK(grant);
    QVERIFY(grant->has_value());
    QCOMPARE((*grant)->keyId, *newKey);
    auto opened = OAuth::GrantVault(*f->database, *newSealer).open(*f->a, **grant);
    SB_VERIFY_OK(opened);
    QVERIFY(opened->refreshToken == tokens.refreshToken);
    OAuth::OAuthApps newApps(*f->database, *newSealer);
    QVERIFY((*newApps.getShared(QStringLiteral("ringcentral")))->app.clientSecret == Secret(QByteArrayLiteral("shared")));
    QVERIFY((*newApps.get(*f->a, QStringLiteral("ringcentral")))->app.clientSecret == Secret(QByteArrayLiteral("tenant-a")));
    QVERIFY((*newApps.get(*f->b, QStringLiteral("ringcentral"), OAuth::AppOwner::user(StaffId(7))))->app.clientSecret
            == Secret(QByteArrayLiteral("user-b")));
    // A copy of the old key alone opens nothing any more.
    QCOMPARE(SealedSecretStore(*f->database, *oldSealer)
                 .get(*f->a, m_record, QStringLiteral("auth-token"))
                 .error()
                 .code,
             ErrorCode::UnknownKey);
}

void tst_SealedSecrets::failedRotationChangesNothing()
{
    auto f = fixture(QStringLiteral("sqlite"));
    SB_VERIFY_OK(f);
    VaultAdmin admin(*f->database, KeySource::file(f->keyFile));
    auto sealer = admin.sealer();
    SB_VERIFY_OK(sealer);
    SealedSecretStore secrets(*f->database, *sealer);
    SB_VERIFY_OK(secrets.put(*f->a, m_record, QStringLiteral("auth-token"), m_tokenA));
    SB_VERIFY_OK(secrets.put(*f->b, m_record, QStringLiteral("auth-token"), m_tokenB));
    QByteArray broken = envelopeOf(*f->database, f->b->tenantId().value());
    broken[broken.size() - 1] = char(broken.at(broken.size() - 1) ^ 0x01);
    SB_VERIFY_OK(setEnvelope(*f->database, f->b->tenantId().value(), broken));
    const QByteArray envelopeA = envelopeOf(*f->database, f->a->tenantId().value());

    const auto rotated = admin.rotateKey();
    QVERIFY(!rotated);
    QCOMPARE(rotated.error().code, ErrorCode::TamperedSecret);
    // One transaction: A's row is untouched, and the old key still opens it.
    QCOMPARE(envelopeOf(*f->database, f->a->tenantId().value()), envelopeA);
    QCOMPARE(admin.status()->state->activeKeyId, sealer->keys().activeKeyId());
    auto again = admin.sealer();
    SB_VERIFY_OK(again);
    QVERIFY(
        *SealedSecretStore(*f->database, *again).get(*f->a, m_record, QStringLiteral("auth-token"))
        == m_tokenA);
}

void tst_SealedSecrets::refusesKeyFileOthersCanRead_data()
{
    QTest::addColumn<int>("permissions");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("0600") << int(QFile::ReadOwner | QFile::WriteOwner) << true;
    QTest::newRow("0400") << int(QFile::ReadOwner) << true;
    QTest::newRow("0640") << int(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup) << false;
    QTest::newRow("0604") << int(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther) << false;
}

void tst_SealedSecrets::refusesKeyFileOthersCanRead()
{
    QFETCH(int, permissions);
    QFETCH(bool, accepted);
    auto f = fixture(QStringLiteral("sqlite"));
    SB_VERIFY_OK(f);
    QVERIFY(QFile::setPermissions(f->keyFile, QFile::Permissions(permissions)));
    const auto sealer = VaultAdmin(*f->database, KeySource::file(f->keyFile)).sealer();
    QCOMPARE(bool(sealer), accepted);
    if (!accepted) {
        QCOMPARE(sealer.error().code, ErrorCode::InsecureKeyFile);
        QVERIFY(sealer.error().message.contains(u"chmod 600"));
    }
}

void tst_SealedSecrets::findsSystemdCredential()
{
    QTemporaryDir credentials;
    const QString path = credentials.filePath(QStringLiteral("switchboard-vault-key"));
    qputenv("CREDENTIALS_DIRECTORY", credentials.path().toUtf8());
    QCOMPARE(KeySource::resolve({}).describe(), KeySource::keychain().describe());
    QFile(path).open(QIODevice::WriteOnly);
    QCOMPARE(KeySource::resolve({}).describe(), KeySource::file(path).describe());
    QCOMPARE(KeySource::resolve(QStringLiteral("/explicit/key")).describe(),
             KeySource::file(QStringLiteral("/explicit/key")).describe());
    qunsetenv("CREDENTIALS_DIRECTORY");
}

void tst_SealedSecrets::exportsAndImportsWithPassphrase()
{
    auto f = fixture(QStringLiteral("sqlite"));
    SB_VERIFY_OK(f);
    VaultAdmin here(*f->database, KeySource::file(f->keyFile));
    auto sealer = here.sealer();
    SB_VERIFY_OK(sealer);
    SB_VERIFY_OK(SealedSecretStore(*f->database, *sealer)
                     .put(*f->a, m_record, QStringLiteral("auth-token"), m_tokenA));
    const Secret passphrase = Secret::fromString(QStringLiteral("a long passphrase for the move"));
    QCOMPARE(here.exportKeys(Secret::fromString(QStringLiteral("short"))).error().code,
             ErrorCode::InvalidArgument);
    auto exported = here.exportKeys(passphrase);
    SB_VERIFY_OK(exported);
    QVERIFY(
        !exported->contains(sealer->keys().key(sealer->keys().activeKeyId())->reveal().toBase64()));

    const QString serverKey = m_dir.filePath(QStringLiteral("server-key"));
    VaultAdmin server(*f->database, KeySource::file(serverKey));
    const auto wrong =
        server.importKeys(*exported, Secret::fromString(QStringLiteral("not the passphrase!")));
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::AccessDenied);
    QVERIFY(!QFile::exists(serverKey));
    SB_VERIFY_OK(server.importKeys(*exported, passphrase));
    QCOMPARE(QFileInfo(serverKey).permissions()
                 & ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser),
             QFileDevice::Permissions());
    auto serverSealer = server.sealer();
    SB_VERIFY_OK(serverSealer);
    QVERIFY(*SealedSecretStore(*f->database, *serverSealer)
                 .get(*f->a, m_record, QStringLiteral("auth-token"))
            == m_tokenA);

    // Keys of another vault are refused.
    auto other = fixture(QStringLiteral("sqlite"));
    SB_VERIFY_OK(other);
    QCOMPARE(VaultAdmin(*other->database, KeySource::file(m_dir.filePath(QStringLiteral("x"))))
                 .importKeys(*exported, passphrase)
                 .error()
                 .code,
             ErrorCode::UnknownKey);
}

QTEST_GUILESS_MAIN(tst_SealedSecrets)
#include "tst_sealedsecrets.moc"
