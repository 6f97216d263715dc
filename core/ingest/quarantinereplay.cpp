#include "quarantinereplay.h"

#include "ingestevent.h"
#include "webhookdispatch.h"

#include <core/store/database.h>
#include <core/store/quarantinestore.h>

#include <QDateTime>

namespace Sb::Ingest {

QuarantineReplay::QuarantineReplay(Store::Database &database,
                                   const Vault::Sealer &sealer,
                                   WebhookEndpoints endpoints)
    : m_database(database)
    , m_sealer(sealer)
    , m_endpoints(std::move(endpoints))
{}

Result<ReplayOutcome> QuarantineReplay::replay(const Store::QuarantineEntry &entry,
                                               std::optional<TenantId> onlyTenant) const
{
    ReplayOutcome outcome{entry.id, false, 0, {}};
    if (entry.replayedTenantId != 0) {
        outcome.detail = tr("already placed in tenant %1").arg(entry.replayedTenantId);
        return outcome;
    }
    const WebhookDispatch dispatch(m_endpoints, {m_database, m_sealer});
    const auto request =
        dispatch.fromKept(entry.endpoint, entry.publicUrl, entry.rawBody, entry.headersJson);
    if (!request)
        return request.error();
    const auto judged = dispatch.judge(entry.endpoint, *request);
    if (!judged)
        return judged.error();
    const Verdict &verdict = *judged;
    if (verdict.kind == Verdict::Kind::Unavailable)
        return Error{ErrorCode::DatabaseUnavailable, verdict.reason};
    if (verdict.kind != Verdict::Kind::Accepted) {
        outcome.detail = verdict.reason;
        if (auto updated = Store::QuarantineStore(m_database).setReason(entry.id, verdict.reason);
            !updated)
            return updated.error();
        return outcome;
    }
    const TenantId tenant = verdict.route->tenant.tenantId();
    if (onlyTenant && tenant != *onlyTenant) {
        outcome.detail = tr("routes to tenant %1, not the one asked for").arg(tenant.value());
        return outcome;
    }
    // Stored first, marked after: a crash between the two only makes the next replay a duplicate.
    if (auto stored = Store::WebhookEventStore(m_database)
                          .storeOnce(verdict.event->received(verdict.route->tenant));
        !stored)
        return stored.error();
    if (auto marked = Store::QuarantineStore(m_database).markPlaced(entry.id, tenant); !marked)
        return marked.error();
    outcome.isPlaced = true;
    outcome.tenantId = tenant.value();
    return outcome;
}

} // namespace Sb::Ingest
