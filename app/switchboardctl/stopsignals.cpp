#include "stopsignals.h"

#include <QMetaObject>
#include <QPointer>
#include <QSocketNotifier>

#ifdef Q_OS_WIN
#define NOMINMAX // windows.h would otherwise define min and max as macros
#include <windows.h>
#else
#include <csignal>
#include <unistd.h>
#endif

namespace Sb::Ctl {

#ifdef Q_OS_WIN
// Windows has no SIGTERM for a console program: Ctrl+C, Ctrl+Break, closing the console and a
// service stop arrive at a console control handler, on a thread of their own.
namespace {
QPointer<QObject> s_context;
std::function<void()> s_onStop;

BOOL WINAPI onControl(DWORD)
{
    if (s_context)
        QMetaObject::invokeMethod(s_context, [] { if (s_onStop) s_onStop(); }, Qt::QueuedConnection);
    return TRUE; // handled: the loop stops the server gracefully
}
} // namespace

void onStopSignals(QObject *context, std::function<void()> onStop)
{
    s_context = context;
    s_onStop = std::move(onStop);
    SetConsoleCtrlHandler(onControl, TRUE);
}
#else
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
#endif

} // namespace Sb::Ctl
