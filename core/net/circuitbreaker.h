#pragma once

#include <chrono>

namespace Sb::Net {

// Stops calling a provider that keeps failing. Closed: requests go. After `threshold` failures
// in a row it opens: requests fail at once for `cooldown`. Then it lets one probe through
// (half-open): a success closes it, a failure opens it again. Failures are 5xx answers,
// timeouts and network errors: a 4xx means the provider is up. Not thread-safe (one per key,
// owned by the HttpClient's thread).
class CircuitBreaker final
{
public:
    using Clock = std::chrono::steady_clock;
    enum class State { Closed, Open, HalfOpen };

    CircuitBreaker(int threshold, std::chrono::milliseconds cooldown);

    // May a request go now? In half-open, only one at a time (the probe).
    bool allows(Clock::time_point now);
    void succeeded();
    void failed(Clock::time_point now);
    State state(Clock::time_point now) const;
    std::chrono::milliseconds reopensIn(Clock::time_point now) const; // while open
    int failuresInARow() const { return m_failures; }

private:
    int m_threshold;
    std::chrono::milliseconds m_cooldown;
    int m_failures = 0;
    Clock::time_point m_openedAt;
    bool m_isOpen = false;
    bool m_isProbing = false;
};

} // namespace Sb::Net
