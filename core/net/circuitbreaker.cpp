#include "circuitbreaker.h"

#include <algorithm>

namespace Sb::Net {

CircuitBreaker::CircuitBreaker(int threshold, std::chrono::milliseconds cooldown)
    : m_threshold(std::max(1, threshold))
    , m_cooldown(cooldown)
{}

CircuitBreaker::State CircuitBreaker::state(Clock::time_point now) const
{
    if (!m_isOpen)
        return State::Closed;
    return now - m_openedAt >= m_cooldown ? State::HalfOpen : State::Open;
}

bool CircuitBreaker::allows(Clock::time_point now)
{
    switch (state(now)) {
    case State::Closed:
        return true;
    case State::Open:
        return false;
    case State::HalfOpen:
        if (m_isProbing)
            return false;
        m_isProbing = true;
        return true;
    }
    return false;
}

void CircuitBreaker::succeeded()
{
    m_failures = 0;
    m_isOpen = false;
    m_isProbing = false;
}

void CircuitBreaker::failed(Clock::time_point now)
{
    ++m_failures;
    if (m_isProbing || m_failures >= m_threshold) {
        m_isOpen = true;
        m_openedAt = now;
    }
    m_isProbing = false;
}

std::chrono::milliseconds CircuitBreaker::reopensIn(Clock::time_point now) const
{
    if (state(now) != State::Open)
        return std::chrono::milliseconds(0);
    return std::chrono::duration_cast<std::chrono::milliseconds>(m_cooldown - (now - m_openedAt));
}

} // namespace Sb::Net
