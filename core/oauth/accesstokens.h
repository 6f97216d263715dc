#pragma once

#include "authorizationserver.h"

#include <core/common/result.h>
#include <core/store/oauthgrantstore.h>

#include <QCoreApplication>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Sb::Net {
class HttpClient;
}
namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::OAuth {

// An access token handed out, with the grant generation it belongs to (give it back to get()
// after a 401) and what the provider said besides (Zoho's api_domain).
struct AccessToken
{
    Secret token;
    qint64 generation = 0;
    QVariantMap extras;
};

// Where and as whom a grant is refreshed: the token endpoint (Zoho's depends on the tenant's
// data centre) and the app (its secret from the vault).
struct RefreshTarget
{
    AuthorizationServer server;
    ClientApp app;
};
// Runs on a store thread.
using RefreshTargetLookup = std::function<Result<RefreshTarget>(
    Store::Database &database, const Store::TenantScope &tenant, const Store::StoredGrant &grant)>;

// Valid access tokens for stored grants. The stored token while it has more than a margin
// left; otherwise one refresh, however many ask at once: in this process every caller waits
// on the same refresh, and across processes sharing the store (the console and `serve`) the
// grant's lease lets one refresh while the others read what it wrote. A single-use refresh
// token is thus never spent twice, and the new tokens are stored before anyone uses them.
//
// When the provider refuses the refresh token for good (invalid_grant, BAD_REFRESH_TOKEN), the
// grant is read again first (another process may have refreshed it meanwhile); only then is it
// marked "needs reconnect", and from then on get() says so at once instead of trying again.
// A provider that is down gives its error and leaves the grant as it was.
class AccessTokens final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        std::chrono::milliseconds refreshMargin{std::chrono::minutes(2)};
        std::chrono::milliseconds leaseLength{std::chrono::seconds(30)};
        std::chrono::milliseconds waitStep{std::chrono::milliseconds(150)};
        std::chrono::milliseconds waitLimit{std::chrono::seconds(45)};
    };
    using Done = std::function<void(Result<AccessToken>)>;

    AccessTokens(std::shared_ptr<Store::Database> database,
                 std::shared_ptr<const Vault::Sealer> sealer,
                 Net::HttpClient &http,
                 RefreshTargetLookup lookup,
                 QObject *parent = nullptr);
    AccessTokens(std::shared_ptr<Store::Database> database,
                 std::shared_ptr<const Vault::Sealer> sealer,
                 Net::HttpClient &http,
                 RefreshTargetLookup lookup,
                 Options options,
                 QObject *parent = nullptr);
    ~AccessTokens() override;

    // done runs on this object's thread while context lives. rejectedGeneration: the provider
    // just refused the token of that generation (a 401): a newer one is wanted even if the
    // stored one looks valid.
    void get(const Store::TenantScope &tenant,
             const Store::GrantKey &key,
             QObject *context,
             Done done,
             std::optional<qint64> rejectedGeneration = std::nullopt);

private:
    struct Refresh;
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Done done;
    };
    struct Snapshot; // a grant as read, with its tokens opened

    void attempt(const std::shared_ptr<Refresh> &refresh);
    void refreshAt(const std::shared_ptr<Refresh> &refresh, std::shared_ptr<Snapshot> leased);
    void afterRefusal(const std::shared_ptr<Refresh> &refresh,
                      std::shared_ptr<Snapshot> leased,
                      const Error &refusal);
    void complete(const std::shared_ptr<Refresh> &refresh, Result<AccessToken> result);
    static void deliver(const Waiter &waiter, const Result<AccessToken> &result);

    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    Net::HttpClient &m_http;
    RefreshTargetLookup m_lookup;
    Options m_options;
    QHash<QString, std::shared_ptr<Refresh>> m_refreshes; // under way, by grant
};

} // namespace Sb::OAuth
