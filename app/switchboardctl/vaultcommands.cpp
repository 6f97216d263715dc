#include "cli.h"

#include <core/crypto/aesgcm.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/keyexport.h>
#include <core/vault/sealedsecretstore.h>
#include <core/vault/vaultadmin.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace Sb::Ctl {

using Vault::VaultAdmin;

namespace {
Vault::KeySource keySource(Cli &cli)
{
    return Vault::KeySource::resolve(cli.option(QStringLiteral("key-file")));
}

void printJson(Cli &cli, const QJsonObject &object)
{
    cli.out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
}

int printStatus(Cli &cli, const Vault::VaultStatus &status, const Vault::KeySource &source)
{
    if (cli.wantsJson()) {
        QJsonObject perKey;
        for (auto it = status.secretsByKeyId.cbegin(); it != status.secretsByKeyId.cend(); ++it)
            perKey.insert(it.key(), it.value());
        printJson(
            cli,
            {{QStringLiteral("initialised"), bool(status.state)},
             {QStringLiteral("vault"), status.state ? status.state->vaultId : QString()},
             {QStringLiteral("activeKey"), status.state ? status.state->activeKeyId : QString()},
             {QStringLiteral("keySource"), source.describe()},
             {QStringLiteral("localKeys"), QJsonArray::fromStringList(status.localKeyIds)},
             {QStringLiteral("keyProblem"),
              status.keyProblem ? status.keyProblem->message : QString()},
             {QStringLiteral("secretsByKey"), perKey}});
        return status.keyProblem ? ExitFailure : ExitOk;
    }
    if (!status.state) {
        cli.out() << "vault: not set up in this store; run 'switchboardctl vault init'" << Qt::endl;
        return status.keyProblem ? cli.fail(status.keyProblem->message) : ExitOk;
    }
    cli.out() << "vault: " << status.state->vaultId << Qt::endl
              << "active key: " << status.state->activeKeyId << Qt::endl
              << "keys on this machine (" << source.describe() << "): "
              << (status.localKeyIds.isEmpty() ? QStringLiteral("none")
                                               : status.localKeyIds.join(QStringLiteral(", ")))
              << Qt::endl;
    for (auto it = status.secretsByKeyId.cbegin(); it != status.secretsByKeyId.cend(); ++it) {
        cli.out() << "sealed under " << it.key() << ": " << it.value()
                  << (status.localKeyIds.contains(it.key()) ? "" : " (key missing here)")
                  << Qt::endl;
    }
    if (status.keyProblem)
        return cli.fail(status.keyProblem->message);
    return ExitOk;
}

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound, QStringLiteral("Cannot read %1").arg(path)};
    return file.readAll();
}

Status writePrivateFile(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
        || file.write(content) != content.size() || !file.commit()) {
        return Error{ErrorCode::AccessDenied, QStringLiteral("Cannot write %1").arg(path)};
    }
    return ok();
}
} // namespace

int runVault(Cli &cli, const QString &action)
{
    static const QStringList actions{QStringLiteral("init"),
                                     QStringLiteral("status"),
                                     QStringLiteral("rotate-key"),
                                     QStringLiteral("export-key"),
                                     QStringLiteral("import-key")};
    if (!actions.contains(action))
        return cli.usage(QStringLiteral("unknown command 'vault %1'").arg(action));
    const int expectedArguments = action == u"import-key" ? 1 : 0;
    if (cli.arguments().size() != expectedArguments)
        return cli.usage(action == u"import-key"
                             ? QStringLiteral("usage: vault import-key FILE")
                             : QStringLiteral("'vault %1' takes no arguments").arg(action));
    if (action == u"export-key" && cli.option(QStringLiteral("output")).isEmpty())
        return cli.usage(QStringLiteral("usage: vault export-key --output FILE"));
    auto database = cli.openDatabase();
    if (!database)
        return cli.fail(database.error());
    const Vault::KeySource source = keySource(cli);
    VaultAdmin admin(**database, source);
    if (action == u"status") {
        auto status = admin.status();
        if (!status)
            return cli.fail(status.error());
        return printStatus(cli, *status, source);
    }
    if (action == u"init") {
        auto state = admin.init();
        if (!state)
            return cli.fail(state.error());
        cli.out() << "vault " << state->vaultId << " created; key " << state->activeKeyId
                  << " kept in " << source.describe() << Qt::endl;
        return ExitOk;
    }
    if (action == u"rotate-key") {
        auto key = admin.rotateKey();
        if (!key)
            return cli.fail(key.error());
        cli.out() << "every secret is now sealed under key " << *key
                  << "; export the key again for servers that use a key file" << Qt::endl;
        return ExitOk;
    }
    const Secret passphrase = cli.readSecretLine(QStringLiteral("Passphrase: "));
    if (action == u"export-key") {
        auto exported = admin.exportKeys(passphrase);
        if (!exported)
            return cli.fail(exported.error());
        if (auto written = writePrivateFile(cli.option(QStringLiteral("output")), *exported);
            !written)
            return cli.fail(written.error());
        cli.out() << "keys written to " << cli.option(QStringLiteral("output")) << Qt::endl;
        return ExitOk;
    }
    auto exported = readFile(cli.arguments().first());
    if (!exported)
        return cli.fail(exported.error());
    auto state = admin.importKeys(*exported, passphrase);
    if (!state)
        return cli.fail(state.error());
    cli.out() << "keys of vault " << state->vaultId << " imported into " << source.describe()
              << Qt::endl;
    return ExitOk;
}

int runSecret(Cli &cli, const QString &action)
{
    if (action != u"set" && action != u"verify" && action != u"remove")
        return cli.usage(QStringLiteral("unknown command 'secret %1'").arg(action));
    for (const char *required : {"record", "purpose"}) {
        if (cli.option(QLatin1String(required)).isEmpty())
            return cli.usage(QStringLiteral("--%1 is required").arg(QLatin1String(required)));
    }
    auto context = cli.openTenant(true);
    if (!context)
        return context.error();
    const Store::TenantScope &tenant = context->scope;
    const auto &sealer = context->sealer;
    Vault::SealedSecretStore secrets(*context->database, *sealer);
    const QString record = cli.option(QStringLiteral("record"));
    const QString purpose = cli.option(QStringLiteral("purpose"));
    if (action == u"remove") {
        if (auto removed = secrets.remove(tenant, record, purpose); !removed)
            return cli.fail(removed.error());
        return ExitOk;
    }
    const Secret value = cli.readSecretLine(QStringLiteral("Secret: "));
    if (value.isEmpty())
        return cli.fail(QStringLiteral("no secret on stdin"));
    if (action == u"set") {
        if (auto stored = secrets.put(tenant, record, purpose, value); !stored)
            return cli.fail(stored.error());
        cli.out() << "sealed " << purpose << " of " << record << Qt::endl;
        return ExitOk;
    }
    auto stored = secrets.get(tenant, record, purpose);
    if (!stored)
        return cli.fail(stored.error());
    if (!(*stored == value))
        return cli.fail(QStringLiteral("the secret on stdin does not match the sealed one"));
    cli.out() << "matches" << Qt::endl;
    return ExitOk;
}

} // namespace Sb::Ctl
