#pragma once

#include "webhook.h"

#include <atomic>

namespace Sb::Store {
class Database;
}

namespace Sb::Ingest {

// What serve keeps of the requests it could not accept. Anything whose signature or secret
// matched a tenant's is always kept. The rest (unsigned, malformed, unroutable) is kept only
// while the quarantine's unverified part is within its byte budget and only from a source that
// is within its failure budget; otherwise it is refused with a 429 and not kept, so junk can
// neither grow the store without bound nor crowd out what an administrator needs to replay.
// Thread-safe: used from the store threads.
class QuarantineGate final
{
public:
    explicit QuarantineGate(qint64 budgetBytes);

    // sourceRetryAfter: seconds the sender has been asked to wait (0: within its budget).
    WebhookReply
    settle(Store::Database &database, const PendingQuarantine &pending, int sourceRetryAfter);
    // Reads what the quarantine holds now (rows other servers kept, rows administrators
    // removed); says so when the budget has room again.
    Status refresh(Store::Database &database);

    qint64 budget() const { return m_budget; }
    qint64 usage() const { return m_used.load(); }
    quint64 notKept() const { return m_notKept.load(); }

private:
    void noteFull(Store::Database &database);

    const qint64 m_budget;
    std::atomic<qint64> m_used{0};
    std::atomic<quint64> m_notKept{0};
    std::atomic<bool> m_isFull{false};
};

} // namespace Sb::Ingest
