#include "twiliosignature.h"

#include <core/crypto/aesgcm.h>
#include <core/crypto/digest.h>

#include <QUrlQuery>

#include <algorithm>

namespace Sb::Providers::Twilio {

using namespace Sb::Ingest;

namespace {
// Twilio signs the URL followed by every parameter's name and value, sorted by name (then by
// value for a repeated name) in byte order.
QByteArray signedParameters(const FormFields &fields)
{
    QList<std::pair<QByteArray, QByteArray>> items;
    items.reserve(fields.items().size());
    for (const auto &[name, value] : fields.items())
        items.append({name.toUtf8(), value.toUtf8()});
    std::sort(items.begin(), items.end());
    QByteArray data;
    for (const auto &[name, value] : std::as_const(items))
        data += name + value;
    return data;
}

QByteArray sign(const QString &url, const QByteArray &parameters, const Secret &authToken)
{
    return Crypto::hmacSha1(authToken.reveal(), url.toUtf8() + parameters).toBase64();
}
} // namespace

QByteArray
TwilioSignature::compute(const QString &url, const FormFields &fields, const Secret &authToken)
{
    return sign(url, signedParameters(fields), authToken);
}

QStringList TwilioSignature::urlVariants(const QString &url)
{
    QStringList variants{url};
    QUrl parsed(url);
    const int defaultPort = parsed.scheme() == u"https" ? 443 : 80;
    if (parsed.port() == defaultPort) {
        parsed.setPort(-1);
        variants << parsed.toString(QUrl::FullyEncoded);
    } else if (parsed.port() == -1) {
        parsed.setPort(defaultPort);
        variants << parsed.toString(QUrl::FullyEncoded);
    }
    return variants;
}

bool TwilioSignature::verify(const QString &url,
                             const FormFields &fields,
                             const QByteArray &signature,
                             const Secret &authToken)
{
    if (signature.isEmpty() || authToken.isEmpty())
        return false;
    // Each comparison is constant-time; which URL form matched is no secret (both are public).
    // The URL as called almost always matches; the other forms are made only when it does not.
    const QByteArray parameters = signedParameters(fields);
    if (Crypto::equalsConstantTime(sign(url, parameters, authToken), signature))
        return true;
    const QStringList variants = urlVariants(url);
    return std::any_of(variants.cbegin() + 1, variants.cend(), [&](const QString &variant) {
        return Crypto::equalsConstantTime(sign(variant, parameters, authToken), signature);
    });
}

bool TwilioSignature::verifyJson(const QString &url,
                                 const QByteArray &body,
                                 const QByteArray &signature,
                                 const Secret &authToken)
{
    const QString declared = QUrlQuery(QUrl(url)).queryItemValue(QStringLiteral("bodySHA256"));
    if (declared.isEmpty()
        || !Crypto::equalsConstantTime(Crypto::sha256(body).toHex(), declared.toLatin1().toLower()))
        return false;
    return verify(url, FormFields(), signature, authToken);
}

} // namespace Sb::Providers::Twilio
