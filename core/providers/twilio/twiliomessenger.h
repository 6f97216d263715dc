#pragma once

#include "twilioaccounts.h"
#include "twilioclient.h"

#include <core/net/httpclient.h>
#include <core/store/messagestore.h>
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
//
// Safe to call from a view: the store is read and written on store threads, the request goes
// through the HttpClient, and done runs on the HttpClient's thread (the view's), never once the
// context is gone.
class TwilioMessenger final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Twilio::TwilioMessenger)

public:
    using Done = std::function<void(Result<Store::MessageRecord>)>;

    TwilioMessenger(std::shared_ptr<Store::Database> database,
                    std::shared_ptr<const Vault::Sealer> sealer,
                    Net::HttpClient &http,
                    QUrl apiBase = QUrl(QStringLiteral("https://api.twilio.com")));

    // A refusal is recorded in the thread and then reported as the error, with Twilio's code
    // and what it means. context: whose callback done is (a view, a model, a command); once it
    // is gone, done is not called, but the message still goes out and is recorded.
    void send(const Store::TenantScope &tenant,
              const OutgoingText &text,
              QObject *context,
              Done done) const;

private:
    // On the HttpClient's thread once the tenant's account is known.
    void post(const Store::TenantScope &tenant,
              const OutgoingText &text,
              const TenantAccount &account,
              Done deliver) const;

    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    QPointer<Net::HttpClient> m_http;
    QUrl m_apiBase;
};

} // namespace Sb::Providers::Twilio
