#include "webhookpipeline.h"

#include "ingestevent.h"
#include "ingestlog.h"

namespace Sb::Ingest {

WebhookPipeline::WebhookPipeline(Store::Database &database)
    : m_database(database)
{}

WebhookReply WebhookPipeline::plain(int status, const QByteArray &text)
{
    return {status, QByteArrayLiteral("text/plain; charset=utf-8"), text + '\n'};
}

WebhookReply WebhookPipeline::sourceFault(int status, const QByteArray &text)
{
    WebhookReply reply = plain(status, text);
    reply.isSourceFault = true;
    return reply;
}

WebhookReply WebhookPipeline::unavailable(const QString &why)
{
    qCWarning(lcIngest) << "store unavailable:" << why;
    return plain(503, QByteArrayLiteral("store unavailable"));
}

Handled WebhookPipeline::decide(const Verdict &verdict,
                                bool isSigned,
                                const QuarantinedEvent &kept,
                                const WebhookReply &acknowledgement,
                                const WhenUnavailable &whenUnavailable) const
{
    using Kind = Verdict::Kind;
    Store::WebhookEventStore events(m_database);
    switch (verdict.kind) {
    case Kind::Unavailable:
        return whenUnavailable(verdict.reason);
    case Kind::Malformed:
        // An empty body leaves nothing to keep or replay.
        if (kept.rawBody.isEmpty())
            return sourceFault(400, QByteArrayLiteral("empty body"));
        // Kept, so nothing is lost even when we cannot read it; refused, so the sender learns.
        return PendingQuarantine{kept, sourceFault(400, verdict.reason.toUtf8())};
    case Kind::Unroutable:
    case Kind::Unverifiable: {
        // Kept for an administrator to replay; acknowledged, so the provider does not retry.
        QuarantinedEvent verified = kept;
        verified.isVerified = verdict.isVerified;
        WebhookReply reply = acknowledgement;
        reply.isSourceFault = !verdict.isVerified && !isSigned;
        return PendingQuarantine{verified, reply};
    }
    case Kind::BadSignature:
        qCWarning(lcIngest) << "refused" << kept.endpoint << ":" << verdict.reason;
        // The refusal stands even when it cannot be written down: it is no outage.
        if (auto logged = events.audit(
                verdict.route->tenant, QStringLiteral("webhook.signature-refused"), verdict.reason);
            !logged)
            qCWarning(lcIngest) << "could not write the refusal to the audit log:"
                                << logged.error().message;
        return sourceFault(403, QByteArrayLiteral("signature refused"));
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

WebhookReply WebhookPipeline::keep(const PendingQuarantine &pending) const
{
    if (auto stored = Store::QuarantineStore(m_database).keep(pending.kept); !stored)
        return notKept(pending, stored.error().message);
    qCInfo(lcIngest) << "quarantined" << pending.kept.endpoint
                     << (pending.kept.isVerified ? "(verified):" : ":") << pending.kept.reason;
    return pending.reply;
}

WebhookReply WebhookPipeline::notKept(const PendingQuarantine &pending, const QString &why)
{
    if (pending.reply.status == 400) {
        qCWarning(lcIngest) << "a malformed request to" << pending.kept.endpoint
                            << "was not kept:" << why;
        return pending.reply;
    }
    return unavailable(why);
}

WebhookReply WebhookPipeline::settle(Handled handled) const
{
    if (auto *reply = std::get_if<WebhookReply>(&handled))
        return *reply;
    if (auto *quarantined = std::get_if<PendingQuarantine>(&handled))
        return keep(*quarantined);
    auto &pending = std::get<PendingCommit>(handled);
    return pending.reply(
        Store::WebhookEventStore(m_database).storeOnce(pending.event.received(pending.tenant)));
}

} // namespace Sb::Ingest
