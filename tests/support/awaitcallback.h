#pragma once

#include <QTest>

#include <optional>
#include <utility>

namespace Sb::Test {

// Starts an asynchronous call with a callback and spins the event loop until the callback ran
// (or `ms` passed: then nothing). start receives the callback to pass on.
template<typename R, typename Start>
std::optional<R> awaitCallback(Start start, int ms = 20000)
{
    std::optional<R> result;
    start([&result](R outcome) { result.emplace(std::move(outcome)); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, ms))
        return std::nullopt;
    return result;
}

} // namespace Sb::Test
