#pragma once

#include <functional>

#include <core/common/result.h>

#include <QByteArray>
#include <QHashFunctions>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>

class QUrlQuery;

namespace Sb::Net {

// Whose quota a request spends: one tenant's, at one provider, as one user (empty: the
// tenant's own credentials). Limits and circuit breakers are kept per key, so one tenant's
// burst or outage never spends or blocks another's.
struct RateKey
{
    qint64 tenantId = 0;
    QString provider; // "twilio", "vapi", "ringcentral", "hubspot", "zoho"
    QString user;

    friend bool operator==(const RateKey &, const RateKey &) = default;
    QString toString() const;
};

inline size_t qHash(const RateKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.tenantId, key.provider, key.user);
}

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest
{
    RateKey key;
    QByteArray method = "GET";
    QUrl url;
    Headers headers; // the caller's, credentials included (Basic, Bearer, Zoho-oauthtoken)
    QByteArray body;
    // Retried after a 5xx or a network failure only when true; by default GET, HEAD, PUT,
    // DELETE and OPTIONS are, POST and PATCH are not (a 429 is always retried: not processed).
    std::optional<bool> idempotent;
    std::chrono::milliseconds timeout{30000};
    // A larger answer is abandoned as it arrives and fails, never held whole (0: no limit).
    qint64 maxResponseBytes = 0;
    // A 4xx answer comes back as a response for the caller to read, not as a ProviderError
    // (an OAuth token endpoint's refusals have shapes of their own: oauth/tokenresponse.h).
    bool deliversClientErrors = false;
    // The provider's limit group within the key, when it counts requests by kind (RingCentral:
    // light, medium, heavy, auth, each per user and app): a 429 holds back its own group only.
    // Empty: a 429 holds back the whole key.
    QByteArray rateGroup;

    bool isIdempotent() const;
    void setHeader(const QByteArray &name, const QByteArray &value);
    void setJson(const QJsonObject &object);
    void setForm(const QUrlQuery &form);
};

struct HttpResponse
{
    int status = 0;
    Headers headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty if absent
    QJsonObject json() const; // empty unless the body is a JSON object
};

// A provider's answer that is not a success, or no answer at all: enough to decide what to do
// and to tell a person. The message has passed through the Redactor.
struct ProviderError
{
    ErrorCode code = ErrorCode::ProviderUnavailable;
    QString provider;
    int httpStatus = 0; // 0: no HTTP answer (network, timeout, open circuit, cancelled)
    QString providerCode; // Twilio's 21610, RingCentral's CMN-301, HubSpot's category, …
    QString message;
    int attempts = 0;

    Error toError() const; // "twilio: HTTP 400, code 21211: …"
};

using HttpResult = Result<HttpResponse, ProviderError>;

// The callback every provider call hands to HttpClient::send: a failure is passed on as it is,
// a response is turned into what the caller asked for.
template<typename T, typename Convert>
auto onResponse(std::function<void(Result<T, ProviderError>)> done, Convert convert)
{
    return [done = std::move(done), convert = std::move(convert)](HttpResult result) {
        if (!result)
            done(result.error());
        else
            done(convert(*result));
    };
}

} // namespace Sb::Net
