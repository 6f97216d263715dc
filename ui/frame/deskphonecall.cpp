#include "deskphonecall.h"

#include "provideraccess.h"
#include "tone.h"

#include <core/providers/ringcentral/ringcentralaccount.h>
#include <core/providers/ringcentral/ringcentralringout.h>
#include <core/tenancy/staffsession.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Sb::Ui {

DeskPhoneCall::DeskPhoneCall(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_button(new QPushButton(tr("Call from my desk phone"), this))
    , m_status(new QLabel(this))
{
    m_button->setAccessibleName(tr("Call from my desk phone"));
    m_button->setToolTip(tr("RingCentral rings your own phone first, then this number, showing the number your calls "
                            "show."));
    m_status->setWordWrap(true);
    m_status->hide();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_button);
    layout->addWidget(m_status, 1);
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_ringOut)
            m_ringOut->cancel();
        else
            start();
    });
    setVisible(false);
}

DeskPhoneCall::~DeskPhoneCall() = default;

void DeskPhoneCall::setTarget(const std::optional<Store::TenantScope> &tenant, const QString &e164)
{
    const bool sameTarget = m_e164 == e164 && m_tenant.has_value() == tenant.has_value()
        && (!tenant || m_tenant->tenantId() == tenant->tenantId());
    if (sameTarget)
        return;
    if (m_ringOut) // a call under way goes on: RingCentral has it; this line stops following it
        delete m_ringOut;
    m_tenant = tenant;
    m_e164 = e164;
    m_status->hide();
    m_button->setText(tr("Call from my desk phone"));
    const bool canCall = m_context.providers && m_context.session && tenant && !e164.isEmpty();
    setVisible(canCall);
}

void DeskPhoneCall::start()
{
    ProviderAccess *providers = m_context.providers;
    if (!providers || !m_tenant || !m_context.session)
        return;
    if (!providers->tokens())
        return showStatus(tr("Waiting for the vault to open."), true);
    const StaffId me = m_context.session->staff().id;
    m_account = std::make_unique<Providers::RingCentral::RingCentralAccount>(providers->http(), *providers->tokens(),
                                                                               *m_tenant, me,
                                                                               providers->ringCentralPlatform());
    m_ringOut = new Providers::RingCentral::RingCentralRingOut(m_context.database, *m_account, *m_tenant, me, this);
    connect(m_ringOut, &Providers::RingCentral::RingCentralRingOut::changed, this,
            [this](const Providers::RingCentral::RingOutStatus &status) {
                showStatus(Providers::RingCentral::RingCentralRingOut::describe(status), false);
            });
    m_button->setText(tr("Cancel call"));
    showStatus(tr("Asking RingCentral…"), false);
    m_ringOut->place(m_e164, [this](Result<Providers::RingCentral::RingOutStatus> status) {
        m_ringOut->deleteLater();
        m_ringOut = nullptr;
        m_button->setText(tr("Call from my desk phone"));
        if (!status)
            showStatus(status.error().message, true);
        else
            showStatus(Providers::RingCentral::RingCentralRingOut::describe(*status), !status->connected());
        emit finished();
    });
}

void DeskPhoneCall::showStatus(const QString &text, bool isProblem)
{
    showToned(m_status, text, isProblem ? std::optional<Tone>(Tone::Bad) : std::nullopt);
}

QString DeskPhoneCall::statusText() const
{
    return m_status->isVisible() ? m_status->text() : QString();
}

} // namespace Sb::Ui
