#pragma once

#include "httptypes.h"

#include <QDateTime>

#include <chrono>
#include <optional>

namespace Sb::Net {

// How long to wait before trying again: exponential backoff with full jitter (a random wait
// between zero and base·2^(attempt-1), at most cap), so clients that failed together do not
// come back together.
std::chrono::milliseconds
backoffFor(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap);

// How long the provider asked us to wait: Retry-After (seconds or an HTTP date), or a rate-limit
// window reported as used up (RingCentral X-Rate-Limit-Remaining: 0 with X-Rate-Limit-Window,
// HubSpot X-HubSpot-RateLimit-Remaining: 0 with X-HubSpot-RateLimit-Interval-Milliseconds).
std::optional<std::chrono::milliseconds> requestedWait(const HttpResponse &response,
                                                       const QDateTime &now);

} // namespace Sb::Net
