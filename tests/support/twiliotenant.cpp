#include "twiliotenant.h"

#include "awaitcallback.h"

#include <core/providers/twilio/twilioonboarding.h>
#include <core/providers/twilio/twiliosignature.h>
#include <core/store/phonenumberstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealedsecretstore.h>
#include <core/vault/vaultadmin.h>

#include <QUrlQuery>

namespace Sb::Test {

QString publicSmsUrl()
{
    return QStringLiteral("https://hooks.example.org/twilio/sms");
}

Result<Vault::Sealer> createVault(Store::Database &database, const QString &keyFile)
{
    if (auto created = Vault::VaultAdmin(database, Vault::KeySource::file(keyFile)).init();
        !created)
        return created.error();
    return Vault::VaultAdmin(database, Vault::KeySource::file(keyFile)).sealer();
}

Result<Store::TenantScope> addTwilioTenant(Store::Database &database,
                                           const Vault::Sealer &sealer,
                                           const QString &name,
                                           const QString &account,
                                           const QString &number,
                                           const QString &token)
{
    if (auto added = Store::TenantStore(database).add(name, {}); !added)
        return added.error();
    auto scope = Tenancy::AdminSession(database).scope(name);
    if (!scope)
        return scope.error();
    Store::PhoneNumber phone;
    phone.e164 = number;
    phone.providerAccountId = account;
    if (auto added = Store::PhoneNumberStore(database).add(*scope, phone); !added)
        return added.error();
    if (auto sealed = Vault::SealedSecretStore(database, sealer)
                          .put(*scope,
                               QStringLiteral("twilio-account:") + account,
                               QStringLiteral("auth-token"),
                               Secret::fromString(token));
        !sealed)
        return sealed.error();
    return scope;
}

SignedSms signedSms(
    quint16 port, const QString &account, const QString &token, const QString &to, int message)
{
    QUrlQuery query;
    query.setQueryItems({{QStringLiteral("AccountSid"), account},
                         {QStringLiteral("MessageSid"),
                          QStringLiteral("SM%1").arg(message, 32, 10, QLatin1Char('0'))},
                         {QStringLiteral("From"), QStringLiteral("+15550001111")},
                         {QStringLiteral("To"), to},
                         {QStringLiteral("Body"), QStringLiteral("message %1").arg(message)}});
    // QUrlQuery leaves '+' as is; Twilio sends it encoded.
    const QByteArray body = query.toString(QUrl::FullyEncoded).toUtf8().replace("+1", "%2B1");
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/twilio/sms").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(
        "X-Twilio-Signature",
        Providers::Twilio::TwilioSignature::compute(
            publicSmsUrl(), *Ingest::FormFields::parse(body), Secret::fromString(token)));
    return {request, body};
}

Result<Providers::Twilio::OnboardingReport>
connectTwilio(Store::Database &database,
              const Providers::Twilio::TwilioOnboarding &onboarding,
              const QString &tenant,
              const QString &publicUrl)
{
    auto scope = Tenancy::AdminSession(database).scope(tenant);
    if (!scope)
        return scope.error();
    QObject waiting; // whose answer it is
    return awaitCallback<Result<Providers::Twilio::OnboardingReport>>(
               [&](auto done) { onboarding.connect(*scope, tenant, publicUrl, &waiting, done); })
        .value_or(Error{ErrorCode::Timeout, QStringLiteral("onboarding never finished")});
}

} // namespace Sb::Test
