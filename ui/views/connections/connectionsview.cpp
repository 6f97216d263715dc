#include "connectionsview.h"

#include "ringcentralsection.h"

#include <ui/frame/icons.h>
#include <ui/frame/provideraccess.h>

#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/oauth/authorizationflow.h>
#include <core/oauth/grantvault.h>
#include <core/oauth/oauthapps.h>
#include <core/crm/crmplatform.h>
#include <core/providers/crmplatforms.h>
#include <core/store/changefeed.h>
#include <core/store/database.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/sealer.h>

#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace Sb::Ui {

ConnectionsView::ConnectionsView(const ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
    , m_ringCentralCard(nullptr)
    , m_ringCentral(nullptr)
    , m_waiting(new QLabel(this))
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("CRM connections"));
    auto *inside = new QWidget(scroll);
    auto *cards = new QVBoxLayout(inside);
    m_waiting->setWordWrap(true);
    m_waiting->hide();
    cards->addWidget(m_waiting);
    m_ringCentralCard = new RingCentralCard(inside);
    m_ringCentral = new RingCentralSection(context, m_ringCentralCard, this);
    cards->addWidget(m_ringCentralCard);
    const Providers::CrmPlatforms crms = context.providers ? context.providers->crms() : Providers::CrmPlatforms();
    for (const QString &platform : crms.names()) {
        const auto crm = crms.find(platform);
        auto *card = new CrmCard(platform, crm->scopes(), crm->dataCentres(), inside);
        m_cards.insert(platform, card);
        cards->addWidget(card);
        connect(card, &CrmCard::saveAppRequested, this, [this, platform](const CrmAppForm &form) {
            saveApp(platform, form);
        });
        connect(card, &CrmCard::connectRequested, this, [this, platform] { signIn(platform); });
        connect(card, &CrmCard::cancelRequested, this, [this] {
            if (m_flow)
                m_flow->cancel();
        });
        connect(card, &CrmCard::syncRequested, this, [this, platform] { sync(platform); });
        connect(card, &CrmCard::disconnectRequested, this, [this, platform] { disconnect(platform); });
    }
    cards->addStretch(1);
    scroll->setWidget(inside);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    if (context.providers) {
        connect(context.providers, &ProviderAccess::sealerChanged, this, [this] {
            if (tenant() && isVisible())
                load();
        });
        connect(&context.providers->http(), &Net::HttpClient::laneStatusChanged, this, &ConnectionsView::showLane);
    }
    m_recheck.setSingleShot(true);
    connect(&m_recheck, &QTimer::timeout, this, [this] {
        if (tenant())
            load();
    });
}

ConnectionsView::~ConnectionsView() = default;

QString ConnectionsView::title() const
{
    return tr("Connections");
}

QIcon ConnectionsView::icon() const
{
    return consoleIcon(QStringLiteral("connections"));
}

bool ConnectionsView::mayAdminister() const
{
    return tenant() && tenant()->mayDelete(); // owners and admins
}

std::shared_ptr<const Crm::CrmPlatform> ConnectionsView::platform(const QString &name) const
{
    return context().providers ? context().providers->crms().find(name) : nullptr;
}

void ConnectionsView::stopSyncs()
{
    for (auto &[name, running] : m_syncs)
        delete running.sync;
    m_syncs.clear();
}

void ConnectionsView::showTenant(const CurrentTenant &tenant)
{
    rememberTenant(tenant);
    clearProblem();
    if (m_flow)
        m_flow->cancel(); // a sign-in under way was for the clinic left
    stopSyncs();
    delete m_subscription;
    m_subscription = nullptr;
    if (context().changes) {
        m_subscription = context().changes->subscribe(tenant.scope.tenantId(),
                                                      Store::ChangeKind::Connections | Store::ChangeKind::Contacts,
                                                      this);
        connect(m_subscription, &Store::ChangeSubscription::changed, this, [this] {
            if (m_syncs.empty()) // a sync's own pages are shown by its progress
                load();
        });
    }
    m_ringCentral->showTenant(tenant);
    load();
}

void ConnectionsView::retry()
{
    clearProblem();
    if (tenant())
        load();
}

void ConnectionsView::load()
{
    ProviderAccess *providers = context().providers;
    const bool hasVault = providers && providers->sealer();
    m_waiting->setVisible(!hasVault);
    m_waiting->setText(providers ? providers->whyWaiting() : tr("Connections are not available in this window."));
    if (!hasVault) {
        for (CrmCard *card : std::as_const(m_cards))
            card->setEnabled(false);
        m_ringCentralCard->setEnabled(false);
        return;
    }
    m_ringCentral->load();
    const quint64 generation = ++m_generation;
    setBusy(true);
    auto read = context().database->run([database = context().database,
                                         sealer = providers->sealer(),
                                         scope = tenant()->scope,
                                         platforms = m_cards.keys()]() -> Result<QList<CrmState>> {
        QList<CrmState> states;
        auto grants = Store::OAuthGrantStore(*database).list(scope);
        if (!grants)
            return grants.error();
        for (const QString &platform : platforms) {
            CrmState state;
            state.platform = platform;
            auto app = OAuth::OAuthApps(*database, *sealer).get(scope, platform);
            if (!app)
                return app.error();
            if (*app) {
                state.hasApp = true;
                state.clientId = (*app)->app.clientId;
                state.redirectUri = (*app)->app.redirectUri.toString();
                state.dataCentre = (*app)->dataCentre;
            }
            for (const Store::StoredGrant &grant : std::as_const(*grants)) {
                if (grant.key.provider == platform && !grant.key.owner.isValid())
                    state.grant = grant;
            }
            auto sync = Store::ContactStore(*database).syncState(scope, platform);
            if (!sync)
                return sync.error();
            state.sync = *sync;
            auto linked = Store::ContactStore(*database).count(scope, platform);
            if (!linked)
                return linked.error();
            state.contacts = *linked;
            states.append(state);
        }
        return states;
    });
    onFinished(this, std::move(read), [this, generation](Result<QList<CrmState>> states) {
        if (generation != m_generation)
            return;
        setBusy(false);
        if (!states)
            return setProblem(tr("Could not read the connections: %1").arg(states.error().message));
        clearProblem();
        m_recheck.stop();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const CrmState &state : std::as_const(*states)) {
            CrmCard *card = m_cards.value(state.platform);
            card->setEnabled(true);
            if (m_flow || m_syncs.count(state.platform))
                continue; // signing in: the card waits for the browser; syncing: it shows progress
            card->showState(state, mayAdminister());
            // What went wrong last stays under the state it left.
            if (const QString problem = m_problems.take(state.platform); !problem.isEmpty())
                card->showProblem(problem);
            // A sync that wrote lately runs in another program: its pages come as changes. One
            // that stopped writing stopped (a crash): said once it has been quiet that long.
            if (state.sync && state.sync->isRunning() && now - state.sync->updatedAt < kQuietSync.count()) {
                card->showSyncingElsewhere(*state.sync);
                m_recheck.start(kQuietSync.count() - (now - state.sync->updatedAt) + 100);
            }
            if (tenant())
                card->showLane(context().providers->http().laneStatus({tenant()->scope.tenantId().value(), state.platform, {}}));
        }
        emit loaded();
    });
}

void ConnectionsView::showLane(const Net::RateKey &key)
{
    CrmCard *card = m_cards.value(key.provider);
    if (!card || !tenant() || key.tenantId != tenant()->scope.tenantId().value() || !key.user.isEmpty())
        return;
    const auto status = context().providers->http().laneStatus(key);
    card->showLane(status);
    // An open circuit closes by time alone: look again then.
    if (status.kind == Net::HttpClient::LaneStatus::Kind::CircuitOpen)
        QTimer::singleShot(status.left + std::chrono::milliseconds(100), this, [this, key] { showLane(key); });
}

void ConnectionsView::reloadSaying(const QString &platform, const QString &problem)
{
    if (!problem.isEmpty())
        m_problems.insert(platform, problem);
    load();
}

void ConnectionsView::saveApp(const QString &platform, const CrmAppForm &form)
{
    ProviderAccess *providers = context().providers;
    if (!providers || !providers->sealer() || !mayAdminister())
        return;
    OAuth::OAuthApps::Registered app;
    app.app.clientId = form.clientId;
    app.app.clientSecret = Secret::fromString(form.clientSecret);
    app.app.redirectUri = QUrl(form.redirectUri);
    app.dataCentre = form.dataCentre;
    auto saved = context().database->run([database = context().database, sealer = providers->sealer(),
                                          scope = tenant()->scope, platform, app] {
        return OAuth::OAuthApps(*database, *sealer).set(scope, platform, app);
    });
    onFinished(this, std::move(saved), [this, platform](Status status) {
        if (!status) // the form keeps what was typed
            return m_cards.value(platform)->showProblem(status.error().message);
        load();
    });
}

void ConnectionsView::signIn(const QString &platform)
{
    ProviderAccess *providers = context().providers;
    if (!providers || !providers->sealer() || !mayAdminister() || m_flow)
        return;
    CrmCard *card = m_cards.value(platform);
    // This clinic's app, and its grant kept for this clinic, whatever is shown by then.
    const Store::TenantScope scope = tenant()->scope;
    auto app = context().database->run([database = context().database, sealer = providers->sealer(), scope, platform] {
        return OAuth::OAuthApps(*database, *sealer).get(scope, platform);
    });
    onFinished(this, std::move(app), [this, platform, card, scope](Result<std::optional<OAuth::OAuthApps::Registered>> app) {
        if (!tenant() || tenant()->scope.tenantId() != scope.tenantId() || m_flow)
            return; // another clinic is shown now: it was not asked to sign in
        if (!app || !*app)
            return card->showProblem(app ? tr("Save the clinic's app first.") : app.error().message);
        ProviderAccess *providers = context().providers;
        const auto crm = this->platform(platform);
        auto server = crm->authorizationServer(**app);
        if (!server)
            return card->showProblem(server.error().message);
        m_flow = new OAuth::AuthorizationFlow(*server,
                                              (*app)->app,
                                              [providers](const QUrl &url) { return providers->openBrowser(url); },
                                              this);
        m_flow->setRedirectCheck(crm->redirectCheck(**app));
        card->showSigningIn();
        m_flow->start([this, platform, crm, registered = **app, scope](Result<OAuth::TokenGrant> grant) {
            m_flow->deleteLater();
            m_flow = nullptr;
            if (!grant)
                return reloadSaying(platform, grant.error().code == ErrorCode::Cancelled ? QString() : grant.error().message);
            if (auto complete = crm->completeGrant(*grant, registered); !complete)
                return reloadSaying(platform, complete.error().message);
            ProviderAccess *providers = context().providers;
            const QString by = context().session ? context().session->staff().name : QString();
            auto kept = context().database->run([database = context().database, sealer = providers->sealer(),
                                                 scope, platform, grant = *grant, by]() -> Status {
                if (auto connected = OAuth::GrantVault(*database, *sealer).connect(scope, {platform, StaffId()}, grant, by);
                    !connected)
                    return connected;
                // The account's own data centre (Zoho's sign-in found it): the next sign-in starts there.
                return OAuth::OAuthApps(*database, *sealer)
                    .moveToDataCentre(scope, platform, grant.extras.value(QStringLiteral("dataCentre")).toString());
            });
            onFinished(this, std::move(kept), [this, platform](Status status) {
                reloadSaying(platform, status ? QString() : status.error().message);
            });
        });
    });
}

void ConnectionsView::disconnect(const QString &platform)
{
    ProviderAccess *providers = context().providers;
    if (!providers || !providers->sealer() || !mayAdminister())
        return;
    const auto answer = QMessageBox::question(
        this,
        tr("Disconnect %1?").arg(OAuth::providerDisplayName(platform)),
        tr("Switchboard stops reading %1 for %2 and gives its access back. The contacts already "
           "here stay.")
            .arg(OAuth::providerDisplayName(platform), tenant()->name));
    if (answer != QMessageBox::Yes)
        return;
    const Store::TenantScope scope = tenant()->scope;
    const Store::GrantKey key{platform, StaffId()};
    using Opened = std::pair<Store::StoredGrant, OAuth::GrantTokens>;
    auto opened = context().database->run([database = context().database, sealer = providers->sealer(), scope, key]()
                                              -> Result<Opened> {
        auto grant = Store::OAuthGrantStore(*database).find(scope, key);
        if (!grant)
            return grant.error();
        if (!*grant)
            return Error{ErrorCode::NotFound, {}};
        auto tokens = OAuth::GrantVault(*database, *sealer).open(scope, **grant);
        if (!tokens)
            return tokens.error();
        return Opened{**grant, *tokens};
    });
    onFinished(this, std::move(opened), [this, platform, scope, key](Result<Opened> opened) {
        auto remove = [this, platform, scope, key](const QString &warning) {
            auto removed = context().database->run([database = context().database, scope, key] {
                return Store::OAuthGrantStore(*database).remove(scope, key);
            });
            onFinished(this, std::move(removed), [this, platform, warning](Result<bool> removed) {
                reloadSaying(platform, removed ? warning : removed.error().message);
            });
        };
        const auto crm = this->platform(platform);
        if (!opened || !crm)
            return remove({});
        crm->revoke(context().providers->http(), scope, opened->first, opened->second.refreshToken,
                    [remove, name = crm->displayName()](Status revoked) {
                        remove(revoked ? QString()
                                       : tr("Disconnected here, but %1 could not be told (%2): "
                                            "remove the app in %1's settings too.")
                                             .arg(name, revoked.error().message));
                    });
    });
}

void ConnectionsView::sync(const QString &platform)
{
    ProviderAccess *providers = context().providers;
    const auto crm = this->platform(platform);
    if (!providers || !providers->tokens() || !crm || m_syncs.count(platform))
        return;
    CrmCard *card = m_cards.value(platform);
    Running &running = m_syncs[platform];
    running.source = crm->contacts(providers->http(), *providers->tokens(), tenant()->scope,
                                   Numbering::PhoneNumberParser::configuredRegion());
    running.sync = new Crm::ContactSync(context().database, tenant()->scope, *running.source, this);
    connect(running.sync, &Crm::ContactSync::progressed, card, &CrmCard::showSyncing);
    connect(running.sync, &Crm::ContactSync::finished, this, [this, platform](const Status &status) {
        // Once the sync has returned from this signal: the sync, then the source it reads through.
        if (auto found = m_syncs.find(platform); found != m_syncs.end()) {
            auto over = std::make_shared<Running>(std::move(found->second));
            m_syncs.erase(found);
            QTimer::singleShot(0, this, [over] {
                delete over->sync;
                over->source.reset();
            });
        }
        reloadSaying(platform,
                     status ? QString()
                            : tr("The sync stopped: %1 The next one goes on from there.").arg(status.error().message));
        emit syncFinished(platform);
    });
    card->showSyncing({});
    running.sync->start();
}

} // namespace Sb::Ui
