#pragma once

#include "eventstore.h"
#include "twiliowebhook.h"

#include <functional>

namespace Sb::Ingest {

// What every provider's webhook does with its verdict: store accepted events exactly once,
// keep malformed (400) and unroutable or unverifiable (acknowledged) ones in quarantine, refuse
// bad signatures (403, audit line). When the store is unreachable, whenUnavailable decides
// (spool or 503).
class WebhookPipeline final
{
public:
    explicit WebhookPipeline(Store::Database &database);

    WebhookReply
    apply(const Verdict &verdict,
          const QuarantinedEvent &kept,
          const WebhookReply &acknowledgement,
          const std::function<WebhookReply(const QString &why)> &whenUnavailable) const;

    static WebhookReply plain(int status, const QByteArray &text);
    static WebhookReply unavailable(const QString &why);

private:
    Store::Database &m_database;
};

} // namespace Sb::Ingest
