#pragma once

#include "ingestevent.h"
#include "webhook.h"

#include <functional>

namespace Sb::Ingest {

// What every provider's webhook does with its verdict: store accepted events exactly once,
// keep malformed (400) and unroutable or unverifiable (acknowledged) ones in quarantine, refuse
// bad signatures (403, audit line) and empty bodies (400, nothing to keep). When the store is
// unreachable, whenUnavailable decides (spool or 503).
class WebhookPipeline final
{
public:
    using WhenUnavailable = std::function<WebhookReply(const QString &why)>;

    explicit WebhookPipeline(Store::Database &database);

    // Everything but storing an accepted event, which comes back as a PendingCommit.
    // isSigned: the request carried a signature or secret, good or not. Unsigned requests that
    // cannot be accepted count against their source; signed ones may be a provider's event for
    // an account not connected yet, and a misconfigured tenant must not get the provider's own
    // addresses slowed for everyone.
    Handled decide(const Verdict &verdict,
                   bool isSigned,
                   const QuarantinedEvent &kept,
                   const WebhookReply &acknowledgement,
                   const WhenUnavailable &whenUnavailable) const;
    // Stores a pending event, or keeps a quarantined one, in a transaction of its own (spool
    // drain, replay).
    WebhookReply settle(Handled handled) const;
    // Keeps a request in quarantine; a store failure is answered by notKept.
    WebhookReply keep(const PendingQuarantine &pending) const;
    // What a request that could not be kept is told: a malformed one is still a 400 (a bad
    // request is no outage); an event worth keeping is a 503, so that its sender retries.
    static WebhookReply notKept(const PendingQuarantine &pending, const QString &why);

    static WebhookReply plain(int status, const QByteArray &text);
    static WebhookReply sourceFault(int status, const QByteArray &text);
    static WebhookReply unavailable(const QString &why);

private:
    Store::Database &m_database;
};

} // namespace Sb::Ingest
