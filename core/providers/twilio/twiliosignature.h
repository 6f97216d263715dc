#pragma once

#include <core/ingest/formfields.h>

#include <core/crypto/secret.h>

#include <QUrl>

namespace Sb::Providers::Twilio {

// X-Twilio-Signature: Base64(HMAC-SHA1(auth token of the account owning the number,
// URL as Twilio requested it + every form name and value sorted by name)). The URL is the
// public one Twilio called (the server usually sits behind a TLS proxy), compared with and
// without the default port, as Twilio's own validators do; in constant time.
class TwilioSignature final
{
public:
    static QByteArray
    compute(const QString &url, const Ingest::FormFields &fields, const Secret &authToken);
    static bool verify(const QString &url,
                       const Ingest::FormFields &fields,
                       const QByteArray &signature,
                       const Secret &authToken);
    // JSON bodies: the URL carries bodySHA256=<hex>; the signature covers the URL alone.
    static bool verifyJson(const QString &url,
                           const QByteArray &body,
                           const QByteArray &signature,
                           const Secret &authToken);

private:
    static QStringList urlVariants(const QString &url);
};

} // namespace Sb::Providers::Twilio
