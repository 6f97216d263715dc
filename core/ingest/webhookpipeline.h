#pragma once

#include "eventstore.h"
#include "webhook.h"

#include <functional>

namespace Sb::Ingest {

// What every provider's webhook does with its verdict: store accepted events exactly once,
// keep malformed (400) and unroutable or unverifiable (acknowledged) ones in quarantine, refuse
// bad signatures (403, audit line). When the store is unreachable, whenUnavailable decides
// (spool or 503).
class WebhookPipeline final
{
public:
    using WhenUnavailable = std::function<WebhookReply(const QString &why)>;

    explicit WebhookPipeline(Store::Database &database);

    // Everything but storing an accepted event, which comes back as a PendingCommit.
    Handled decide(const Verdict &verdict,
                   const QuarantinedEvent &kept,
                   const WebhookReply &acknowledgement,
                   const WhenUnavailable &whenUnavailable) const;
    // Stores a pending event in a transaction of its own (spool drain, replay).
    WebhookReply settle(Handled handled) const;

    static WebhookReply plain(int status, const QByteArray &text);
    static WebhookReply unavailable(const QString &why);

private:
    Store::Database &m_database;
};

} // namespace Sb::Ingest
