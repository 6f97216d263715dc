#pragma once

#include <functional>

class QObject;

namespace Sb::Ctl {

// SIGINT and SIGTERM reach the event loop through a self-pipe (a signal handler may do nothing
// else safely); on Windows, the console's control events (Ctrl+C, close, a service stop). onStop
// then runs on the loop's thread, as long as context lives.
void onStopSignals(QObject *context, std::function<void()> onStop);

} // namespace Sb::Ctl
