#include "../support/ctlrunner.h"
#include "../support/privatekeychain.h"
#include "../support/testdatabase.h"

#include <core/common/continuation.h>
#include <core/vault/blockingkeychain.h>
#include <core/vault/secretstore.h>

#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>

using namespace Sb;
using namespace Sb::Vault;
using Test::PrivateKeychain;

// The real Secret Service: gnome-keyring on the private D-Bus session of ./dev test, and more
// private keychains (other "machines", a locked one, none at all) for the CLI.
class tst_Keychain : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsWithoutBlocking();
    void missingEntryIsReported();
    void absentSecretServiceIsReported();
    void absentSessionBusIsReported();
    void lockedKeychainIsReported();
    void keysMoveToASecondMachine();

private:
    // Waits (processing events) until the keychain answers; a timeout fails the check after.
    template<typename T>
    static T await(QFuture<T> future);
    static Test::CtlRun
    ctl(const PrivateKeychain &machine, QStringList arguments, const QByteArray &input = {});

    QTemporaryDir m_dir;
    // A new, migrated store (commands other than db migrate never create one).
    QString storeUrl(const QString &name) const
    {
        const QString url = QStringLiteral("sqlite:") + m_dir.filePath(name);
        if (!QFileInfo::exists(m_dir.filePath(name))) {
            const auto created = Test::runCtl(
                {QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--db"), url});
            if (created.exitCode != 0)
                qWarning() << "could not create" << url << created.err;
        }
        return url;
    }
};

template<typename T>
T tst_Keychain::await(QFuture<T> future)
{
    QObject context;
    std::optional<T> result;
    onFinished(&context, future, [&result](T value) { result.emplace(std::move(value)); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15000))
        return Error{ErrorCode::KeychainUnavailable, QStringLiteral("the keychain never answered")};
    return std::move(*result);
}

Test::CtlRun
tst_Keychain::ctl(const PrivateKeychain &machine, QStringList arguments, const QByteArray &input)
{
    return Test::runCtl(arguments, input, machine.environment());
}

void tst_Keychain::roundTripsWithoutBlocking()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run the suite with ./dev test");
    SecretStore store;
    const auto key =
        SecretKey::forTenant(TenantId(7),
                             QStringLiteral("twilio"),
                             QStringLiteral("test-%1").arg(QRandomGenerator::global()->generate()),
                             QStringLiteral("auth-token"));
    const Secret secret(QByteArray("binary\0secret\xff with bytes", 25));
    auto writing = store.write(key, secret);
    QVERIFY(!writing.isFinished()); // the call returned before the keychain answered
    SB_VERIFY_OK(await(writing));
    auto reading = store.read(key);
    QVERIFY(!reading.isFinished());
    auto readBack = await(reading);
    SB_VERIFY_OK(readBack);
    QVERIFY(*readBack == secret);
    SB_VERIFY_OK(await(store.remove(key)));
    const auto gone = await(store.read(key));
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, ErrorCode::SecretMissing);
}

void tst_Keychain::missingEntryIsReported()
{
    const auto missing = BlockingKeychain().read(SecretKey::forTenant(
        TenantId(1), QStringLiteral("none"), QStringLiteral("none"), QStringLiteral("none")));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::SecretMissing);
}

void tst_Keychain::absentSecretServiceIsReported()
{
    PrivateKeychain machine(PrivateKeychain::Mode::NoSecretService);
    SB_VERIFY_OK(machine.start());
    const QString db = storeUrl(QStringLiteral("absent.db"));
    const auto run =
        ctl(machine, {QStringLiteral("vault"), QStringLiteral("init"), QStringLiteral("--db"), db});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"No keychain is available"), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"--key-file"), qPrintable(run.err)); // says what to do
    // Nothing half-made and nothing in plaintext: the store has no vault.
    const auto status = ctl(
        machine, {QStringLiteral("vault"), QStringLiteral("status"), QStringLiteral("--db"), db});
    QCOMPARE(status.exitCode, 0);
    QVERIFY2(status.out.contains(u"not set up"), qPrintable(status.out));
}

void tst_Keychain::absentSessionBusIsReported()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=") + m_dir.filePath(QStringLiteral("no-bus")));
    const auto run = Test::runCtl({QStringLiteral("vault"),
                                   QStringLiteral("init"),
                                   QStringLiteral("--db"),
                                   storeUrl(QStringLiteral("nobus.db"))},
                                  {},
                                  environment);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"No keychain is available"), qPrintable(run.err));
}

void tst_Keychain::lockedKeychainIsReported()
{
    PrivateKeychain machine(PrivateKeychain::Mode::Unlocked);
    SB_VERIFY_OK(machine.start());
    const QString db = storeUrl(QStringLiteral("locked.db"));
    QCOMPARE(ctl(machine,
                 {QStringLiteral("tenant"),
                  QStringLiteral("add"),
                  QStringLiteral("clinic-a"),
                  QStringLiteral("--db"),
                  db})
                 .exitCode,
             0);
    auto run =
        ctl(machine, {QStringLiteral("vault"), QStringLiteral("init"), QStringLiteral("--db"), db});
    QCOMPARE(run.exitCode, 0);
    SB_VERIFY_OK(machine.lock());
    run = ctl(machine,
              {QStringLiteral("vault"), QStringLiteral("status"), QStringLiteral("--db"), db});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"The keychain is locked"), qPrintable(run.err));
    run = ctl(machine,
              {QStringLiteral("secret"),
               QStringLiteral("set"),
               QStringLiteral("--tenant"),
               QStringLiteral("clinic-a"),
               QStringLiteral("--record"),
               QStringLiteral("r"),
               QStringLiteral("--purpose"),
               QStringLiteral("p"),
               QStringLiteral("--db"),
               db},
              "value-while-locked\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"locked"), qPrintable(run.err));
}

void tst_Keychain::keysMoveToASecondMachine()
{
    PrivateKeychain admin(PrivateKeychain::Mode::Unlocked);
    PrivateKeychain server(PrivateKeychain::Mode::Unlocked);
    SB_VERIFY_OK(admin.start());
    SB_VERIFY_OK(server.start());
    const QStringList db{QStringLiteral("--db"), storeUrl(QStringLiteral("shared.db"))};
    const auto secretArgs = [&db](const char *verb, const char *tenant) {
        return QStringList{QStringLiteral("secret"),
                           QLatin1String(verb),
                           QStringLiteral("--tenant"),
                           QLatin1String(tenant),
                           QStringLiteral("--record"),
                           QStringLiteral("twilio-account:AC0123456789abcdef0123456789abcdef"),
                           QStringLiteral("--purpose"),
                           QStringLiteral("auth-token")}
        + db;
    };
    for (const char *tenant : {"clinic-a", "clinic-b"})
        QCOMPARE(
            ctl(admin,
                QStringList{QStringLiteral("tenant"), QStringLiteral("add"), QLatin1String(tenant)}
                    + db)
                .exitCode,
            0);
    QCOMPARE(ctl(admin, QStringList{QStringLiteral("vault"), QStringLiteral("init")} + db).exitCode,
             0);
    QCOMPARE(ctl(admin, secretArgs("set", "clinic-a"), "token-a-for-the-move\n").exitCode, 0);
    QCOMPARE(ctl(admin, secretArgs("set", "clinic-b"), "token-b-for-the-move\n").exitCode, 0);
    QCOMPARE(ctl(admin, QStringList{QStringLiteral("vault"), QStringLiteral("rotate-key")} + db)
                 .exitCode,
             0);

    // The server has no keys yet, and says so.
    auto run = ctl(server, secretArgs("verify", "clinic-a"), "token-a-for-the-move\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"does not hold the keys of vault"), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"vault import-key"), qPrintable(run.err));

    const QString exported = m_dir.filePath(QStringLiteral("vault-key.json"));
    const QByteArray passphrase = "moving the vault key safely\n";
    run = ctl(admin,
              QStringList{QStringLiteral("vault"),
                          QStringLiteral("export-key"),
                          QStringLiteral("--output"),
                          exported}
                  + db,
              passphrase);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QFileInfo(exported).permissions() & (QFile::ReadGroup | QFile::ReadOther),
             QFileDevice::Permissions());

    run = ctl(server,
              QStringList{QStringLiteral("vault"), QStringLiteral("import-key"), exported} + db,
              "wrong passphrase here\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"Wrong passphrase"), qPrintable(run.err));
    QCOMPARE(ctl(server,
                 QStringList{QStringLiteral("vault"), QStringLiteral("import-key"), exported} + db,
                 passphrase)
                 .exitCode,
             0);

    QCOMPARE(ctl(server, secretArgs("verify", "clinic-a"), "token-a-for-the-move\n").exitCode, 0);
    QCOMPARE(ctl(server, secretArgs("verify", "clinic-b"), "token-b-for-the-move\n").exitCode, 0);
    QCOMPARE(ctl(server, secretArgs("verify", "clinic-b"), "token-a-for-the-move\n").exitCode, 1);
    QCOMPARE(ctl(admin, secretArgs("verify", "clinic-a"), "token-a-for-the-move\n").exitCode, 0);
}

QTEST_GUILESS_MAIN(tst_Keychain)
#include "tst_keychain.moc"
