#include "sharedsecret.h"

#include "ingestlog.h"
#include "routecache.h"
#include "spool.h"
#include "webhookendpoint.h"
#include "webhookpipeline.h"

#include <core/crypto/aesgcm.h>
#include <core/crypto/digest.h>
#include <core/vault/sealedsecretstore.h>

#include <QDateTime>
#include <QHttpServerRequest>

#include <algorithm>

namespace Sb::Ingest::SharedSecret {

WebhookRequest requestOf(const QHttpServerRequest &request,
                         const QString &publicUrl,
                         const QByteArray &secret,
                         const QByteArrayList &credentialHeaders)
{
    const QByteArray proof = proofOf(secret, request.body());
    return {publicUrl,
            request.body(),
            secret,
            WebhookEndpoint::keptHeaders(request, credentialHeaders, proof),
            request.remoteAddress().toString(),
            proof};
}

QByteArray proofOf(const QByteArray &presentedSecret, const QByteArray &body)
{
    if (presentedSecret.isEmpty())
        return {};
    return Crypto::hmacSha256(presentedSecret, body).toBase64();
}

bool isPresented(const WebhookRequest &request)
{
    return !request.signature.isEmpty() || !request.secretProof.isEmpty();
}

bool matches(const WebhookRequest &request, const Secret &tenantSecret)
{
    if (tenantSecret.isEmpty())
        return false;
    if (!request.signature.isEmpty())
        return Crypto::equalsConstantTime(request.signature, tenantSecret.reveal());
    if (!request.secretProof.isEmpty())
        return Crypto::equalsConstantTime(request.secretProof,
                                          proofOf(tenantSecret.reveal(), request.body));
    return false;
}

WebhookRequest withoutSecret(const WebhookRequest &request)
{
    WebhookRequest kept = request;
    if (kept.secretProof.isEmpty())
        kept.secretProof = proofOf(request.signature, request.body);
    kept.signature.clear();
    return kept;
}

WebhookReply spoolIfVouchedFor(const QString &provider,
                               const QString &path,
                               const WebhookRequest &request,
                               const WebhookReply &acknowledgement,
                               const QString &why,
                               const RouteCache *cache,
                               Spool *spool)
{
    if (!spool || !cache || request.signature.isEmpty())
        return WebhookPipeline::unavailable(why);
    const QList<Secret> known = cache->secretsOf(provider);
    const bool isVouchedFor = std::any_of(known.cbegin(), known.cend(), [&](const Secret &secret) {
        return matches(request, secret);
    });
    if (!isVouchedFor)
        return WebhookPipeline::unavailable(why);
    if (auto spooled =
            spool->append({path, withoutSecret(request), QDateTime::currentMSecsSinceEpoch()});
        !spooled)
        return WebhookPipeline::unavailable(spooled.error().message);
    qCWarning(lcIngest) << "store unavailable; spooled a" << provider << "event";
    return acknowledgement;
}

} // namespace Sb::Ingest::SharedSecret

namespace Sb::Ingest {

SharedSecretWebhook::SharedSecretWebhook(Store::Database &database,
                                         const Vault::Sealer &sealer,
                                         RouteCache *cache,
                                         Spool *spool,
                                         Kind kind)
    : m_database(database)
    , m_sealer(sealer)
    , m_cache(cache)
    , m_spool(spool)
    , m_kind(std::move(kind))
{}

Verdict SharedSecretWebhook::verify(const WebhookRequest &request,
                                    const IngestEvent &event,
                                    const Route &route) const
{
    using Kind = Verdict::Kind;
    auto secret = Vault::SealedSecretStore(m_database, m_sealer)
                      .get(route.tenant, m_kind.record, m_kind.purpose);
    if (!secret) {
        const Kind kind = secret.error().code == ErrorCode::DatabaseUnavailable
            ? Kind::Unavailable
            : Kind::Unverifiable;
        return {kind, tr("Cannot verify: %1").arg(secret.error().message), event, route};
    }
    if (!SharedSecret::matches(request, *secret)) {
        return {Kind::BadSignature,
                tr("%1 %2 (from %3)")
                    .arg(SharedSecret::isPresented(request) ? tr("wrong") : tr("missing"),
                         m_kind.name,
                         request.remoteAddress),
                event,
                route};
    }
    if (m_cache)
        m_cache->rememberSecret(m_kind.provider, route.tenant.tenantId(), *secret);
    return {Kind::Accepted, {}, event, route, *secret, {}, {}};
}

Handled SharedSecretWebhook::process(const Verdict &verdict,
                                     const WebhookRequest &request,
                                     const WebhookReply &acknowledgement) const
{
    const QuarantinedEvent kept{m_kind.provider,
                                m_kind.path,
                                request.publicUrl,
                                verdict.reason,
                                request.headersJson,
                                request.body};
    return WebhookPipeline(m_database)
        .decide(verdict,
                SharedSecret::isPresented(request),
                kept,
                acknowledgement,
                [kind = m_kind, cache = m_cache, spool = m_spool, request, acknowledgement](
                    const QString &why) {
                    return SharedSecret::spoolIfVouchedFor(
                        kind.provider, kind.path, request, acknowledgement, why, cache, spool);
                });
}

} // namespace Sb::Ingest
