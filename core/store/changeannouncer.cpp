#include "changeannouncer.h"

#include "storelog.h"

#include <QHash>
#include <QPair>

#include <algorithm>

namespace Sb::Store {

ChangeAnnouncer::ChangeAnnouncer(Write write, Finished finished, std::chrono::milliseconds window)
    : m_write(std::move(write))
    , m_finished(std::move(finished))
    , m_window(window)
{}

ChangeAnnouncer::~ChangeAnnouncer()
{
    {
        std::lock_guard lock(m_mutex);
        m_isStopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void ChangeAnnouncer::announce(const QList<Change> &changes)
{
    if (changes.isEmpty())
        return;
    bool wasIdle = false;
    {
        std::lock_guard lock(m_mutex);
        wasIdle = m_waiting.isEmpty();
        m_waiting = coalesced(m_waiting + changes);
        if (!m_thread.joinable())
            m_thread = std::thread([this] { run(); });
    }
    // Only the first change of a window wakes the thread: later ones join the row it will write
    // (waking it for each batch would only put it back to sleep, hundreds of times a second).
    if (wasIdle)
        m_wake.notify_all();
}

void ChangeAnnouncer::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_isStopping || !m_waiting.isEmpty(); });
        if (m_waiting.isEmpty())
            break; // stopping, and everything is written
        // A window after the last write, unless stopping: what arrives meanwhile joins this row.
        m_wake.wait_until(lock, m_lastWrite + m_window, [this] { return m_isStopping; });
        const QList<Change> due = std::exchange(m_waiting, {});
        lock.unlock();
        const Status written = m_write(due);
        lock.lock();
        m_lastWrite = std::chrono::steady_clock::now();
        if (!written) {
            // The store went away: keep them for the next window (dropped only when stopping
            // with the store gone; listeners reload everything when they reconnect anyway).
            if (!std::exchange(m_isFailing, true))
                qCWarning(lcStore) << "could not announce" << due.size()
                                   << "changes to other processes:" << written.error().message;
            if (!m_isStopping)
                m_waiting = coalesced(due + m_waiting);
        } else if (std::exchange(m_isFailing, false)) {
            qCInfo(lcStore) << "announcing changes to other processes again";
        }
    }
    lock.unlock();
    if (m_finished)
        m_finished();
}

QList<Change> ChangeAnnouncer::coalesced(const QList<Change> &changes)
{
    QList<Change> merged;
    QHash<QPair<qint64, quint32>, qsizetype> indexOf; // (tenant, kind) → its place in merged
    for (const Change &next : changes) {
        const QPair<qint64, quint32> key{next.tenant.value(), quint32(next.kind)};
        const auto found = indexOf.constFind(key);
        if (found == indexOf.cend()) {
            indexOf.insert(key, merged.size());
            merged.append(next);
            continue;
        }
        Change &same = merged[*found];
        if (same.rowId != next.rowId)
            same.rowId = 0;
        same.at = std::max(same.at, next.at);
    }
    return merged;
}

} // namespace Sb::Store
