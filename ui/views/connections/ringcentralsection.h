#pragma once

#include "ringcentralcard.h"

#include <ui/frame/page.h>

#include <core/providers/ringcentral/ringcentralcalllog.h>
#include <core/providers/ringcentral/ringcentralsignin.h>

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace Sb::Ui {

// What the Connections page does for RingCentral: reads the signed-in staff member's
// connection (and, for owners and admins, their colleagues'), signs them in through the system
// browser, reads their numbers and keeps the ones they choose, resets their connection or a
// colleague's. Store and RingCentral off the GUI thread; the card shows what comes back.
class RingCentralSection final : public QObject
{
    Q_OBJECT

public:
    RingCentralSection(const ConsoleContext &context, RingCentralCard *card, QWidget *dialogParent);
    ~RingCentralSection() override;

    void showTenant(const CurrentTenant &tenant); // a sign-in under way for another clinic ends
    void load();
    bool isSigningIn() const { return bool(m_signIn); }

signals:
    void loaded(); // the card shows the store's state
    void numbersShown(); // and the user's numbers as RingCentral lists them
    void callsSynced(); // a sync of the user's call log ended (its outcome on the card)

private:
    void signIn();
    void readNumbers(const Store::RingCentralUser &me);
    void syncCalls();
    void chooseNumbers(const QString &smsFrom, const QString &callerId);
    void resetMine();
    void resetColleague(StaffId staff, const QString &name);
    void reset(StaffId staff);
    void showLane(const Net::RateKey &key);
    StaffId me() const;
    bool mayAdminister() const { return m_tenant && m_tenant->mayDelete(); }

    ConsoleContext m_context;
    RingCentralCard *m_card;
    QWidget *m_dialogParent;
    std::optional<CurrentTenant> m_tenant;
    QPointer<Providers::RingCentral::RingCentralSignIn> m_signIn;
    std::unique_ptr<Providers::RingCentral::RingCentralAccount> m_account;
    // The call log's sync reads through an account of its own (a reload may replace m_account).
    std::unique_ptr<Providers::RingCentral::RingCentralAccount> m_syncAccount;
    QPointer<Providers::RingCentral::RingCentralCallLogSync> m_sync;
    int m_syncRead = 0; // its progress, shown again over a state read meanwhile
    int m_syncAdded = 0;
    QString m_problem; // shown once the state is read again
    quint64 m_generation = 0;
};

} // namespace Sb::Ui
