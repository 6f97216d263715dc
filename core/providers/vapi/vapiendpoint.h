#pragma once

#include <core/ingest/webhookendpoint.h>

namespace Sb::Providers::Vapi {

// VAPI's server messages as the ingest server serves them (POST /vapi): the tenant's server
// secret presented as X-Vapi-Secret or a Bearer credential, queued fairly by assistant number.
class VapiWebhookEndpoint final : public Ingest::WebhookEndpoint
{
public:
    QString path() const override;
    Ingest::WebhookRequest read(const QHttpServerRequest &request,
                                const QString &publicUrl) const override;
    QString fairnessKey(const QByteArray &body) const override;
    Ingest::Verdict judge(const Ingest::WebhookServices &services,
                          const Ingest::WebhookRequest &request) const override;
    Ingest::Handled process(const Ingest::WebhookServices &services,
                            const Ingest::WebhookRequest &request) const override;
};

} // namespace Sb::Providers::Vapi
