#include "routecache.h"

#include <QMutexLocker>

namespace Sb::Ingest {

QString RouteCache::keyOf(const IngestEvent &event)
{
    // The account and the number called: every new caller of a known line is recognised.
    return event.accountSid + u'|' + TenantResolver::bareNumber(event.to);
}

void RouteCache::remember(const IngestEvent &event,
                          const Route &route,
                          const Secret &authToken,
                          const QString &assistantE164)
{
    QMutexLocker locker(&m_mutex);
    m_entries.insert(keyOf(event), Entry{route, authToken, assistantE164});
}

std::optional<RouteCache::Entry> RouteCache::find(const IngestEvent &event) const
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_entries.constFind(keyOf(event));
    if (it == m_entries.cend())
        return std::nullopt;
    return *it;
}

} // namespace Sb::Ingest
