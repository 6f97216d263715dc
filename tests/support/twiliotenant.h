#pragma once

#include <core/common/result.h>
#include <core/store/tenantscope.h>
#include <core/vault/sealer.h>

#include <QNetworkRequest>

namespace Sb::Store {
class Database;
}
namespace Sb::Providers::Twilio {
class TwilioOnboarding;
struct OnboardingReport;
} // namespace Sb::Providers::Twilio

namespace Sb::Test {

// The public URL the ingest tests' servers are told Twilio calls.
QString publicSmsUrl();

// A store's vault, created with its key in keyFile, and the sealer that opens it.
Result<Vault::Sealer> createVault(Store::Database &database, const QString &keyFile);

// A tenant whose Twilio subaccount owns one number, with the subaccount's auth token sealed.
Result<Store::TenantScope> addTwilioTenant(Store::Database &database,
                                             const Vault::Sealer &sealer,
                                             const QString &name,
                                             const QString &account,
                                             const QString &number,
                                             const QString &token);

// An incoming SMS as Twilio posts it to /twilio/sms: the form body and the request to
// 127.0.0.1:port, signed with the subaccount's token over publicSmsUrl().
struct SignedSms
{
    QNetworkRequest request;
    QByteArray body;
};
SignedSms signedSms(
    quint16 port, const QString &account, const QString &token, const QString &to, int message);

// `twilio connect` for an existing tenant, waited for (20 s at most).
Result<Providers::Twilio::OnboardingReport>
connectTwilio(Store::Database &database,
              const Providers::Twilio::TwilioOnboarding &onboarding,
              const QString &tenant,
              const QString &publicUrl = QStringLiteral("https://hooks.example.org/"));

} // namespace Sb::Test
