#include "callreportnotifier.h"

#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/store/asyncstore.h>
#include <core/store/callstore.h>
#include <core/store/changefeed.h>

#include <QSettings>

namespace Sb::Ui {

namespace {
const QString kSetting = QStringLiteral("notifications/callReports");
constexpr int kLookBack = 50; // the newest calls read on each change
} // namespace

CallReportNotifier::CallReportNotifier(const ConsoleContext &context,
                                       std::function<bool()> isActive,
                                       QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_isActive(std::move(isActive))
{}

bool CallReportNotifier::isEnabled()
{
    return QSettings().value(kSetting, true).toBool();
}

void CallReportNotifier::setEnabled(bool isEnabled)
{
    QSettings().setValue(kSetting, isEnabled);
}

void CallReportNotifier::watch(const CurrentTenant &tenant)
{
    m_tenant = tenant;
    m_reported.clear();
    m_hasBaseline = false;
    const quint64 generation = ++m_generation;
    delete m_subscription;
    m_subscription = nullptr;
    if (m_context.changes) {
        m_subscription =
            m_context.changes->subscribe(tenant.scope.tenantId(), Store::ChangeKind::Calls, this);
        connect(m_subscription, &Store::ChangeSubscription::changed, this, [this, generation] {
            check(generation);
        });
    }
    check(generation);
}

void CallReportNotifier::check(quint64 generation)
{
    if (!m_tenant || generation != m_generation)
        return;
    auto newest =
        Store::AsyncStore<Store::CallStore>(m_context.database)
            .call(&Store::CallStore::newest, m_tenant->scope, Store::CallCursor{}, kLookBack);
    onFinished(this, std::move(newest), [this, generation](Result<QList<Store::CallRecord>> calls) {
        if (generation != m_generation || !calls)
            return; // another tenant by now, or the store is away (the pages say so)
        const bool isFirst = !m_hasBaseline;
        m_hasBaseline = true;
        for (const Store::CallRecord &call : std::as_const(*calls)) {
            if (call.summary.isEmpty() || m_reported.contains(call.id.value()))
                continue;
            m_reported.insert(call.id.value());
            if (isFirst || !isEnabled() || m_isActive())
                continue;
            const QString who = call.counterpartName.isEmpty()
                ? Numbering::PhoneNumberParser::formatForRegion(
                    call.counterpartE164, Numbering::PhoneNumberParser::configuredRegion())
                : call.counterpartName;
            emit notify(tr("%1: a call report from %2").arg(m_tenant->name, who), call.summary);
        }
    });
}

} // namespace Sb::Ui
