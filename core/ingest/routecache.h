#pragma once

#include "tenantresolver.h"

#include <core/crypto/secret.h>

#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>

#include <optional>

namespace Sb::Ingest {

// The routes and credentials of recently accepted webhooks. While the store is
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

    // Shared secrets (VAPI, RingCentral) of tenants whose events were accepted: while the store
    // is unreachable an event presenting one of them is verified and may be spooled.
    void rememberSecret(const QString &provider, TenantId tenant, const Secret &secret);
    QList<Secret> secretsOf(const QString &provider) const;

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
    QHash<QString, QHash<qint64, Secret>> m_secrets; // by provider, then tenant
};

} // namespace Sb::Ingest
