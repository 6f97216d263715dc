#pragma once

#include "ringcentralaccount.h"

#include <core/common/result.h>
#include <core/crypto/secret.h>
#include <core/store/tenantscope.h>

#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Providers::RingCentral {

// What keeping a subscription did.
enum class SubscriptionStep { Kept, Created, Renewed, Recreated };

// A staff member's RingCentral webhook subscription, kept alive: their SMS and calls notify
// `serve` (publicUrl + /ringcentral) with the clinic's verification token (made and sealed the
// first time). None yet: created (RingCentral checks the address answers its handshake first);
// expiring within renewWithin: renewed; one RingCentral dropped: created again. The id and
// expiry are kept with the user. Store work on store threads; done on this object's thread.
class RingCentralSubscriptionKeeper final : public QObject
{
    Q_OBJECT

public:
    RingCentralSubscriptionKeeper(std::shared_ptr<Store::Database> database,
                                  std::shared_ptr<const Vault::Sealer> sealer,
                                  RingCentralAccount &account,
                                  Store::TenantScope tenant,
                                  StaffId staff,
                                  QObject *parent = nullptr);

    static constexpr std::chrono::hours kRenewWithin{48};
    static QStringList eventFilters();

    void keep(const QUrl &publicUrl, std::function<void(Result<SubscriptionStep>)> done);

    // The clinic's verification token, what serve checks each notification by
    // (RingCentralWebhook): 32 random bytes from the system's source, made and sealed the first
    // time. Made at sign-in (a staff login may write its clinic's secrets; serve's may not).
    static Result<Secret> verificationToken(Store::Database &database,
                                            const Vault::Sealer &sealer,
                                            const Store::TenantScope &tenant);

private:
    void create(const QUrl &address, const Secret &token, SubscriptionStep step);
    void save(const SubscriptionInfo &info, SubscriptionStep step);
    void finish(Result<SubscriptionStep> result);

    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    RingCentralAccount &m_account;
    Store::TenantScope m_tenant;
    StaffId m_staff;
    std::function<void(Result<SubscriptionStep>)> m_done;
};

} // namespace Sb::Providers::RingCentral
