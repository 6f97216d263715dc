// One process that wants a grant's access token, for tests of refreshing across processes:
//   oauth_tokens --db URL --tenant NAME --token-url URL --client-id ID --at EPOCH_MS
//   oauth_tokens --db URL --tenant NAME --ringcentral PLATFORM_URL --staff ID --client-id ID --at EPOCH_MS
//                [--rejected GENERATION]   (that token got a 401: the provider let it go early)
// reads the vault's data keys (base64) and the app's client secret from stdin, one per line
// (never argv), waits until --at so that several processes ask together, asks AccessTokens
// for the HubSpot grant of the tenant (or the staff member's RingCentral grant, refreshed as
// RingCentral's server is: Basic client authentication), and prints one line: "generation N sha256 HEX" (a
// digest, so no token reaches the test's output) or "error MESSAGE".
#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/providers/ringcentral/ringcentralauth.h>
#include <core/store/database.h>
#include <core/store/databaseurl.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/datakeys.h>
#include <core/vault/sealer.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QTextStream>
#include <QThread>
#include <QTimer>

using namespace Sb;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const auto option = [&arguments](const char *name) {
        const qsizetype at = arguments.indexOf(QLatin1String(name));
        return at > 0 ? arguments.value(at + 1) : QString();
    };
    QTextStream in(stdin);
    QTextStream out(stdout);
    auto keys = Vault::DataKeys::fromSecret(Secret(QByteArray::fromBase64(in.readLine().toLatin1())));
    const Secret clientSecret = Secret::fromString(in.readLine());
    auto url = Store::DatabaseUrl::parse(option("--db"));
    if (!keys || !url) {
        out << "error bad input" << Qt::endl;
        return 2;
    }
    auto database = Store::Database::open(*url);
    if (!database) {
        out << "error " << database.error().message << Qt::endl;
        return 2;
    }
    auto tenant = Tenancy::AdminSession(**database).scope(option("--tenant"));
    if (!tenant) {
        out << "error " << tenant.error().message << Qt::endl;
        return 2;
    }
    const bool isRingCentral = !option("--ringcentral").isEmpty();
    const Store::GrantKey key = isRingCentral ? Providers::RingCentral::grantOf(StaffId(option("--staff").toLongLong()))
                                              : Store::GrantKey{QStringLiteral("hubspot"), StaffId()};
    OAuth::RefreshTarget target;
    if (isRingCentral) {
        target.server = Providers::RingCentral::authorizationServer(QUrl(option("--ringcentral")));
    } else {
        target.server.provider = QStringLiteral("hubspot");
        target.server.displayName = QStringLiteral("HubSpot");
        target.server.tokenUrl = QUrl(option("--token-url"));
    }
    target.app.clientId = option("--client-id");
    target.app.clientSecret = clientSecret;
    Net::HttpClient http;
    OAuth::AccessTokens tokens(*database,
                               std::make_shared<Vault::Sealer>(*keys),
                               http,
                               [target](Store::Database &, const Store::TenantScope &, const Store::StoredGrant &) {
                                   return Result<OAuth::RefreshTarget>(target);
                               });
    const qint64 at = option("--at").toLongLong();
    QThread::msleep(quint64(std::max<qint64>(0, at - QDateTime::currentMSecsSinceEpoch())));
    const std::optional<qint64> rejected =
        option("--rejected").isEmpty() ? std::nullopt : std::optional<qint64>(option("--rejected").toLongLong());
    tokens.get(*tenant, key, nullptr, [&](Result<OAuth::AccessToken> token) {
        if (token) {
            out << "generation " << token->generation << " sha256 "
                << QCryptographicHash::hash(token->token.reveal(), QCryptographicHash::Sha256).toHex()
                << Qt::endl;
        } else {
            out << "error " << token.error().message << Qt::endl;
        }
        app.exit(token ? 0 : 1);
    }, rejected);
    return app.exec();
}
