#include "httpclient.h"

#include "backoff.h"
#include "providererrors.h"

#include <core/common/redactor.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

namespace Sb::Net {

using std::chrono::milliseconds;

struct HttpClient::Call
{
    quint64 id = 0;
    HttpRequest request;
    Callback done;
    int attempts = 0;
    QPointer<QNetworkReply> reply;
    QMetaObject::Connection contextGone; // cut when the call finishes
    bool isTooLarge = false; // abandoned past request.maxResponseBytes
    int redirects = 0;
};

struct HttpClient::Lane
{
    explicit Lane(const Options &options)
        : breaker(options.breakerThreshold, options.breakerCooldown)
    {}

    CircuitBreaker breaker;
    std::deque<std::shared_ptr<Call>> waiting;
    int inFlight = 0;
    Clock::time_point notBefore; // a 429 makes the whole key wait until then
    QHash<QByteArray, Clock::time_point> groupNotBefore; // or only its limit group

    Clock::time_point notBeforeFor(const QByteArray &group) const
    {
        return group.isEmpty() ? notBefore : std::max(notBefore, groupNotBefore.value(group));
    }
    Clock::time_point latestNotBefore() const
    {
        Clock::time_point latest = notBefore;
        for (const auto &until : groupNotBefore)
            latest = std::max(latest, until);
        return latest;
    }
    QTimer *wake = nullptr; // pumps the lane when notBefore or a cooldown has passed
    HttpClient::LaneStatus::Kind reported = HttpClient::LaneStatus::Kind::Normal;
};

HttpClient::HttpClient(QObject *parent)
    : HttpClient(Options{}, parent)
{}

HttpClient::HttpClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_network(new QNetworkAccessManager(this))
{
    if (!m_options.extraCaCertificates.isEmpty()) {
        m_tls = QSslConfiguration::defaultConfiguration();
        m_tls->addCaCertificates(m_options.extraCaCertificates);
    }
}

HttpClient::~HttpClient()
{
    for (const auto &call : std::as_const(m_calls)) {
        if (call->reply) {
            call->reply->disconnect(this);
            call->reply->abort();
        }
    }
}

HttpClient::Lane &HttpClient::laneFor(const RateKey &key)
{
    auto &lane = m_lanes[key];
    if (!lane) {
        lane = std::make_shared<Lane>(m_options);
        lane->wake = new QTimer(this);
        lane->wake->setSingleShot(true);
        connect(lane->wake, &QTimer::timeout, this, [this, key] { pump(key); });
    }
    return *lane;
}

quint64 HttpClient::send(HttpRequest request, const QObject *context, Callback done)
{
    auto call = std::make_shared<Call>();
    call->id = m_nextId++;
    call->request = std::move(request);
    call->done = std::move(done);
    if (context && context != this) {
        call->contextGone =
            connect(context, &QObject::destroyed, this, [this, id = call->id] { withdraw(id); });
    }
    m_calls.insert(call->id, call);
    laneFor(call->request.key).waiting.push_back(call);
    pump(call->request.key);
    return call->id;
}

void HttpClient::cancel(quint64 id)
{
    if (const auto call = withdraw(id))
        call->done(failure(*call, ErrorCode::Cancelled, 0, {}, tr("cancelled")));
}

CircuitBreaker::State HttpClient::circuitState(const RateKey &key) const
{
    const auto lane = m_lanes.value(key);
    return lane ? lane->breaker.state(Clock::now()) : CircuitBreaker::State::Closed;
}

HttpClient::LaneStatus HttpClient::statusOf(Lane &lane, Clock::time_point now) const
{
    if (lane.breaker.state(now) == CircuitBreaker::State::Open)
        return {LaneStatus::Kind::CircuitOpen, lane.breaker.reopensIn(now)};
    if (const auto until = lane.latestNotBefore(); now < until)
        return {LaneStatus::Kind::RateLimited, std::chrono::ceil<milliseconds>(until - now)};
    return {};
}

HttpClient::LaneStatus HttpClient::laneStatus(const RateKey &key) const
{
    const auto lane = m_lanes.value(key);
    return lane ? statusOf(*lane, Clock::now()) : LaneStatus{};
}

void HttpClient::reportStatus(const RateKey &key, Lane &lane)
{
    const LaneStatus::Kind now = statusOf(lane, Clock::now()).kind;
    if (now == lane.reported)
        return;
    lane.reported = now;
    emit laneStatusChanged(key);
}

qsizetype HttpClient::waitingCount(const RateKey &key) const
{
    const auto lane = m_lanes.value(key);
    return lane ? qsizetype(lane->waiting.size()) : 0;
}

void HttpClient::pump(const RateKey &key)
{
    Lane &lane = laneFor(key);
    reportStatus(key, lane);
    while (!lane.waiting.empty() && lane.inFlight < m_options.maxInFlightPerKey) {
        const auto now = Clock::now();
        // The first in line whose group may go: a group held back by a 429 keeps its order,
        // the others pass it.
        auto next = std::find_if(lane.waiting.begin(), lane.waiting.end(), [&](const std::shared_ptr<Call> &call) {
            return now >= lane.notBeforeFor(call->request.rateGroup);
        });
        if (next == lane.waiting.end()) {
            Clock::time_point soonest = Clock::time_point::max();
            for (const auto &call : lane.waiting)
                soonest = std::min(soonest, lane.notBeforeFor(call->request.rateGroup));
            lane.wake->start(std::chrono::ceil<milliseconds>(soonest - now).count());
            return;
        }
        if (!lane.breaker.allows(now)) {
            if (lane.breaker.state(now) == CircuitBreaker::State::HalfOpen)
                return; // a probe is out; its answer pumps again
            // Open: fail fast instead of piling requests on a provider that is down.
            const QString why = tr("%1 failed %2 times in a row; not calling it for %3 s")
                                    .arg(key.toString())
                                    .arg(lane.breaker.failuresInARow())
                                    .arg((lane.breaker.reopensIn(now).count() + 999) / 1000);
            while (!lane.waiting.empty()) {
                const auto call = lane.waiting.front();
                lane.waiting.pop_front();
                finish(call, failure(*call, ErrorCode::ProviderUnavailable, 0, {}, why));
            }
            return;
        }
        const auto call = *next;
        lane.waiting.erase(next);
        ++lane.inFlight;
        dispatch(call);
    }
}

void HttpClient::dispatch(const std::shared_ptr<Call> &call)
{
    ++call->attempts;
    QNetworkRequest request(call->request.url);
    for (const auto &[name, value] : std::as_const(call->request.headers))
        request.setRawHeader(name, value);
    request.setTransferTimeout(int(call->request.timeout.count()));
    // Redirects are followed in onReply, not by Qt: the caller's credentials go only to the
    // origin they were set for.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (m_tls)
        request.setSslConfiguration(*m_tls);
    QNetworkReply *reply =
        m_network->sendCustomRequest(request, call->request.method, call->request.body);
    call->reply = reply;
    if (const qint64 most = call->request.maxResponseBytes; most > 0) {
        // Said by Content-Length, or found as it arrives: cut off, not held in memory.
        connect(reply,
                &QNetworkReply::downloadProgress,
                this,
                [call, reply, most](qint64 got, qint64 total) {
                    if ((got > most || total > most) && !call->isTooLarge) {
                        call->isTooLarge = true;
                        reply->abort();
                    }
                });
    }
    connect(reply, &QNetworkReply::finished, this, [this, call, reply] { onReply(call, reply); });
}

void HttpClient::onReply(const std::shared_ptr<Call> &call, QNetworkReply *reply)
{
    reply->deleteLater();
    call->reply = nullptr;
    const RateKey key = call->request.key;
    Lane &lane = laneFor(key);
    --lane.inFlight;
    if (!m_calls.contains(call->id)) {
        // Withdrawn (cancelled, or its context is gone), perhaps from inside abort(). The next
        // waiting call starts from the event loop, not from here: a context's destruction
        // withdraws its calls one after another, and its next waiting one must not be sent in
        // between.
        QMetaObject::invokeMethod(
            this, [this, key] { pump(key); }, Qt::QueuedConnection);
        return;
    }
    if (call->isTooLarge) {
        // The provider answered; what it sent is more than the caller takes. Not retried.
        lane.breaker.succeeded();
        finish(call,
               failure(*call,
                       ErrorCode::ProviderRefused,
                       reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                       {},
                       tr("the answer is larger than %1 MB")
                           .arg(call->request.maxResponseBytes / (1024 * 1024))));
        pump(key);
        return;
    }
    const auto now = Clock::now();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool mayRetry = call->attempts < m_options.maxAttempts;
    if (status == 0) {
        // No HTTP answer. A transfer timeout aborts the reply: OperationCanceledError.
        lane.breaker.failed(now);
        const bool isTimeout = reply->error() == QNetworkReply::OperationCanceledError;
        const bool isTlsFailure = reply->error() == QNetworkReply::SslHandshakeFailedError;
        if (call->request.isIdempotent() && mayRetry && !isTlsFailure) {
            retryAfter(call,
                       backoffFor(call->attempts, m_options.baseBackoff, m_options.maxBackoff));
        } else {
            finish(call,
                   failure(
                       *call,
                       isTimeout ? ErrorCode::Timeout : ErrorCode::ProviderUnavailable,
                       0,
                       {},
                       isTimeout ? tr("no answer within %1 ms").arg(call->request.timeout.count())
                           : isTlsFailure ? tr("no secure connection to %1 (%2)")
                                                .arg(call->request.url.host(), reply->errorString())
                                          : reply->errorString()));
        }
        pump(key);
        return;
    }

    if ((status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
        && reply->hasRawHeader("Location")) {
        lane.breaker.succeeded();
        followRedirect(call, status, QUrl::fromEncoded(reply->rawHeader("Location")));
        return;
    }

    HttpResponse response;
    response.status = status;
    for (const auto &[name, value] : reply->rawHeaderPairs())
        response.headers.append({name, value});
    response.body = reply->readAll();
    const QDateTime wallNow = QDateTime::currentDateTimeUtc();
    if (status == 429) {
        // Not processed, so safe to send again, POST included; the provider is up.
        lane.breaker.succeeded();
        const milliseconds wait =
            requestedWait(response, wallNow)
                .value_or(backoffFor(call->attempts, m_options.baseBackoff, m_options.maxBackoff));
        const auto text = readProviderError(key.provider, response);
        if (!mayRetry || wait > m_options.longestWait) {
            finish(call,
                   failure(*call,
                           ErrorCode::RateLimited,
                           status,
                           text.code,
                           tr("%1 (the provider asks to wait %2 s)")
                               .arg(text.message)
                               .arg((wait.count() + 999) / 1000)));
        } else {
            if (const QByteArray &group = call->request.rateGroup; group.isEmpty())
                lane.notBefore = std::max(lane.notBefore, now + wait);
            else
                lane.groupNotBefore[group] = std::max(lane.groupNotBefore.value(group), now + wait);
            lane.waiting.push_front(call);
        }
        pump(key);
        return;
    }
    if (status >= 500) {
        lane.breaker.failed(now);
        if (call->request.isIdempotent() && mayRetry) {
            retryAfter(call,
                       backoffFor(call->attempts, m_options.baseBackoff, m_options.maxBackoff));
        } else {
            const auto text = readProviderError(key.provider, response);
            finish(call,
                   failure(*call, ErrorCode::ProviderUnavailable, status, text.code, text.message));
        }
        pump(key);
        return;
    }
    lane.breaker.succeeded();
    // A window reported as used up: wait for it before the next request of this key.
    if (const auto wait = requestedWait(response, wallNow))
        lane.notBefore = std::max(lane.notBefore, now + *wait);
    if (status < 400 || call->request.deliversClientErrors) {
        finish(call, std::move(response));
    } else {
        const auto text = readProviderError(key.provider, response);
        const ErrorCode code = status == 401 || status == 403 ? ErrorCode::AuthenticationFailed
                                                              : ErrorCode::ProviderRefused;
        finish(call, failure(*call, code, status, text.code, text.message));
    }
    pump(key);
}

// Where a provider sends a request on (Twilio's media to its storage). Another origin gets
// neither the Authorization header nor any other credential header; an https request is never
// sent on over plain http; at most kMaxRedirects hops.
void HttpClient::followRedirect(const std::shared_ptr<Call> &call, int status, const QUrl &location)
{
    const RateKey key = call->request.key;
    const QUrl from = call->request.url;
    const QUrl target = from.resolved(location);
    const bool isDowngrade = from.scheme() == u"https" && target.scheme() != u"https";
    if (++call->redirects > kMaxRedirects || isDowngrade || !target.isValid()
        || (target.scheme() != u"https" && target.scheme() != u"http")) {
        finish(call,
               failure(*call,
                       ErrorCode::ProviderRefused,
                       status,
                       {},
                       tr("sent on too often, or to an address less safe: %1")
                           .arg(target.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery))));
        pump(key);
        return;
    }
    const bool isSameOrigin = target.scheme() == from.scheme() && target.host() == from.host()
        && target.port(target.scheme() == u"https" ? 443 : 80)
            == from.port(from.scheme() == u"https" ? 443 : 80);
    if (!isSameOrigin) {
        call->request.headers.removeIf([](const auto &header) {
            return header.first.compare("Authorization", Qt::CaseInsensitive) == 0
                || header.first.compare("Cookie", Qt::CaseInsensitive) == 0;
        });
    }
    // 303, and a 301/302 of a POST, become a GET without the body (as browsers do).
    if (status == 303 || ((status == 301 || status == 302) && call->request.method == "POST")) {
        call->request.method = "GET";
        call->request.body.clear();
    }
    call->request.url = target;
    --call->attempts; // a hop is not another attempt
    ++laneFor(key).inFlight;
    dispatch(call);
}

void HttpClient::retryAfter(const std::shared_ptr<Call> &call, milliseconds delay)
{
    QTimer::singleShot(delay, this, [this, call] {
        if (!m_calls.contains(call->id))
            return; // cancelled while waiting
        laneFor(call->request.key).waiting.push_front(call);
        pump(call->request.key);
    });
}

void HttpClient::finish(const std::shared_ptr<Call> &call, HttpResult result)
{
    if (!m_calls.remove(call->id))
        return;
    disconnect(call->contextGone);
    call->done(std::move(result));
}

std::shared_ptr<HttpClient::Call> HttpClient::withdraw(quint64 id)
{
    const auto call = m_calls.take(id);
    if (!call)
        return nullptr;
    disconnect(call->contextGone);
    auto &waiting = laneFor(call->request.key).waiting;
    waiting.erase(std::remove(waiting.begin(), waiting.end(), call), waiting.end());
    if (call->reply)
        call->reply->abort(); // its finished() sees the call gone and only frees its slot
    return call;
}

ProviderError HttpClient::failure(const Call &call,
                                  ErrorCode code,
                                  int httpStatus,
                                  const QString &providerCode,
                                  const QString &message) const
{
    return {code,
            call.request.key.provider,
            httpStatus,
            providerCode,
            Redactor::instance().redact(message),
            call.attempts};
}

} // namespace Sb::Net
