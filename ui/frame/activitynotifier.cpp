#include "activitynotifier.h"

#include <core/common/continuation.h>
#include <core/store/changefeed.h>

namespace Sb::Ui {

ActivityNotifier::ActivityNotifier(const ConsoleContext &context,
                                   Store::ChangeKind kind,
                                   std::function<bool()> isActive,
                                   QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_kind(kind)
    , m_isActive(std::move(isActive))
{}

void ActivityNotifier::watch(const CurrentTenant &tenant)
{
    m_tenant = tenant;
    m_seen.clear();
    m_hasBaseline = false;
    const quint64 generation = ++m_generation;
    delete m_subscription;
    m_subscription = nullptr;
    if (m_context.changes) {
        m_subscription = m_context.changes->subscribe(tenant.scope.tenantId(), m_kind, this);
        connect(m_subscription, &Store::ChangeSubscription::changed, this, [this, generation] {
            check(generation);
        });
    }
    check(generation);
}

void ActivityNotifier::check(quint64 generation)
{
    if (!m_tenant || generation != m_generation)
        return;
    onFinished(this, readNewest(*m_tenant), [this, generation](Result<QList<Notice>> notices) {
        if (generation != m_generation || !notices)
            return; // another tenant by now, or the store is away (the pages say so)
        const bool isFirst = !std::exchange(m_hasBaseline, true);
        for (const Notice &notice : std::as_const(*notices)) {
            if (m_seen.contains(notice.key))
                continue;
            m_seen.insert(notice.key);
            if (!isFirst && isWanted() && !m_isActive())
                emit notify(notice.title, notice.message);
        }
    });
}

} // namespace Sb::Ui
