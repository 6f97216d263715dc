#pragma once

#include <core/ingest/webhook.h>

namespace Sb::Ingest {
class RouteCache;
class SharedSecretWebhook;
class Spool;
} // namespace Sb::Ingest

namespace Sb::Providers::RingCentral {

// RingCentral notifications on POST /ringcentral. The subscription handshake (a Validation-Token
// header) is echoed by the server without touching the store. Notifications carry the
// verification token we chose when subscribing (Verification-Token), checked against the
// tenant's sealed one (record "ringcentral-webhook", purpose "verification-token"); routed by
// ownerId to the tenant whose RingCentral connection has that account; exactly once per uuid.
class RingCentralWebhook final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::RingCentral::RingCentralWebhook)

public:
    // With a cache, accepted secrets are remembered; with a spool too, events that present one
    // while the store is unreachable are spooled (SharedSecret::spoolIfVouchedFor).
    RingCentralWebhook(Store::Database &database,
                       const Vault::Sealer &sealer,
                       Ingest::RouteCache *cache = nullptr,
                       Ingest::Spool *spool = nullptr);

    static QString path() { return QStringLiteral("/ringcentral"); }
    static Result<Ingest::IngestEvent> parse(const QByteArray &body);
    Ingest::Verdict judge(const Ingest::WebhookRequest &request) const;
    // Everything but storing an accepted event, which is left to the caller (group commit).
    Ingest::Handled process(const Ingest::WebhookRequest &request) const;

private:
    Ingest::SharedSecretWebhook shared() const;

    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    Ingest::RouteCache *m_cache;
    Ingest::Spool *m_spool;
};

} // namespace Sb::Providers::RingCentral
