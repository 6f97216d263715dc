#pragma once

#include "twilioclient.h"

#include <core/net/httpclient.h>
#include <core/store/tenantscope.h>

#include <QPointer>

#include <memory>

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
// again changes nothing that is already right. Safe from a view: the store on store threads,
// done on the HttpClient's thread only while the context lives.
class TwilioOnboarding final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Twilio::TwilioOnboarding)

public:
    TwilioOnboarding(std::shared_ptr<Store::Database> database,
                     std::shared_ptr<const Vault::Sealer> sealer,
                     Net::HttpClient &http,
                     Credentials master,
                     QUrl apiBase = QUrl(QStringLiteral("https://api.twilio.com")));

    static QString subaccountName(const QString &tenantName);

    void connect(const Store::TenantScope &tenant,
                 const QString &tenantName,
                 const QString &publicUrl,
                 QObject *context,
                 std::function<void(Result<OnboardingReport>)> done) const;

private:
    struct Run;
    void findOrCreate(std::shared_ptr<Run> run, const QString &tenantName) const;
    void adopt(std::shared_ptr<Run> run,
               Result<Subaccount, Net::ProviderError> subaccount,
               bool isNew) const;
    void pointNumbers(std::shared_ptr<Run> run) const;
    void finish(std::shared_ptr<Run> run) const;
    bool isShuttingDown(const std::shared_ptr<Run> &run) const;

    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    QPointer<Net::HttpClient> m_http;
    Credentials m_master;
    QUrl m_apiBase;
};

} // namespace Sb::Providers::Twilio
