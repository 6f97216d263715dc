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

struct NumberSync
{
    QList<IncomingNumber> numbers; // what Twilio has for the tenant's subaccount
    QStringList added; // new to the store (added, or only reported when not kept)
    QStringList gone; // in the store for that subaccount, no longer at Twilio (left in place)
};

// A tenant's Twilio numbers, kept in step with its subaccount: synced into the store with
// their capabilities, and released only when an administrator says so.
class TwilioNumbers final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Twilio::TwilioNumbers)

public:
    TwilioNumbers(Store::Database &database,
                  const Vault::Sealer &sealer,
                  Net::HttpClient &http,
                  QUrl apiBase = QUrl(QStringLiteral("https://api.twilio.com")));

    // keepNew false only compares: what Twilio has that the store does not, and the reverse.
    void sync(const Store::TenantScope &tenant,
              bool keepNew,
              std::function<void(Result<NumberSync>)> done) const;
    // Gives the number back to Twilio, then forgets it. It cannot be undone.
    void release(const Store::TenantScope &tenant,
                 const QString &e164,
                 std::function<void(Status)> done) const;
    // Adds numbers the store does not have (with their subaccount and capabilities) and
    // refreshes the capabilities of those it has. Returns the E.164s added.
    static Result<QStringList> store(Store::Database &database,
                                     const Store::TenantScope &tenant,
                                     const QList<IncomingNumber> &numbers);

private:
    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    Net::HttpClient &m_http;
    QUrl m_apiBase;
};

} // namespace Sb::Providers::Twilio
