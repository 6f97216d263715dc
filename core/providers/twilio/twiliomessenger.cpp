#include "twiliomessenger.h"

#include "whatsappwindow.h"

#include <core/common/continuation.h>
#include <core/store/database.h>
#include <core/store/phonenumberstore.h>

namespace Sb::Providers::Twilio {

TwilioMessenger::TwilioMessenger(std::shared_ptr<Store::Database> database,
                                 std::shared_ptr<const Vault::Sealer> sealer,
                                 Net::HttpClient &http,
                                 QUrl apiBase)
    : m_database(std::move(database))
    , m_sealer(std::move(sealer))
    , m_http(&http)
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
                           QObject *context,
                           Done done) const
{
    // Once asked, the message goes out and is recorded even if the view closes meanwhile: only
    // its answer is dropped (never delivered to a destroyed view).
    const Done deliver = whileAlive(context, std::move(done));
    if (!m_http) {
        deliver(Error{ErrorCode::Unsupported, tr("The message was not sent: shutting down")});
        return;
    }
    // Only the tenant's own number, as the subaccount that owns it: never another tenant's.
    auto found = m_database->run([database = m_database,
                                  sealer = m_sealer,
                                  tenant,
                                  from = text.fromE164,
                                  to = text.toE164,
                                  isWhatsApp = text.isWhatsApp]() -> Result<TenantAccount> {
        if (isWhatsApp) {
            // Outside the 24-hour window Twilio would accept it and fail it later (63016).
            auto last = Store::MessageStore(*database).lastInboundAt(
                tenant, QStringLiteral("whatsapp"), to);
            if (!last)
                return last.error();
            if (!WhatsAppWindow(*last).isOpen(QDateTime::currentMSecsSinceEpoch()))
                return Error{ErrorCode::ProviderRefused, WhatsAppWindow::closedReason()};
        }
        auto number = Store::PhoneNumberStore(*database).find(tenant, from);
        if (!number || number->provider != Store::NumberProvider::Twilio
            || number->providerAccountId.isEmpty()) {
            return Error{ErrorCode::InvalidArgument,
                         tr("%1 is not one of this tenant's Twilio numbers").arg(from)};
        }
        return TwilioAccounts(*database, *sealer).account(tenant, number->providerAccountId);
    });
    // Continued on the HttpClient's thread, as long as it lives; a copy of this messenger, which
    // may be gone by then.
    onFinished(m_http.data(),
               std::move(found),
               [messenger = *this, tenant, text, deliver](Result<TenantAccount> account) {
                   if (!account) {
                       deliver(account.error());
                       return;
                   }
                   messenger.post(tenant, text, *account, deliver);
               });
}

void TwilioMessenger::post(const Store::TenantScope &tenant,
                           const OutgoingText &text,
                           const TenantAccount &account,
                           Done deliver) const
{
    if (!m_http) {
        deliver(Error{ErrorCode::Unsupported, tr("The message was not sent: shutting down")});
        return;
    }
    const QString prefix = text.isWhatsApp ? QStringLiteral("whatsapp:") : QString();
    const OutboundMessage outbound{prefix + text.fromE164,
                                   prefix + text.toE164,
                                   text.body,
                                   statusCallbackUrl(account.publicUrl)};
    Store::MessageRecord message;
    message.channel = text.isWhatsApp ? QStringLiteral("whatsapp") : QStringLiteral("sms");
    message.counterpartE164 = text.toE164;
    message.ourE164 = text.fromE164;
    message.body = text.body;
    // What Twilio said is recorded on a store thread.
    const auto record = [database = m_database, http = m_http, tenant, deliver](
                            Store::MessageRecord recorded, std::optional<Error> refusal) {
        auto stored = database->run([database, tenant, recorded] {
            return Store::MessageStore(*database).recordOutbound(tenant, recorded);
        });
        onFinished(http.data(),
                   std::move(stored),
                   [deliver, refusal](Result<Store::MessageRecord> result) {
                       if (!refusal) {
                           deliver(std::move(result));
                           return;
                       }
                       Error error = *refusal;
                       if (!result)
                           error.message += QStringLiteral("; ") + result.error().message;
                       deliver(error);
                   });
    };
    const TwilioClient client(*m_http, tenant.tenantId().value(), account.credentials, m_apiBase);
    client.sendMessage(
        account.credentials.accountSid,
        outbound,
        [message, deliver, record](Result<SentMessage, Net::ProviderError> sent) mutable {
            if (sent) {
                message.providerMessageId = sent->sid;
                message.status = sent->status.isEmpty() ? QStringLiteral("queued") : sent->status;
                record(message, std::nullopt);
                return;
            }
            const Error error = TwilioClient::toError(sent.error());
            // Twilio looked at it and said no: the thread shows the attempt and why.
            if (error.code == ErrorCode::ProviderRefused && !sent.error().providerCode.isEmpty()) {
                message.status = QStringLiteral("failed");
                message.errorCode = sent.error().providerCode;
                record(message, error);
                return;
            }
            deliver(error);
        });
}

} // namespace Sb::Providers::Twilio
