#pragma once

#include "change.h"

#include <core/common/result.h>

#include <QList>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace Sb::Store {

// Tells other processes, a little later and in few rows, about changes already committed: the
// ingest server's batches commit hundreds of times a second, and a change_log row per tenant
// in every batch cost a tenth of its throughput. Changes handed over here are merged (one per
// tenant and kind) and written by one thread of its own: at once when nothing was written for
// a window, otherwise when the window since the last write ends. So a change reaches listeners
// within a window plus a commit, and each tenant gets at most one row per window and kind.
// Written after the changes' own COMMIT, the rows never announce what a reader cannot see yet.
class ChangeAnnouncer final
{
public:
    // Runs on the announcer's thread: writes the rows (and notifies) in a transaction of its own.
    using Write = std::function<Status(const QList<Change> &)>;
    // Runs on the announcer's thread as it ends (to close that thread's connection).
    using Finished = std::function<void()>;

    ChangeAnnouncer(Write write, Finished finished, std::chrono::milliseconds window);
    // Writes what is still waiting, then stops.
    ~ChangeAnnouncer();
    ChangeAnnouncer(const ChangeAnnouncer &) = delete;
    ChangeAnnouncer &operator=(const ChangeAnnouncer &) = delete;

    void announce(const QList<Change> &changes); // thread-safe; the thread starts on first use

    // One change per tenant and kind; the row id stays when it is the only row of its kind.
    static QList<Change> coalesced(const QList<Change> &changes);

private:
    void run();

    Write m_write;
    Finished m_finished;
    std::chrono::milliseconds m_window;
    std::mutex m_mutex; // protects everything below
    std::condition_variable m_wake;
    QList<Change> m_waiting;
    std::chrono::steady_clock::time_point m_lastWrite;
    bool m_isStopping = false;
    bool m_isFailing = false; // the last write failed (said once, not every window)
    std::thread m_thread;
};

} // namespace Sb::Store
