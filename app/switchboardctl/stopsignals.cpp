#include "stopsignals.h"

#include <QSocketNotifier>

#include <csignal>
#include <unistd.h>

namespace Sb::Ctl {

namespace {
int s_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(s_signalPipe[1], &byte, 1);
}
} // namespace

void onStopSignals(QObject *context, std::function<void()> onStop)
{
    if (s_signalPipe[0] < 0 && ::pipe(s_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [onStop = std::move(onStop)] {
        char byte;
        [[maybe_unused]] const auto read = ::read(s_signalPipe[0], &byte, 1);
        onStop();
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

} // namespace Sb::Ctl
