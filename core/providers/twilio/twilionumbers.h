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

struct NumberSync
{
    QList<IncomingNumber> numbers; // what Twilio has for the tenant's subaccount
    QStringList added; // new to the store (added, or only reported when not kept)
    QStringList gone; // in the store for that subaccount, no longer at Twilio (left in place)
    QString publicUrl; // where the tenant's webhooks should point (its connection's)
};

// A tenant's Twilio numbers, kept in step with its subaccount: synced into the store with
// their capabilities, and released only when an administrator says so. Safe from a view: the
// store on store threads, done on the HttpClient's thread only while the context lives.
class TwilioNumbers final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Twilio::TwilioNumbers)

public:
    TwilioNumbers(std::shared_ptr<Store::Database> database,
                  std::shared_ptr<const Vault::Sealer> sealer,
                  Net::HttpClient &http,
                  QUrl apiBase = QUrl(QStringLiteral("https://api.twilio.com")));

    // keepNew false only compares: what Twilio has that the store does not, and the reverse.
    void sync(const Store::TenantScope &tenant,
              bool keepNew,
              QObject *context,
              std::function<void(Result<NumberSync>)> done) const;
    // Gives the number back to Twilio, then forgets it. It cannot be undone.
    void release(const Store::TenantScope &tenant,
                 const QString &e164,
                 QObject *context,
                 std::function<void(Status)> done) const;
    // Adds numbers the store does not have (with their subaccount and capabilities) and
    // refreshes the capabilities of those it has. Returns the E.164s added.
    static Result<QStringList> store(Store::Database &database,
                                     const Store::TenantScope &tenant,
                                     const QList<IncomingNumber> &numbers);

private:
    // What the store says after Twilio listed the subaccount's numbers (a store thread).
    static Result<NumberSync> compare(Store::Database &database,
                                      const Store::TenantScope &tenant,
                                      const QString &accountSid,
                                      const QList<IncomingNumber> &numbers,
                                      bool keepNew);

    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    QPointer<Net::HttpClient> m_http;
    QUrl m_apiBase;
};

} // namespace Sb::Providers::Twilio
