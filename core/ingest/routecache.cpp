#include "routecache.h"

#include <QMutexLocker>

namespace Sb::Ingest {

RouteCache::RouteCache(int freshForMs)
    : m_freshForMs(freshForMs)
{}

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
    if (m_freshForMs > 0 && route.matchedBy == u"account")
        m_fresh.insert(event.accountSid,
                       Fresh{Entry{route, authToken, {}}, QDeadlineTimer(m_freshForMs)});
}

std::optional<RouteCache::Entry> RouteCache::find(const IngestEvent &event) const
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_entries.constFind(keyOf(event));
    if (it == m_entries.cend())
        return std::nullopt;
    return *it;
}

std::optional<RouteCache::Entry> RouteCache::findFresh(const IngestEvent &event) const
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_fresh.constFind(event.accountSid);
    if (it == m_fresh.cend() || it->expiry.hasExpired())
        return std::nullopt;
    return it->entry;
}

void RouteCache::rememberSecret(const QString &provider, TenantId tenant, const Secret &secret)
{
    QMutexLocker locker(&m_mutex);
    m_secrets[provider].insert(tenant.value(), secret);
}

QList<Secret> RouteCache::secretsOf(const QString &provider) const
{
    QMutexLocker locker(&m_mutex);
    return m_secrets.value(provider).values();
}

} // namespace Sb::Ingest
