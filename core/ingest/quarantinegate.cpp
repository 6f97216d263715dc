#include "quarantinegate.h"

#include "ingestlog.h"
#include "webhookpipeline.h"

namespace Sb::Ingest {

namespace {
QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MiB");
}

WebhookReply refused(const QByteArray &why, int retryAfter)
{
    WebhookReply reply = WebhookPipeline::sourceFault(429, why);
    reply.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfter)});
    return reply;
}
} // namespace

QuarantineGate::QuarantineGate(qint64 budgetBytes)
    : m_budget(budgetBytes)
{}

WebhookReply QuarantineGate::settle(Store::Database &database,
                                    const PendingQuarantine &pending,
                                    int sourceRetryAfter)
{
    const WebhookPipeline pipeline(database);
    if (pending.kept.isVerified)
        return pipeline.keep(pending);
    if (sourceRetryAfter > 0) {
        m_notKept.fetch_add(1);
        return refused(QByteArrayLiteral("too many requests that could not be verified"),
                       sourceRetryAfter);
    }
    const qint64 cost = Store::QuarantineStore::costOf(pending.kept);
    if (m_used.fetch_add(cost) + cost > m_budget) {
        m_used.fetch_sub(cost);
        m_notKept.fetch_add(1);
        noteFull(database);
        // A malformed request is still told so; anything else may come back once there is room.
        if (pending.reply.status == 400)
            return pending.reply;
        // A full quarantine is not the sender's fault when it signed its request (a provider's
        // event for an account nobody connected yet): its address is not to be slowed for it.
        WebhookReply full = refused(QByteArrayLiteral("quarantine full"), 60);
        full.isSourceFault = pending.reply.isSourceFault;
        return full;
    }
    const WebhookReply reply = pipeline.keep(pending);
    if (reply.status == 503)
        m_used.fetch_sub(cost); // not kept after all
    return reply;
}

void QuarantineGate::noteFull(Store::Database &database)
{
    bool wasFull = false;
    if (!m_isFull.compare_exchange_strong(wasFull, true))
        return;
    const QString detail =
        QStringLiteral("The quarantine's budget of %1 is reached (%2 of unverified requests):"
                       " unverified requests are refused (429) and not kept until it has room;"
                       " verified ones are still kept. Replay or remove quarantined events.")
            .arg(mebibytes(m_budget), mebibytes(m_used.load()));
    qCWarning(lcIngest).noquote() << detail;
    if (auto noted =
            Store::QuarantineStore(database).notice(QStringLiteral("quarantine.full"), detail);
        !noted)
        qCWarning(lcIngest) << "could not note it in the audit log:" << noted.error().message;
}

Status QuarantineGate::refresh(Store::Database &database)
{
    auto usage = Store::QuarantineStore(database).usage();
    if (!usage)
        return usage.error();
    m_used.store(*usage);
    // Room again once a quarter of the budget is free (not at every row that fits), so the
    // notices do not flap while junk keeps arriving.
    if (*usage < m_budget - m_budget / 4 && m_isFull.exchange(false)) {
        const QString detail = QStringLiteral("The quarantine has room again (%1 of %2); %3"
                                              " unverified requests were not kept meanwhile.")
                                   .arg(mebibytes(*usage), mebibytes(m_budget))
                                   .arg(m_notKept.exchange(0));
        qCInfo(lcIngest).noquote() << detail;
        if (auto noted =
                Store::QuarantineStore(database).notice(QStringLiteral("quarantine.room"), detail);
            !noted)
            return noted.error();
    }
    return ok();
}

} // namespace Sb::Ingest
