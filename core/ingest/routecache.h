#pragma once

#include "tenantresolver.h"

#include <core/common/secret.h>

#include <QHash>
#include <QMutex>

#include <optional>

namespace Sb::Ingest {

// The routes and subaccount tokens of recently accepted webhooks, so events can still be
// verified (and spooled) while the store is unreachable. Consulted only then: the store stays
// the authority whenever it answers. Thread-safe.
class RouteCache final
{
public:
    struct Entry
    {
        Route route;
        Secret authToken;
        QString assistantE164;
    };

    void remember(const IngestEvent &event,
                  const Route &route,
                  const Secret &authToken,
                  const QString &assistantE164);
    std::optional<Entry> find(const IngestEvent &event) const;

private:
    static QString keyOf(const IngestEvent &event);

    mutable QMutex m_mutex; // protects m_entries
    QHash<QString, Entry> m_entries;
};

} // namespace Sb::Ingest
