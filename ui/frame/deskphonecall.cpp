#include "deskphonecall.h"

#include "provideraccess.h"
#include "tone.h"

#include <core/providers/ringcentral/ringcentralaccount.h>
#include <core/common/continuation.h>
#include <core/providers/ringcentral/ringcentralringout.h>
#include <core/store/changefeed.h>
#include <core/store/database.h>
#include <core/store/ringcentraluserstore.h>
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
    m_button->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    layout->addWidget(m_button);
    layout->addWidget(m_status, 1);
    layout->addStretch(0);
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
    const bool sameTenant = m_tenant.has_value() == tenant.has_value() && (!tenant || m_tenant->tenantId() == tenant->tenantId());
    if (sameTenant && m_e164 == e164)
        return;
    if (m_ringOut) // a call under way goes on: RingCentral has it; this line stops following it
        delete m_ringOut;
    m_e164 = e164;
    m_status->hide();
    m_button->setText(tr("Call from my desk phone"));
    if (!sameTenant) {
        m_tenant = tenant;
        m_hasLine = false;
        delete m_subscription;
        if (m_tenant && m_context.changes) {
            // Connected, reset or numbers chosen, here or in another program.
            m_subscription = m_context.changes->subscribe(m_tenant->tenantId(), Store::ChangeKind::Connections, this);
            connect(m_subscription, &Store::ChangeSubscription::changed, this, &DeskPhoneCall::checkAvailable);
        }
        checkAvailable();
    }
    showIfUsable();
}

void DeskPhoneCall::checkAvailable()
{
    if (!m_tenant || !m_context.session || !m_context.providers)
        return showIfUsable();
    const quint64 check = ++m_check;
    auto line = m_context.database->run([database = m_context.database, scope = *m_tenant,
                                         staff = m_context.session->staff().id] {
        return Store::RingCentralUserStore(*database).find(scope, staff);
    });
    onFinished(this, std::move(line), [this, check](Result<std::optional<Store::RingCentralUser>> line) {
        if (check != m_check)
            return;
        m_hasLine = line && *line && !(*line)->callerId.isEmpty();
        showIfUsable();
        emit lineChecked();
    });
}

void DeskPhoneCall::showIfUsable()
{
    setVisible(m_hasLine && m_tenant && !m_e164.isEmpty());
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
