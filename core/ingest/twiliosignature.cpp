#include "twiliosignature.h"

#include <core/crypto/aesgcm.h>
#include <core/crypto/digest.h>

#include <QUrlQuery>

#include <algorithm>

namespace Sb::Ingest {

QByteArray
TwilioSignature::compute(const QString &url, const FormFields &fields, const Secret &authToken)
{
    auto items = fields.items();
    // By name, then by value for a repeated name; byte order (UTF-16 order equals it for ASCII).
    std::sort(items.begin(), items.end(), [](const auto &a, const auto &b) {
        const QByteArray nameA = a.first.toUtf8();
        const QByteArray nameB = b.first.toUtf8();
        return nameA != nameB ? nameA < nameB : a.second.toUtf8() < b.second.toUtf8();
    });
    QByteArray data = url.toUtf8();
    for (const auto &[name, value] : std::as_const(items))
        data += name.toUtf8() + value.toUtf8();
    return Crypto::hmacSha1(authToken.reveal(), data).toBase64();
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
    bool matched = false;
    for (const QString &variant : urlVariants(url))
        matched |= Crypto::equalsConstantTime(compute(variant, fields, authToken), signature);
    return matched;
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

} // namespace Sb::Ingest
