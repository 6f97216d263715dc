#pragma once

#include "circuitbreaker.h"
#include "httptypes.h"

#include <QHash>
#include <QObject>
#include <QSslConfiguration>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Sb::Net {

// The one HTTP path every provider client takes. Asynchronous over QNetworkAccessManager: the
// calling thread (the GUI's, say) is never blocked, and callbacks run on it.
// - Retries 5xx answers and network failures of idempotent requests with exponential backoff
//   and jitter; never a POST, which may have been processed.
// - A 429 is retried once the provider's window opens (Retry-After or its rate-limit headers,
//   else backoff), and the whole key waits with it: nothing is sent meanwhile to be refused.
// - Per key (tenant, provider, user): at most maxInFlightPerKey requests at once, the rest queue
//   in order; and a circuit breaker. One tenant's burst, 429 or outage leaves others untouched.
// - A TLS handshake that fails (an untrusted or wrong certificate) is not retried: it will not
//   pass on a second try, and the message says what was wrong with the certificate.
// - Failures come back as ProviderError values with the provider's code and a redacted message.
class HttpClient final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int maxAttempts = 4; // per request, the first one included
        std::chrono::milliseconds baseBackoff{250};
        std::chrono::milliseconds maxBackoff{8000};
        std::chrono::milliseconds longestWait{60000}; // a 429 asking more fails as RateLimited
        int breakerThreshold = 5; // failures in a row that open a key's circuit
        std::chrono::milliseconds breakerCooldown{30000};
        int maxInFlightPerKey = 4;
        // Trusted besides the system's CAs: a private CA in front of a provider, or the tests'
        // loopback fakes. Empty for the real providers.
        QList<QSslCertificate> extraCaCertificates;
    };
    using Callback = std::function<void(HttpResult)>;

    explicit HttpClient(QObject *parent = nullptr);
    explicit HttpClient(Options options, QObject *parent = nullptr);
    // Aborts what is in flight; callbacks of unfinished requests are not called.
    ~HttpClient() override;

    // Returns an id for cancel(). done is called exactly once, unless the client or the context
    // is destroyed first: a reply whose context (a view, a model) is gone is dropped, never
    // delivered to a destroyed object, and what is still waiting or on the wire is abandoned.
    // A null context means the client itself.
    quint64 send(HttpRequest request, const QObject *context, Callback done);
    // Without a context: for callers that outlive the client (switchboardctl, tests).
    quint64 send(HttpRequest request, Callback done)
    {
        return send(std::move(request), nullptr, std::move(done));
    }
    // done gets a Cancelled error at once; a request on the wire is aborted.
    void cancel(quint64 id);

    CircuitBreaker::State circuitState(const RateKey &key) const;
    qsizetype waitingCount(const RateKey &key) const; // queued, not yet sent

    // How a key's requests stand, for a status display: going as usual, held back by the
    // provider's rate limit, or not sent while its circuit is open; how long that lasts.
    struct LaneStatus
    {
        enum class Kind { Normal, RateLimited, CircuitOpen };
        Kind kind = Kind::Normal;
        std::chrono::milliseconds left{0};
        bool operator==(const LaneStatus &other) const { return kind == other.kind; }
    };
    LaneStatus laneStatus(const RateKey &key) const;

signals:
    // A key's LaneStatus kind changed (a 429's wait began or ended, a circuit opened or closed).
    void laneStatusChanged(const Sb::Net::RateKey &key);

public:
private:
    struct Call;
    struct Lane;
    using Clock = CircuitBreaker::Clock;
    LaneStatus statusOf(Lane &lane, Clock::time_point now) const;
    void reportStatus(const RateKey &key, Lane &lane);

    Lane &laneFor(const RateKey &key);
    void pump(const RateKey &key);
    void dispatch(const std::shared_ptr<Call> &call);
    void onReply(const std::shared_ptr<Call> &call, QNetworkReply *reply);
    void retryAfter(const std::shared_ptr<Call> &call, std::chrono::milliseconds delay);
    void followRedirect(const std::shared_ptr<Call> &call, int status, const QUrl &location);
    static constexpr int kMaxRedirects = 5;
    void finish(const std::shared_ptr<Call> &call, HttpResult result);
    // Out of the queue or off the wire, without a callback (cancel() makes one; a gone
    // context needs none).
    std::shared_ptr<Call> withdraw(quint64 id);
    ProviderError failure(const Call &call,
                          ErrorCode code,
                          int httpStatus,
                          const QString &providerCode,
                          const QString &message) const;

    Options m_options;
    QNetworkAccessManager *m_network;
    std::optional<QSslConfiguration> m_tls; // set when extra CAs are trusted
    QHash<RateKey, std::shared_ptr<Lane>> m_lanes;
    QHash<quint64, std::shared_ptr<Call>> m_calls; // sent or waiting, not yet finished
    quint64 m_nextId = 1;
};

} // namespace Sb::Net
