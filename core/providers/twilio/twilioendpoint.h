#pragma once

#include "twilioeventparser.h"

#include <core/ingest/webhookendpoint.h>

namespace Sb::Providers::Twilio {

// Twilio's webhooks as the ingest server serves them: one endpoint per kind (messages, calls and
// their status callbacks, recordings), signed with X-Twilio-Signature, queued fairly by
// subaccount, and accepted from memory when the subaccount was verified moments ago.
class TwilioWebhookEndpoint final : public Ingest::WebhookEndpoint
{
public:
    explicit TwilioWebhookEndpoint(TwilioEndpoint kind);
    static Ingest::WebhookEndpoints all();

    QString path() const override;
    Ingest::WebhookRequest read(const QHttpServerRequest &request,
                                const QString &publicUrl) const override;
    QString fairnessKey(const QByteArray &body) const override;
    Ingest::Verdict judge(const Ingest::WebhookServices &services,
                          const Ingest::WebhookRequest &request) const override;
    Ingest::Handled process(const Ingest::WebhookServices &services,
                            const Ingest::WebhookRequest &request) const override;
    std::optional<Ingest::PendingCommit>
    acceptFromMemory(const Ingest::WebhookServices &services,
                     const Ingest::WebhookRequest &request) const override;
    Ingest::WebhookRequest fromKept(const QString &publicUrl,
                                    const QByteArray &body,
                                    const QByteArray &headersJson) const override;

private:
    TwilioEndpoint m_kind;
};

} // namespace Sb::Providers::Twilio
