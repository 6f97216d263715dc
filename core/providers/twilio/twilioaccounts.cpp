#include "twilioaccounts.h"

#include <core/store/connectionstore.h>
#include <core/store/database.h>
#include <core/vault/sealedsecretstore.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Providers::Twilio {

namespace {
const QString kTokenPurpose = QStringLiteral("auth-token");
} // namespace

TwilioAccounts::TwilioAccounts(Store::Database &database, const Vault::Sealer &sealer)
    : m_database(database)
    , m_sealer(sealer)
{}

QString TwilioAccounts::tokenRecord(const QString &accountSid)
{
    return QStringLiteral("twilio-account:") + accountSid;
}

Result<QString> TwilioAccounts::recordedSid(const Store::TenantScope &tenant) const
{
    // Only the connection row: the token stays sealed.
    auto found = connection(tenant, {});
    if (!found && found.error().code == ErrorCode::NotFound)
        return QString();
    if (!found)
        return found.error();
    return found->credentials.accountSid;
}

Status TwilioAccounts::record(const Store::TenantScope &tenant,
                              const Subaccount &subaccount,
                              const QString &publicUrl) const
{
    // The token first: a connection is never recorded without the secret that verifies it.
    if (auto sealed =
            Vault::SealedSecretStore(m_database, m_sealer)
                .put(tenant, tokenRecord(subaccount.sid), kTokenPurpose, subaccount.authToken);
        !sealed)
        return sealed;
    const QString settings =
        QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("publicUrl"), publicUrl}})
                              .toJson(QJsonDocument::Compact));
    return Store::ConnectionStore(m_database)
        .markConnected(tenant,
                       {QStringLiteral("provider"),
                        QStringLiteral("twilio"),
                        subaccount.sid,
                        subaccount.friendlyName,
                        settings});
}

Result<TenantAccount> TwilioAccounts::connection(const Store::TenantScope &tenant,
                                                 const QString &accountSid) const
{
    auto connection =
        Store::ConnectionStore(m_database).find(tenant, QStringLiteral("twilio"), accountSid);
    if (!connection)
        return connection.error();
    TenantAccount found;
    if (*connection) {
        found.credentials.accountSid = (*connection)->externalAccountId;
        found.publicUrl =
            QJsonDocument::fromJson((*connection)->settingsJson.value_or(QString()).toUtf8())
                .object()
                .value(u"publicUrl")
                .toString();
    }
    if (found.credentials.accountSid.isEmpty()) {
        return Error{ErrorCode::NotFound,
                     accountSid.isEmpty()
                         ? tr("This tenant is not connected to Twilio yet (switchboardctl twilio "
                              "connect)")
                         : tr("Twilio account %1 is not one of this tenant's").arg(accountSid)};
    }
    return found;
}

Result<TenantAccount> TwilioAccounts::account(const Store::TenantScope &tenant,
                                              const QString &accountSid) const
{
    auto found = connection(tenant, accountSid);
    if (!found)
        return found;
    auto token = Vault::SealedSecretStore(m_database, m_sealer)
                     .get(tenant, tokenRecord(found->credentials.accountSid), kTokenPurpose);
    if (!token)
        return token.error();
    found->credentials.authToken = *token;
    return found;
}

} // namespace Sb::Providers::Twilio
