#pragma once

#include "twilioclient.h"

#include <core/store/messagestore.h>
#include <core/store/tenantscope.h>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Providers::Twilio {

struct OutgoingText
{
    QString fromE164; // one of the tenant's Twilio numbers
    QString toE164; // already normalised (Numbering::PhoneNumberParser)
    QString body;
    bool isWhatsApp = false;
};

// Sends a tenant's SMS or WhatsApp message from the tenant's own number, as the subaccount that
// owns that number, asking Twilio for status callbacks at the tenant's ingest URL. The message
// is in the tenant's thread as soon as Twilio answers: queued when accepted (the ingest server's
// status events move it on), failed with Twilio's code when refused.
class TwilioMessenger final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Twilio::TwilioMessenger)

public:
    using Done = std::function<void(Result<Store::MessageRecord>)>;

    TwilioMessenger(Store::Database &database,
                    const Vault::Sealer &sealer,
                    Net::HttpClient &http,
                    QUrl apiBase = QUrl(QStringLiteral("https://api.twilio.com")));

    // A refusal is recorded in the thread and then reported as the error, with Twilio's code
    // and what it means.
    void send(const Store::TenantScope &tenant, const OutgoingText &text, Done done) const;

private:
    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    Net::HttpClient &m_http;
    QUrl m_apiBase;
};

} // namespace Sb::Providers::Twilio
