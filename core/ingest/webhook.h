#pragma once

#include "ingestevent.h"
#include "tenantresolver.h"

#include <core/common/result.h>
#include <core/crypto/secret.h>
#include <core/store/quarantinestore.h>

#include <functional>
#include <optional>
#include <variant>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Ingest {

using Store::QuarantinedEvent;

// What every provider's webhook is made of, from the request to the reply.

struct WebhookRequest
{
    QString publicUrl; // the URL the provider called: public base + path + query as received
    QByteArray body;
    QByteArray signature; // Twilio: its HMAC; VAPI, RingCentral: the shared secret itself
    QByteArray headersJson; // without credentials; kept with the event for replay
    QString remoteAddress;
    QByteArray secretProof; // VAPI, RingCentral: stands in for the secret once kept (SharedSecret)
};

struct WebhookReply
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // besides Content-Type and Content-Length
    // Malformed, unsigned or unverifiable: the sender's failure budget pays for it.
    bool isSourceFault = false;
};

// What a webhook deserves, decided without writing anything.
struct Verdict
{
    enum class Kind { Accepted, Malformed, Unroutable, Unverifiable, BadSignature, Unavailable };
    Kind kind = Kind::Unavailable;
    QString reason;
    std::optional<IngestEvent> event;
    std::optional<Route> route;
    std::optional<Secret> authToken; // set when accepted
    std::optional<WebhookReply> acceptedReply; // when accepting needs more than an acknowledgement
    QString assistantE164; // voice: where the call is forwarded
    // Unroutable or Unverifiable, yet its signature or secret matched a tenant's.
    bool isVerified = false;
};

// An accepted event on its way to the store: whoever stores it (a transaction of its own, or a
// group commit with others) turns the store's answer into the provider's reply.
struct PendingCommit
{
    Store::TenantScope tenant;
    IngestEvent event;
    std::function<WebhookReply(const Result<bool> &stored)> reply;
};

// A request that was not accepted but is worth keeping for an administrator, and the reply once
// it is kept. Replay and the spool keep it as it is; serve keeps it within the quarantine's
// budget (QuarantineGate).
struct PendingQuarantine
{
    QuarantinedEvent kept;
    WebhookReply reply;
};

// What handling a webhook produced: a reply at once, an accepted event to store first, or a
// request to keep in quarantine first.
using Handled = std::variant<WebhookReply, PendingCommit, PendingQuarantine>;

} // namespace Sb::Ingest
