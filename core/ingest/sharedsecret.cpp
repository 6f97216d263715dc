#include "sharedsecret.h"

#include "ingestlog.h"
#include "routecache.h"
#include "spool.h"
#include "webhookpipeline.h"

#include <core/crypto/aesgcm.h>
#include <core/crypto/digest.h>

#include <QDateTime>

#include <algorithm>

namespace Sb::Ingest::SharedSecret {

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
