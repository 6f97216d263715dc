#include "webhookpipeline.h"

#include "eventstore.h"
#include "ingestlog.h"

namespace Sb::Ingest {

WebhookPipeline::WebhookPipeline(Store::Database &database)
    : m_database(database)
{}

WebhookReply WebhookPipeline::plain(int status, const QByteArray &text)
{
    return {status, QByteArrayLiteral("text/plain; charset=utf-8"), text + '\n'};
}

WebhookReply WebhookPipeline::unavailable(const QString &why)
{
    qCWarning(lcIngest) << "store unavailable:" << why;
    return plain(503, QByteArrayLiteral("store unavailable"));
}

Handled WebhookPipeline::decide(const Verdict &verdict,
                                const QuarantinedEvent &kept,
                                const WebhookReply &acknowledgement,
                                const WhenUnavailable &whenUnavailable) const
{
    using Kind = Verdict::Kind;
    EventStore events(m_database);
    switch (verdict.kind) {
    case Kind::Unavailable:
        return whenUnavailable(verdict.reason);
    case Kind::Malformed:
        // Kept, so nothing is lost even when we cannot read it; refused, so the sender learns.
        if (auto stored = events.quarantine(kept); !stored)
            return unavailable(stored.error().message);
        return plain(400, verdict.reason.toUtf8());
    case Kind::Unroutable:
    case Kind::Unverifiable:
        // Kept for an administrator to replay; acknowledged, so the provider does not retry.
        if (auto stored = events.quarantine(kept); !stored)
            return unavailable(stored.error().message);
        qCInfo(lcIngest) << "quarantined" << kept.endpoint << ":" << verdict.reason;
        return acknowledgement;
    case Kind::BadSignature:
        qCWarning(lcIngest) << "refused" << kept.endpoint << ":" << verdict.reason;
        if (auto logged = events.audit(
                verdict.route->tenant, QStringLiteral("webhook.signature-refused"), verdict.reason);
            !logged)
            return unavailable(logged.error().message);
        return plain(403, QByteArrayLiteral("signature refused"));
    case Kind::Accepted:
        break;
    }
    const WebhookReply accepted = verdict.acceptedReply.value_or(acknowledgement);
    const Route route = *verdict.route;
    const IngestEvent &event = *verdict.event;
    auto reply = [accepted, route, type = event.eventType, key = event.eventKey, whenUnavailable](
                     const Result<bool> &stored) {
        if (!stored) {
            if (stored.error().code == ErrorCode::DatabaseUnavailable)
                return whenUnavailable(stored.error().message);
            return unavailable(stored.error().message);
        }
        qCInfo(lcIngest) << (*stored ? "stored" : "duplicate") << type << key << "tenant"
                         << route.tenant.tenantId().value() << "by" << route.matchedBy;
        return accepted;
    };
    return PendingCommit{route.tenant, event, std::move(reply)};
}

WebhookReply WebhookPipeline::settle(Handled handled) const
{
    if (auto *reply = std::get_if<WebhookReply>(&handled))
        return *reply;
    auto &pending = std::get<PendingCommit>(handled);
    return pending.reply(EventStore(m_database).storeOnce(pending.tenant, pending.event));
}

} // namespace Sb::Ingest
