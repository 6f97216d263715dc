#include "page.h"

#include <utility>

namespace Sb::Ui {

Page::Page(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{}

void Page::retry()
{
    if (m_tenant)
        showTenant(*m_tenant);
}

void Page::followTenant(const CurrentTenant &tenant)
{
    if (isVisible()) {
        m_followed.reset();
        showTenant(tenant);
        return;
    }
    if (!m_followed)
        leaveTenant();
    m_followed = tenant;
}

void Page::catchUp()
{
    if (!m_followed)
        return;
    const CurrentTenant tenant = *std::exchange(m_followed, std::nullopt);
    showTenant(tenant);
}

void Page::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    catchUp();
}

bool Page::opens(Destination::Kind) const
{
    return false;
}

bool Page::open(const Destination &)
{
    return false;
}

void Page::setBusy(bool isBusy)
{
    if (m_isBusy == isBusy)
        return;
    m_isBusy = isBusy;
    emit busyChanged(isBusy);
}

void Page::setProblem(const QString &message)
{
    if (m_problem == message)
        return;
    m_problem = message;
    emit problemChanged(m_problem);
}

void Page::clearProblem()
{
    if (!m_problem)
        return;
    m_problem.reset();
    emit problemChanged(m_problem);
}

} // namespace Sb::Ui
