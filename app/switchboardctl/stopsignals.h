#pragma once

#include <functional>

class QObject;

namespace Sb::Ctl {

// SIGINT and SIGTERM reach the event loop through a self-pipe (a signal handler may do nothing
// else safely); onStop then runs on the loop's thread, as long as context lives.
void onStopSignals(QObject *context, std::function<void()> onStop);

} // namespace Sb::Ctl
