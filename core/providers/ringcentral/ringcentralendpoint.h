#pragma once

#include <core/ingest/webhookendpoint.h>

namespace Sb::Providers::RingCentral {

// RingCentral's notifications as the ingest server serves them (POST /ringcentral): the
// subscription handshake echoed at once, notifications carrying our Verification-Token, queued
// fairly by account (ownerId).
class RingCentralWebhookEndpoint final : public Ingest::WebhookEndpoint
{
public:
    QString path() const override;
    Ingest::WebhookRequest read(const QHttpServerRequest &request,
                                const QString &publicUrl) const override;
    std::optional<Ingest::WebhookReply>
    answerAtOnce(const QHttpServerRequest &request) const override;
    QString fairnessKey(const QByteArray &body) const override;
    Ingest::Verdict judge(const Ingest::WebhookServices &services,
                          const Ingest::WebhookRequest &request) const override;
    Ingest::Handled process(const Ingest::WebhookServices &services,
                            const Ingest::WebhookRequest &request) const override;
};

} // namespace Sb::Providers::RingCentral
