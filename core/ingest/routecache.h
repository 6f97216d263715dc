#pragma once

#include "tenantresolver.h"

#include <core/common/secret.h>

#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>

#include <optional>

namespace Sb::Ingest {

// The routes and subaccount tokens of recently accepted webhooks. While the store is
// unreachable they let events still be verified (and spooled). While it answers, a subaccount
// routed by its account within the last few seconds (freshFor) is verified without store
// reads: under load that is most events. Thread-safe.
class RouteCache final
{
public:
    struct Entry
    {
        Route route;
        Secret authToken;
        QString assistantE164;
    };

    explicit RouteCache(int freshForMs = 5000);

    void remember(const IngestEvent &event,
                  const Route &route,
                  const Secret &authToken,
                  const QString &assistantE164);
    std::optional<Entry> find(const IngestEvent &event) const;
    // Only routes made by the subaccount itself (they depend on nothing else in the event),
    // remembered less than freshFor ago.
    std::optional<Entry> findFresh(const IngestEvent &event) const;

private:
    struct Fresh
    {
        Entry entry;
        QDeadlineTimer expiry;
    };
    static QString keyOf(const IngestEvent &event);

    int m_freshForMs;
    mutable QMutex m_mutex; // protects m_entries and m_fresh
    QHash<QString, Entry> m_entries;
    QHash<QString, Fresh> m_fresh; // by subaccount
};

} // namespace Sb::Ingest
