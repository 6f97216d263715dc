#include "page.h"

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
