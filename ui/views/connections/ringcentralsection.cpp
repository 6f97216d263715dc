#include "ringcentralsection.h"

#include <ui/frame/provideraccess.h>

#include <core/common/continuation.h>
#include <core/oauth/oauthapps.h>
#include <core/providers/ringcentral/ringcentralaccount.h>
#include <core/providers/ringcentral/ringcentralauth.h>
#include <core/providers/ringcentral/ringcentralsignin.h>
#include <core/store/database.h>
#include <core/store/oauthgrantstore.h>
#include <core/tenancy/staffsession.h>

#include <QMessageBox>
#include <QTimer>

namespace Sb::Ui {

RingCentralSection::RingCentralSection(const ConsoleContext &context, RingCentralCard *card, QWidget *dialogParent)
    : QObject(card)
    , m_context(context)
    , m_card(card)
    , m_dialogParent(dialogParent)
{
    connect(card, &RingCentralCard::connectRequested, this, &RingCentralSection::signIn);
    connect(card, &RingCentralCard::cancelRequested, this, [this] {
        if (m_signIn)
            m_signIn->cancel();
    });
    connect(card, &RingCentralCard::numbersChosen, this, &RingCentralSection::chooseNumbers);
    connect(card, &RingCentralCard::resetRequested, this, &RingCentralSection::resetMine);
    connect(card, &RingCentralCard::syncCallsRequested, this, &RingCentralSection::syncCalls);
    connect(card, &RingCentralCard::resetColleagueRequested, this, &RingCentralSection::resetColleague);
    if (context.providers)
        connect(&context.providers->http(), &Net::HttpClient::laneStatusChanged, this, &RingCentralSection::showLane);
}

RingCentralSection::~RingCentralSection() = default;

StaffId RingCentralSection::me() const
{
    return m_context.session ? m_context.session->staff().id : StaffId();
}

void RingCentralSection::showTenant(const CurrentTenant &tenant)
{
    if (m_signIn)
        m_signIn->cancel(); // it was for the clinic left
    delete m_sync; // what it read so far is kept; the next sync goes on from there
    m_syncAccount.reset();
    m_account.reset();
    m_problem.clear();
    m_tenant = tenant;
    load();
}

void RingCentralSection::load()
{
    ProviderAccess *providers = m_context.providers;
    if (!m_tenant || !providers || !providers->sealer() || !me().isValid()) {
        m_card->setEnabled(false);
        return;
    }
    if (m_signIn)
        return; // the card waits for the browser
    const quint64 generation = ++m_generation;
    auto read = m_context.database->run([database = m_context.database, sealer = providers->sealer(),
                                         scope = m_tenant->scope, staff = me()]() -> Result<RingCentralState> {
        RingCentralState state;
        auto app = OAuth::OAuthApps(*database, *sealer).resolve(scope, QStringLiteral("ringcentral"), staff);
        if (!app)
            return app.error();
        if (*app) {
            state.appLevel = (*app)->owner.level;
            state.clientId = (*app)->app.clientId;
        }
        auto users = Store::RingCentralUserStore(*database).list(scope); // a staff login sees its own
        if (!users)
            return users.error();
        auto grants = Store::OAuthGrantStore(*database).list(scope);
        if (!grants)
            return grants.error();
        for (const Store::RingCentralUser &user : std::as_const(*users)) {
            RingCentralLine line{user, false, {}};
            for (const Store::StoredGrant &grant : std::as_const(*grants)) {
                if (grant.key == Providers::RingCentral::grantOf(user.staff)) {
                    line.needsReconnect = grant.needsReconnect;
                    line.problem = grant.problem;
                }
            }
            if (user.staff == staff)
                state.mine = line;
            else
                state.colleagues.append(line);
        }
        return state;
    });
    onFinished(this, std::move(read), [this, generation](Result<RingCentralState> state) {
        if (generation != m_generation || m_signIn)
            return;
        m_card->setEnabled(true);
        if (!state) {
            m_card->showProblem(tr("Could not read the RingCentral connection: %1").arg(state.error().message));
            return emit loaded();
        }
        m_card->showState(*state, mayAdminister());
        if (m_sync) // each page it stores is a change: the card keeps showing its progress
            m_card->showCallSync(m_syncRead, m_syncAdded);
        if (!m_problem.isEmpty())
            m_card->showProblem(std::exchange(m_problem, QString()));
        m_card->showLane(m_context.providers->http().laneStatus(
            {m_tenant->scope.tenantId().value(), QStringLiteral("ringcentral"), QString::number(me().value())}));
        emit loaded();
        if (state->mine && !state->mine->needsReconnect)
            readNumbers(state->mine->user);
    });
}

void RingCentralSection::readNumbers(const Store::RingCentralUser &mine)
{
    ProviderAccess *providers = m_context.providers;
    if (!providers->tokens())
        return;
    m_account = std::make_unique<Providers::RingCentral::RingCentralAccount>(
        providers->http(), *providers->tokens(), m_tenant->scope, me(), providers->ringCentralPlatform());
    const quint64 generation = m_generation;
    m_account->numbers([this, generation, mine](Result<QList<Providers::RingCentral::UserNumber>> numbers) {
        if (generation != m_generation)
            return;
        if (!numbers)
            m_card->showNumbersUnavailable(tr("Could not read your numbers from RingCentral: %1").arg(numbers.error().message));
        else
            m_card->showNumbers(*numbers, mine.smsFrom, mine.callerId);
        emit numbersShown();
    });
}

void RingCentralSection::signIn()
{
    ProviderAccess *providers = m_context.providers;
    if (!m_tenant || !providers || !providers->sealer() || m_signIn || !m_context.session)
        return;
    m_signIn = new Providers::RingCentral::RingCentralSignIn(
        m_context.database, providers->sealer(), providers->http(), m_tenant->scope, m_context.session->staff(),
        [providers](const QUrl &url) { return providers->openBrowser(url); }, providers->ringCentralPlatform(), this);
    m_card->showSigningIn();
    ++m_generation; // a state read meanwhile is not shown
    m_signIn->start([this](Result<Providers::RingCentral::SignedIn> signedIn) {
        m_signIn->deleteLater();
        m_signIn = nullptr;
        if (!signedIn && signedIn.error().code != ErrorCode::Cancelled)
            m_problem = signedIn.error().message;
        load();
    });
}

void RingCentralSection::syncCalls()
{
    ProviderAccess *providers = m_context.providers;
    if (!m_tenant || !providers || !providers->tokens() || m_sync)
        return;
    m_syncAccount = std::make_unique<Providers::RingCentral::RingCentralAccount>(
        providers->http(), *providers->tokens(), m_tenant->scope, me(), providers->ringCentralPlatform());
    m_sync = new Providers::RingCentral::RingCentralCallLogSync(m_context.database, *m_syncAccount, m_tenant->scope, me(), this);
    m_syncRead = 0;
    m_syncAdded = 0;
    connect(m_sync, &Providers::RingCentral::RingCentralCallLogSync::progressed, this, [this](int read, int added) {
        m_syncRead = read;
        m_syncAdded = added;
        m_card->showCallSync(read, added);
    });
    m_card->showCallSync(0, 0);
    m_sync->run([this](Result<Providers::RingCentral::CallLogOutcome> outcome) {
        m_sync->deleteLater();
        m_sync = nullptr;
        if (!outcome) {
            m_card->showCallSyncDone(0, 0);
            m_card->showProblem(tr("Could not bring in all your calls: %1. What was read is kept; the next try goes on "
                                   "from there.")
                                    .arg(outcome.error().message));
        } else {
            m_card->showCallSyncDone(outcome->read, outcome->added);
        }
        emit callsSynced();
    });
}

void RingCentralSection::chooseNumbers(const QString &smsFrom, const QString &callerId)
{
    if (!m_tenant)
        return;
    auto saved = m_context.database->run([database = m_context.database, scope = m_tenant->scope, staff = me(), smsFrom,
                                          callerId] {
        return Store::RingCentralUserStore(*database).chooseNumbers(scope, staff, smsFrom, callerId);
    });
    onFinished(this, std::move(saved), [this](Status status) {
        if (!status)
            m_problem = tr("Could not keep your numbers: %1").arg(status.error().message);
        load();
    });
}

void RingCentralSection::resetMine()
{
    const auto answer = QMessageBox::question(
        m_dialogParent,
        tr("Reset your RingCentral connection?"),
        tr("Switchboard gives your RingCentral access back and forgets the numbers you chose. "
           "Your calls and messages already here stay. Connect again whenever you like."));
    if (answer == QMessageBox::Yes)
        reset(me());
}

void RingCentralSection::resetColleague(StaffId staff, const QString &name)
{
    const auto answer = QMessageBox::question(
        m_dialogParent,
        tr("Reset %1's RingCentral connection?").arg(name),
        tr("Switchboard stops using %1's RingCentral account and forgets the numbers they chose; "
           "they can connect again themselves.")
            .arg(name));
    if (answer == QMessageBox::Yes)
        reset(staff);
}

void RingCentralSection::reset(StaffId staff)
{
    ProviderAccess *providers = m_context.providers;
    if (!m_tenant || !providers || !providers->sealer())
        return;
    m_account.reset();
    Providers::RingCentral::reset(m_context.database, providers->sealer(), providers->http(), m_tenant->scope, staff,
                                  providers->ringCentralPlatform(), this,
                                  [this](Result<Providers::RingCentral::ResetOutcome> outcome) {
                                      if (!outcome)
                                          m_problem = tr("Could not reset the connection: %1").arg(outcome.error().message);
                                      load();
                                  });
}

void RingCentralSection::showLane(const Net::RateKey &key)
{
    if (!m_tenant || key.provider != u"ringcentral" || key.tenantId != m_tenant->scope.tenantId().value()
        || key.user != QString::number(me().value()))
        return;
    const auto status = m_context.providers->http().laneStatus(key);
    m_card->showLane(status);
    if (status.kind == Net::HttpClient::LaneStatus::Kind::CircuitOpen)
        QTimer::singleShot(status.left + std::chrono::milliseconds(100), this, [this, key] { showLane(key); });
}

} // namespace Sb::Ui
