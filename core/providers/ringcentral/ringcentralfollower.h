#pragma once

#include <core/common/result.h>
#include <core/store/callrecord.h>
#include <core/store/tenantscope.h>

#include <QHash>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>

namespace Sb::Net {
class HttpClient;
}
namespace Sb::OAuth {
class AccessTokens;
}
namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Providers::RingCentral {

class RingCentralAccount;
class RingCentralCallLogSync;
class RingCentralMessenger;

// What `serve` does for staff members' own RingCentral lines. Once a notification is stored
// (IngestServer::followStored): a call of theirs rings, is answered, ends → the call is in the
// clinic's calls at once, as it stands (a telephony session tells who calls whom); once it
// ended → their call log, a little later (RingCentral logs a call once it is over), completes
// it (outcome, length, recording). Their message store changed → their texts are fetched, as
// the staff member (new ones, and deliveries of those sent). Runs for one line never overlap: a notification
// during a run makes one more run after it. And every line's subscription is kept alive, at
// start and then hourly (renewed within 48 h of its end, made again if RingCentral dropped it),
// with a catch-up of texts and calls, so nothing a lost notification announced stays missing;
// a line without a subscription (just connected) is subscribed within a minute.
// Lines are read from the store (serve's own listing, never a request): it issues their scopes.
class RingCentralFollower final : public QObject, private Store::ScopeIssuer
{
    Q_OBJECT

public:
    RingCentralFollower(std::shared_ptr<Store::Database> database,
                        std::shared_ptr<const Vault::Sealer> sealer,
                        Net::HttpClient &http,
                        OAuth::AccessTokens &tokens,
                        QUrl platform,
                        QUrl publicUrl,
                        QObject *parent = nullptr);
    ~RingCentralFollower() override;

    // A stored notification of the tenant's (its body as RingCentral sent it).
    void notified(const Store::TenantScope &tenant, const QByteArray &body);
    // Keeps every line now, then every `interval`; and looks every `watchInterval` for lines
    // without a subscription (a member who just connected in the console), which it subscribes
    // and catches up at once rather than at the next hourly round.
    void start(std::chrono::milliseconds interval = std::chrono::hours(1),
               std::chrono::milliseconds watchInterval = std::chrono::minutes(1));
    void keepAll();
    void keepNewLines();
    void setCallLogDelay(std::chrono::milliseconds delay) { m_callLogDelay = delay; }

signals:
    // What a run did, for the log and for tests.
    void textsBroughtIn(Sb::TenantId tenant, Sb::StaffId staff, int count);
    void callsBroughtIn(Sb::TenantId tenant, Sb::StaffId staff, int added);
    void callSeen(Sb::TenantId tenant, Sb::StaffId staff, const Sb::Store::CallRecord &call);
    void subscriptionKept(Sb::TenantId tenant, Sb::StaffId staff, const QString &what);
    void failed(Sb::TenantId tenant, Sb::StaffId staff, const QString &why);

private:
    struct Line;
    Line &lineOf(const Store::TenantScope &tenant, StaffId staff);
    void bringInTexts(const Store::TenantScope &tenant, StaffId staff);
    void bringInCalls(const Store::TenantScope &tenant, StaffId staff);
    void showCall(const Store::TenantScope &tenant, const Store::CallSessionEvent &event);
    void keepSubscription(const Store::TenantScope &tenant, StaffId staff);
    void keepAndCatchUp(const Store::TenantScope &tenant, StaffId staff);

    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    Net::HttpClient &m_http;
    OAuth::AccessTokens &m_tokens;
    QUrl m_platform;
    QUrl m_publicUrl;
    std::chrono::milliseconds m_callLogDelay{20000};
    QHash<QPair<qint64, qint64>, std::shared_ptr<Line>> m_lines; // by tenant and staff member
};

} // namespace Sb::Providers::RingCentral
