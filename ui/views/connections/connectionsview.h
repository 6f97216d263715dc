#pragma once

#include "crmcard.h"
#include "ringcentralcard.h"

#include <ui/frame/page.h>

#include <QMap>
#include <map>
#include <memory>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace Sb::OAuth {
class AuthorizationFlow;
}
namespace Sb::Crm {
class CrmPlatform;
class ContactSource;
}
namespace Sb::Store {
class ChangeSubscription;
}

namespace Sb::Ui {

class RingCentralSection;

// The staff member's own RingCentral line (RingCentralSection) and the clinic's CRM connections (HubSpot, Zoho CRM): each one's state, live; for owners and admins the
// clinic's own app, connecting through the system browser (the sign-in never happens inside
// Switchboard), disconnecting (revoked at the CRM); for everyone a sync of the contacts with
// its progress. Everything reaches the store and the CRM off the GUI thread.
class ConnectionsView final : public Page
{
    Q_OBJECT

public:
    explicit ConnectionsView(const ConsoleContext &context, QWidget *parent = nullptr);
    ~ConnectionsView() override;

    QString title() const override;
    QIcon icon() const override;
    void showTenant(const CurrentTenant &tenant) override;
    void retry() override;

    CrmCard *card(const QString &platform) const { return m_cards.value(platform); }
    RingCentralCard *ringCentralCard() const { return m_ringCentralCard; }
    RingCentralSection *ringCentral() const { return m_ringCentral; }

signals:
    void loaded(); // every card shows the store's state
    void syncFinished(const QString &platform);

private:
    void load();
    // Reads the state again, then shows that problem under it (empty: none).
    void reloadSaying(const QString &platform, const QString &problem);
    void saveApp(const QString &platform, const CrmAppForm &form);
    void signIn(const QString &platform);
    void disconnect(const QString &platform);
    void sync(const QString &platform);
    bool mayAdminister() const;
    std::shared_ptr<const Crm::CrmPlatform> platform(const QString &name) const;
    void stopSyncs();
    void showLane(const Net::RateKey &key);

    RingCentralCard *m_ringCentralCard;
    RingCentralSection *m_ringCentral;
    QMap<QString, CrmCard *> m_cards;
    class QLabel *m_waiting; // why nothing can be done yet (the vault)
    Store::ChangeSubscription *m_subscription = nullptr;
    QPointer<OAuth::AuthorizationFlow> m_flow;
    // One sync per CRM at a time, each reading through its own source.
    struct Running
    {
        std::unique_ptr<Crm::ContactSource> source;
        QPointer<Crm::ContactSync> sync;
    };
    std::map<QString, Running> m_syncs;
    quint64 m_generation = 0;
    QMap<QString, QString> m_problems; // by platform, shown once the state is read again
    // A sync in another program that has written nothing for this long has stopped.
    static constexpr std::chrono::seconds kQuietSync{30};
    QTimer m_recheck; // reads the state again when such a sync would count as stopped
};

} // namespace Sb::Ui
