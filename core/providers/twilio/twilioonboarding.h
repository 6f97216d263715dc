#pragma once

#include "twilioclient.h"

#include <core/store/tenantscope.h>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Providers::Twilio {

struct OnboardingReport
{
    QString subaccountSid;
    bool isNewSubaccount = false;
    QList<IncomingNumber> numbers; // as Twilio has them now, callbacks pointing at us
    QStringList addedNumbers; // E.164 numbers the store did not know yet
};

// `switchboardctl twilio connect`: gives a tenant its own subaccount under the agency's master
// account (the one recorded for the tenant, else one named for it, else a new one), seals the
// subaccount's auth token in the vault, records the connection, and points every incoming
// number's SMS, voice and call-status callbacks at the ingest server's public URL. Running it
// again changes nothing that is already right.
class TwilioOnboarding final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Twilio::TwilioOnboarding)

public:
    TwilioOnboarding(Store::Database &database,
                     const Vault::Sealer &sealer,
                     Net::HttpClient &http,
                     Credentials master,
                     QUrl apiBase = QUrl(QStringLiteral("https://api.twilio.com")));

    static QString subaccountName(const QString &tenantName);

    void connect(const Store::TenantScope &tenant,
                 const QString &tenantName,
                 const QString &publicUrl,
                 std::function<void(Result<OnboardingReport>)> done) const;

private:
    struct Run;
    void pointNumbers(std::shared_ptr<Run> run) const;

    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    Net::HttpClient &m_http;
    Credentials m_master;
    QUrl m_apiBase;
};

} // namespace Sb::Providers::Twilio
