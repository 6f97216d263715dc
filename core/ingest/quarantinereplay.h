#pragma once

#include "webhookendpoint.h"

#include <core/store/eventlog.h>

#include <optional>

namespace Sb::Vault {
class Sealer;
}

namespace Sb::Ingest {

struct ReplayOutcome
{
    qint64 quarantineId = 0;
    bool isPlaced = false; // stored in a tenant (or found already stored there)
    qint64 tenantId = 0; // where it went, when placed
    QString detail; // why it stays, when not placed
};

// Sends a quarantined webhook through the same judgement as a live one (parse, route, signature
// against the URL it was sent to) after an administrator fixed a mapping. Placed events are
// stored exactly once and marked replayed; the others stay, with the new reason.
class QuarantineReplay final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Ingest::QuarantineReplay)

public:
    QuarantineReplay(Store::Database &database,
                     const Vault::Sealer &sealer,
                     WebhookEndpoints endpoints);
    // onlyTenant: place the event only if it now routes there.
    Result<ReplayOutcome> replay(const Store::QuarantineEntry &entry,
                                 std::optional<TenantId> onlyTenant) const;

private:
    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    WebhookEndpoints m_endpoints;
};

} // namespace Sb::Ingest
