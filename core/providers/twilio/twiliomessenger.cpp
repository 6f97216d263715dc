#include "twiliomessenger.h"

#include "twilioaccounts.h"

#include <core/store/phonenumberstore.h>

namespace Sb::Providers::Twilio {

TwilioMessenger::TwilioMessenger(Store::Database &database,
                                 const Vault::Sealer &sealer,
                                 Net::HttpClient &http,
                                 QUrl apiBase)
    : m_database(database)
    , m_sealer(sealer)
    , m_http(http)
    , m_apiBase(std::move(apiBase))
{}

namespace {
// Where the ingest server takes message status callbacks for this public URL.
QString statusCallbackUrl(const QString &publicUrl)
{
    QString base = publicUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    return base.isEmpty() ? QString() : base + QStringLiteral("/twilio/message-status");
}
} // namespace

void TwilioMessenger::send(const Store::TenantScope &tenant,
                           const OutgoingText &text,
                           Done done) const
{
    // Only the tenant's own number, as the subaccount that owns it: never another tenant's.
    auto number = Store::PhoneNumberStore(m_database).find(tenant, text.fromE164);
    if (!number || number->provider != Store::NumberProvider::Twilio
        || number->providerAccountId.isEmpty()) {
        done(Error{ErrorCode::InvalidArgument,
                   tr("%1 is not one of this tenant's Twilio numbers").arg(text.fromE164)});
        return;
    }
    auto account = TwilioAccounts(m_database, m_sealer).account(tenant, number->providerAccountId);
    if (!account) {
        done(account.error());
        return;
    }
    const QString prefix = text.isWhatsApp ? QStringLiteral("whatsapp:") : QString();
    const OutboundMessage outbound{prefix + text.fromE164,
                                   prefix + text.toE164,
                                   text.body,
                                   statusCallbackUrl(account->publicUrl)};
    Store::MessageRecord message;
    message.channel = text.isWhatsApp ? QStringLiteral("whatsapp") : QStringLiteral("sms");
    message.counterpartE164 = text.toE164;
    message.ourE164 = text.fromE164;
    message.body = text.body;
    Store::Database &database = m_database;
    const TwilioClient client(m_http, tenant.tenantId().value(), account->credentials, m_apiBase);
    client.sendMessage(
        account->credentials.accountSid,
        outbound,
        [&database, tenant, message, done](Result<SentMessage, Net::ProviderError> sent) mutable {
            Store::MessageStore store(database);
            if (sent) {
                message.providerMessageId = sent->sid;
                message.status = sent->status.isEmpty() ? QStringLiteral("queued") : sent->status;
                done(store.recordOutbound(tenant, message));
                return;
            }
            Error error = TwilioClient::toError(sent.error());
            // Twilio looked at it and said no: the thread shows the attempt and why.
            if (error.code == ErrorCode::ProviderRefused && !sent.error().providerCode.isEmpty()) {
                message.status = QStringLiteral("failed");
                message.errorCode = sent.error().providerCode;
                if (auto recorded = store.recordOutbound(tenant, message); !recorded)
                    error.message += QStringLiteral("; ") + recorded.error().message;
            }
            done(error);
        });
}

} // namespace Sb::Providers::Twilio
