#include "oauthapps.h"

#include "loopbackreplyhandler.h"

#include <core/store/connectionstore.h>
#include <core/store/database.h>
#include <core/vault/sealedsecretstore.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::OAuth {

namespace {
const QString kPurpose = QStringLiteral("client-secret");

QString recordOf(const QString &provider)
{
    return QStringLiteral("oauth-app:") + provider;
}
} // namespace

OAuthApps::OAuthApps(Store::Database &database, const Vault::Sealer &sealer)
    : m_database(database)
    , m_sealer(sealer)
{}

Status OAuthApps::set(const Store::TenantScope &tenant, const QString &provider, const Registered &registered)
{
    if (registered.app.clientId.trimmed().isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("The app's client id is missing.")};
    if (auto checked = LoopbackReplyHandler::checkRedirectUri(registered.app.redirectUri); !checked)
        return checked;
    Vault::SealedSecretStore secrets(m_database, m_sealer);
    if (registered.app.clientSecret.isEmpty()) {
        if (auto kept = secrets.get(tenant, recordOf(provider), kPurpose); !kept)
            return Error{ErrorCode::InvalidArgument, tr("The app's client secret is missing.")};
    } else if (auto sealed = secrets.put(tenant, recordOf(provider), kPurpose, registered.app.clientSecret);
               !sealed) {
        return sealed;
    }
    QJsonObject settings{{QStringLiteral("clientId"), registered.app.clientId.trimmed()},
                         {QStringLiteral("redirectUri"), registered.app.redirectUri.toString()}};
    if (!registered.dataCentre.isEmpty())
        settings.insert(QStringLiteral("dataCentre"), registered.dataCentre);
    return Store::ConnectionStore(m_database)
        .markConnected(tenant,
                       {QStringLiteral("crm"),
                        provider,
                        {},
                        providerDisplayName(provider),
                        QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact))});
}

Status OAuthApps::moveToDataCentre(const Store::TenantScope &tenant, const QString &provider, const QString &dataCentre)
{
    auto registered = get(tenant, provider);
    if (!registered)
        return registered.error();
    if (!*registered || (*registered)->dataCentre == dataCentre || dataCentre.isEmpty())
        return ok();
    Registered moved = **registered;
    moved.dataCentre = dataCentre;
    moved.app.clientSecret = {}; // the sealed one stays
    return set(tenant, provider, moved);
}

Result<std::optional<OAuthApps::Registered>> OAuthApps::get(const Store::TenantScope &tenant,
                                                            const QString &provider) const
{
    auto connection = Store::ConnectionStore(m_database).find(tenant, provider, {}, QStringLiteral("crm"));
    if (!connection)
        return connection.error();
    if (!*connection)
        return std::optional<Registered>();
    const QJsonObject settings =
        QJsonDocument::fromJson((*connection)->settingsJson.value_or(QString()).toUtf8()).object();
    auto secret = Vault::SealedSecretStore(m_database, m_sealer).get(tenant, recordOf(provider), kPurpose);
    if (!secret)
        return secret.error();
    Registered registered;
    registered.app.clientId = settings.value(QStringLiteral("clientId")).toString();
    registered.app.clientSecret = *secret;
    registered.app.redirectUri = QUrl(settings.value(QStringLiteral("redirectUri")).toString());
    registered.dataCentre = settings.value(QStringLiteral("dataCentre")).toString();
    return std::optional<Registered>(registered);
}

} // namespace Sb::OAuth
