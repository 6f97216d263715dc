#include "accesstokens.h"

#include "grantvault.h"
#include "tokenresponse.h"

#include <core/common/continuation.h>
#include <core/net/httpclient.h>
#include <core/store/database.h>
#include <core/vault/sealer.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>
#include <QUrlQuery>

namespace Sb::OAuth {

using namespace std::chrono;

struct AccessTokens::Snapshot
{
    Store::StoredGrant grant;
    GrantTokens tokens;
};

struct AccessTokens::Refresh
{
    Refresh(Store::TenantScope tenant, Store::GrantKey key)
        : tenant(std::move(tenant))
        , key(std::move(key))
    {}

    Store::TenantScope tenant;
    Store::GrantKey key;
    qint64 wantedGeneration = 0; // a token of at least this generation (after a 401)
    std::vector<Waiter> waiters;
    QElapsedTimer since;
};

namespace {
// What one look at the store found.
enum class Found { Ready, Leased, Busy };

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString idOf(const Store::TenantScope &tenant, const Store::GrantKey &key)
{
    return QString::number(tenant.tenantId().value()) + u'/' + key.record();
}

Error notConnected(const Store::GrantKey &key)
{
    return Error{ErrorCode::NotFound,
                 AccessTokens::tr("%1 is not connected for this clinic.")
                     .arg(providerDisplayName(key.provider))};
}

Error needsReconnect(const Store::StoredGrant &grant)
{
    return Error{ErrorCode::AuthenticationFailed,
                 AccessTokens::tr("%1 needs to be connected again: %2")
                     .arg(providerDisplayName(grant.key.provider), grant.problem)};
}
} // namespace

AccessTokens::AccessTokens(std::shared_ptr<Store::Database> database,
                           std::shared_ptr<const Vault::Sealer> sealer,
                           Net::HttpClient &http,
                           RefreshTargetLookup lookup,
                           QObject *parent)
    : AccessTokens(std::move(database), std::move(sealer), http, std::move(lookup), Options{}, parent)
{}

AccessTokens::AccessTokens(std::shared_ptr<Store::Database> database,
                           std::shared_ptr<const Vault::Sealer> sealer,
                           Net::HttpClient &http,
                           RefreshTargetLookup lookup,
                           Options options,
                           QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_sealer(std::move(sealer))
    , m_http(http)
    , m_lookup(std::move(lookup))
    , m_options(options)
{}

AccessTokens::~AccessTokens() = default;

void AccessTokens::get(const Store::TenantScope &tenant,
                       const Store::GrantKey &key,
                       QObject *context,
                       Done done,
                       std::optional<qint64> rejectedGeneration)
{
    Waiter waiter{context, context != nullptr, std::move(done)};
    const qint64 wanted = rejectedGeneration ? *rejectedGeneration + 1 : 0;
    // Joins a refresh under way at once (nothing to read: its answer is the newest there is).
    if (const auto running = m_refreshes.value(idOf(tenant, key))) {
        running->waiters.push_back(std::move(waiter));
        running->wantedGeneration = std::max(running->wantedGeneration, wanted);
        return;
    }
    auto read = m_database->run([database = m_database, sealer = m_sealer, tenant, key]()
                                    -> Result<std::optional<Snapshot>> {
        auto grant = Store::OAuthGrantStore(*database).find(tenant, key);
        if (!grant)
            return grant.error();
        if (!*grant)
            return std::optional<Snapshot>();
        auto tokens = GrantVault(*database, *sealer).open(tenant, **grant);
        if (!tokens)
            return tokens.error();
        return std::optional<Snapshot>(Snapshot{**grant, *tokens});
    });
    onFinished(this,
               std::move(read),
               [this, tenant, key, wanted, waiter = std::move(waiter)](
                   Result<std::optional<Snapshot>> snapshot) mutable {
                   if (!snapshot)
                       return deliver(waiter, snapshot.error());
                   if (!*snapshot)
                       return deliver(waiter, notConnected(key));
                   const Snapshot &found = **snapshot;
                   if (found.grant.needsReconnect)
                       return deliver(waiter, needsReconnect(found.grant));
                   const bool isFresh = found.grant.expiresAt == 0
                       || found.grant.expiresAt - m_options.refreshMargin.count() > nowMs();
                   if (isFresh && found.grant.generation >= wanted) {
                       return deliver(waiter,
                                      AccessToken{found.tokens.accessToken,
                                                  found.grant.generation,
                                                  found.grant.extras});
                   }
                   // One refresh per grant in this process: later askers wait on it.
                   const QString id = idOf(tenant, key);
                   if (const auto running = m_refreshes.value(id)) {
                       running->waiters.push_back(std::move(waiter));
                       running->wantedGeneration = std::max(running->wantedGeneration, wanted);
                       return;
                   }
                   auto refresh = std::make_shared<Refresh>(tenant, key);
                   refresh->wantedGeneration = std::max(wanted, found.grant.generation + 1);
                   refresh->waiters.push_back(std::move(waiter));
                   refresh->since.start();
                   m_refreshes.insert(id, refresh);
                   attempt(refresh);
               });
}

void AccessTokens::attempt(const std::shared_ptr<Refresh> &refresh)
{
    if (refresh->since.elapsed() > m_options.waitLimit.count()) {
        return complete(refresh,
                        Error{ErrorCode::Timeout,
                              tr("Another Switchboard program has been refreshing the %1 "
                                 "connection for too long; try again in a minute.")
                                  .arg(providerDisplayName(refresh->key.provider))});
    }
    using Look = std::pair<Found, std::optional<Snapshot>>;
    auto look = m_database->run([database = m_database,
                                 sealer = m_sealer,
                                 tenant = refresh->tenant,
                                 key = refresh->key,
                                 wanted = refresh->wantedGeneration,
                                 margin = m_options.refreshMargin.count(),
                                 lease = m_options.leaseLength.count()]() -> Result<Look> {
        Store::OAuthGrantStore grants(*database);
        auto grant = grants.find(tenant, key);
        if (!grant)
            return grant.error();
        if (!*grant)
            return notConnected(key);
        if ((*grant)->needsReconnect)
            return needsReconnect(**grant);
        const qint64 now = nowMs();
        // Another process may have refreshed it since we looked.
        const bool isNewEnough = (*grant)->generation >= wanted
            && ((*grant)->expiresAt == 0 || (*grant)->expiresAt - margin > now);
        if (!isNewEnough) {
            auto taken = grants.takeRefreshLease(tenant, key, (*grant)->generation, now, now + lease);
            if (!taken)
                return taken.error();
            if (!*taken)
                return Look{Found::Busy, std::nullopt};
        }
        auto tokens = GrantVault(*database, *sealer).open(tenant, **grant);
        if (!tokens)
            return tokens.error();
        return Look{isNewEnough ? Found::Ready : Found::Leased, Snapshot{**grant, *tokens}};
    });
    onFinished(this, std::move(look), [this, refresh](Result<Look> look) {
        if (!look)
            return complete(refresh, look.error());
        auto &[found, snapshot] = *look;
        switch (found) {
        case Found::Ready:
            return complete(refresh,
                            AccessToken{snapshot->tokens.accessToken,
                                        snapshot->grant.generation,
                                        snapshot->grant.extras});
        case Found::Leased:
            return refreshAt(refresh, std::make_shared<Snapshot>(std::move(*snapshot)));
        case Found::Busy:
            // Another process holds the lease: read again shortly for what it wrote.
            QTimer::singleShot(m_options.waitStep, this, [this, refresh] { attempt(refresh); });
            return;
        }
    });
}

void AccessTokens::refreshAt(const std::shared_ptr<Refresh> &refresh, std::shared_ptr<Snapshot> leased)
{
    // Nothing was spent: the lease is given back, then the askers hear why (so the next ask
    // finds it free).
    auto giveUp = [this, refresh, leased](const Error &why) {
        auto released = m_database->run([database = m_database, tenant = refresh->tenant, leased] {
            return Store::OAuthGrantStore(*database).releaseLease(tenant, leased->grant.key, leased->grant.generation);
        });
        onFinished(this, std::move(released), [this, refresh, why](Status) { complete(refresh, why); });
    };
    auto target = m_database->run([database = m_database, lookup = m_lookup, tenant = refresh->tenant, leased] {
        return lookup(*database, tenant, leased->grant);
    });
    onFinished(this, std::move(target), [this, refresh, leased, giveUp](Result<RefreshTarget> target) {
        if (!target)
            return giveUp(target.error());
        Net::HttpRequest request;
        request.key = {refresh->tenant.tenantId().value(),
                       refresh->key.provider,
                       QString::number(refresh->key.owner.isValid() ? refresh->key.owner.value() : 0)};
        request.method = "POST";
        request.url = target->server.tokenUrl;
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        form.addQueryItem(QStringLiteral("refresh_token"), leased->tokens.refreshToken.revealString());
        if (target->server.clientAuthentication == AuthorizationServer::ClientAuthentication::HttpBasic) {
            request.setHeader("Authorization", basicAuthorization(target->app));
        } else {
            form.addQueryItem(QStringLiteral("client_id"), target->app.clientId);
            // Never an empty client_secret (Qt 6.4's refresh sends one: QTBUG-124333).
            if (!target->app.clientSecret.isEmpty())
                form.addQueryItem(QStringLiteral("client_secret"), target->app.clientSecret.revealString());
        }
        request.setForm(form);
        request.deliversClientErrors = true;
        const AuthorizationServer server = target->server;
        m_http.send(std::move(request), this, [this, refresh, leased, giveUp, server](Net::HttpResult answer) {
            if (!answer) // unreachable, 5xx, or a 429 longer than we wait
                return giveUp(answer.error().toError());
            auto refreshed = TokenResponse::read(server, answer->status, answer->body);
            if (!refreshed) {
                if (TokenResponse::isDeadGrant(refreshed.error()))
                    return afterRefusal(refresh, leased, refreshed.error());
                return giveUp(refreshed.error());
            }
            auto saved = m_database->run([database = m_database,
                                          sealer = m_sealer,
                                          tenant = refresh->tenant,
                                          leased,
                                          refreshed = *refreshed]() -> Result<AccessToken> {
                auto generation = GrantVault(*database, *sealer)
                                      .saveRefreshed(tenant, leased->grant, leased->tokens, refreshed);
                if (!generation)
                    return generation.error();
                QVariantMap extras = leased->grant.extras;
                for (auto it = refreshed.extras.cbegin(); it != refreshed.extras.cend(); ++it)
                    extras.insert(it.key(), it.value());
                return AccessToken{refreshed.accessToken, *generation, extras};
            });
            onFinished(this, std::move(saved), [this, refresh](Result<AccessToken> token) {
                complete(refresh, std::move(token));
            });
        });
    });
}

void AccessTokens::afterRefusal(const std::shared_ptr<Refresh> &refresh,
                                std::shared_ptr<Snapshot> leased,
                                const Error &refusal)
{
    // Read again before giving up: had another process refreshed meanwhile (a lease that
    // lapsed), its tokens are good and the refusal was for a token already spent.
    auto settled = m_database->run([database = m_database,
                                    sealer = m_sealer,
                                    tenant = refresh->tenant,
                                    leased,
                                    refusal]() -> Result<AccessToken> {
        Store::OAuthGrantStore grants(*database);
        auto grant = grants.find(tenant, leased->grant.key);
        if (!grant)
            return grant.error();
        if (*grant && (*grant)->generation != leased->grant.generation && !(*grant)->needsReconnect) {
            auto tokens = GrantVault(*database, *sealer).open(tenant, **grant);
            if (!tokens)
                return tokens.error();
            return AccessToken{tokens->accessToken, (*grant)->generation, (*grant)->extras};
        }
        if (auto marked = grants.markNeedsReconnect(tenant, leased->grant.key, leased->grant.generation, refusal.message);
            !marked)
            return marked.error();
        Store::StoredGrant dead = leased->grant;
        dead.problem = refusal.message;
        return needsReconnect(dead);
    });
    onFinished(this, std::move(settled), [this, refresh](Result<AccessToken> token) {
        complete(refresh, std::move(token));
    });
}

void AccessTokens::complete(const std::shared_ptr<Refresh> &refresh, Result<AccessToken> result)
{
    const QString id = idOf(refresh->tenant, refresh->key);
    if (m_refreshes.value(id) == refresh)
        m_refreshes.remove(id);
    for (const Waiter &waiter : refresh->waiters)
        deliver(waiter, result);
}

void AccessTokens::deliver(const Waiter &waiter, const Result<AccessToken> &result)
{
    if (waiter.hasContext && !waiter.context)
        return;
    waiter.done(result);
}

} // namespace Sb::OAuth
