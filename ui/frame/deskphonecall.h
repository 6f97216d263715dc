#pragma once

#include "page.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;

namespace Sb::Store {
class ChangeSubscription;
}
namespace Sb::Providers::RingCentral {
class RingCentralAccount;
class RingCentralRingOut;
}

namespace Sb::Ui {

// "Call from my desk phone": RingCentral rings the signed-in staff member's own phone, then the
// number shown (a lead's, a caller's), through their own RingCentral account (RingOut). The
// button and a line saying where the call stands ("Ringing your phone…", "Connected", "Busy"),
// or what went wrong. Shown only to a staff member who has connected RingCentral and chosen the
// number their calls show (read on a store thread, again when connections change). Pages put
// one beside a number; the store and RingCentral off the GUI thread.
class DeskPhoneCall final : public QWidget
{
    Q_OBJECT

public:
    DeskPhoneCall(const ConsoleContext &context, QWidget *parent = nullptr);
    ~DeskPhoneCall() override;

    // The number to call in that clinic; empty: nothing to call (the button hides).
    void setTarget(const std::optional<Store::TenantScope> &tenant, const QString &e164);
    QPushButton *button() const { return m_button; }
    QString statusText() const;

signals:
    void finished(); // a call ended, or could not start (the line says which)
    void lineChecked(); // whether the member has a line to call from is known (again)

private:
    void start();
    void showStatus(const QString &text, bool isProblem);
    void checkAvailable(); // does the signed-in member have a RingCentral line to call from?
    void showIfUsable();

    ConsoleContext m_context;
    std::optional<Store::TenantScope> m_tenant;
    QString m_e164;
    QPushButton *m_button;
    QLabel *m_status;
    std::unique_ptr<Providers::RingCentral::RingCentralAccount> m_account;
    QPointer<Providers::RingCentral::RingCentralRingOut> m_ringOut;
    bool m_hasLine = false;
    quint64 m_check = 0;
    QPointer<Store::ChangeSubscription> m_subscription;
};

} // namespace Sb::Ui
