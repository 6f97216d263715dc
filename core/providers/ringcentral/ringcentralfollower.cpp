#include "ringcentralfollower.h"

#include "ringcentralaccount.h"
#include "ringcentralcalllog.h"
#include "ringcentralmessenger.h"
#include "ringcentralsubscription.h"
#include "ringcentraltelephony.h"

#include <core/common/continuation.h>
#include <core/ingest/ingestlog.h>
#include <core/store/callstore.h>
#include <core/store/database.h>
#include <core/store/ringcentraluserstore.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace Sb::Providers::RingCentral {

// One staff member's line: their account (their token, their limits), texts and call log.
struct RingCentralFollower::Line
{
    std::unique_ptr<RingCentralAccount> account;
    std::unique_ptr<RingCentralMessenger> texts; // brings in texts, one run at a time
    std::unique_ptr<RingCentralCallLogSync> calls;
    bool isSyncingCalls = false;
    bool wantsCallsAgain = false;
    bool isCallSyncDue = false; // a run is waiting for the call log to catch up
    qint64 lastKeptAt = 0; // when its subscription was last kept (made, renewed, or tried)
};

namespace {
// A line still without a subscription is tried again after this long (RingCentral refused it,
// serve's address did not answer): not at every look.
constexpr qint64 kRetryNewLineMs = 10 * 60 * 1000;
} // namespace

RingCentralFollower::RingCentralFollower(std::shared_ptr<Store::Database> database,
                                         std::shared_ptr<const Vault::Sealer> sealer,
                                         Net::HttpClient &http,
                                         OAuth::AccessTokens &tokens,
                                         QUrl platform,
                                         QUrl publicUrl,
                                         QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_sealer(std::move(sealer))
    , m_http(http)
    , m_tokens(tokens)
    , m_platform(std::move(platform))
    , m_publicUrl(std::move(publicUrl))
{
    connect(this, &RingCentralFollower::failed, this, [](TenantId tenant, StaffId staff, const QString &why) {
        qCWarning(lcIngest).noquote() << "RingCentral line of staff" << staff.value() << "of tenant" << tenant.value()
                                      << ":" << why;
    });
}

RingCentralFollower::~RingCentralFollower() = default;

RingCentralFollower::Line &RingCentralFollower::lineOf(const Store::TenantScope &tenant, StaffId staff)
{
    auto &line = m_lines[{tenant.tenantId().value(), staff.value()}];
    if (!line) {
        line = std::make_shared<Line>();
        line->account = std::make_unique<RingCentralAccount>(m_http, m_tokens, tenant, staff, m_platform);
        line->texts = std::make_unique<RingCentralMessenger>(m_database, m_http, m_tokens, tenant, staff, m_platform);
        line->calls = std::make_unique<RingCentralCallLogSync>(m_database, *line->account, tenant, staff);
    }
    return *line;
}

void RingCentralFollower::notified(const Store::TenantScope &tenant, const QByteArray &body)
{
    const QJsonObject notification = QJsonDocument::fromJson(body).object();
    const QString event = notification.value(u"event").toString();
    const QString extension = notification.value(u"ownerId").toVariant().toString();
    const bool isTexts = event.contains(u"/message-store");
    const bool isCall = event.contains(u"/telephony/sessions");
    if (extension.isEmpty() || (!isTexts && !isCall))
        return;
    auto user = m_database->run([database = m_database, tenant, extension] {
        return Store::RingCentralUserStore(*database).findByExtension(tenant, extension);
    });
    onFinished(this, std::move(user), [this, tenant, isTexts, notification](Result<std::optional<Store::RingCentralUser>> user) {
        if (!user || !*user)
            return; // reset meanwhile, or the store is away: the hourly catch-up covers it
        if (isTexts)
            return bringInTexts(tenant, (*user)->staff);
        if (const auto call = callSessionOf(notification, (*user)->staff))
            showCall(tenant, *call);
    });
}

void RingCentralFollower::showCall(const Store::TenantScope &tenant, const Store::CallSessionEvent &event)
{
    // The call is in the clinic's calls at once, ringing, talking, ended (views follow it by
    // the change feed); once it is over, its log entry completes it a little later.
    const StaffId staff = event.ownerStaff;
    auto applied = m_database->run([database = m_database, tenant, event] {
        return Store::CallStore(*database).apply(tenant, event);
    });
    onFinished(this, std::move(applied), [this, tenant, staff, isOver = event.stage == Store::CallSessionEvent::Stage::Ended](
                                             Result<Store::CallRecord> call) {
        if (!call)
            emit failed(tenant.tenantId(), staff, call.error().message);
        else
            emit callSeen(tenant.tenantId(), staff, *call);
        if (isOver)
            bringInCalls(tenant, staff);
    });
}

void RingCentralFollower::bringInTexts(const Store::TenantScope &tenant, StaffId staff)
{
    lineOf(tenant, staff).texts->bringIn([this, tenant, staff](Result<QList<Store::MessageRecord>> texts) {
        if (!texts)
            return emit failed(tenant.tenantId(), staff, texts.error().message);
        emit textsBroughtIn(tenant.tenantId(), staff, int(texts->size()));
    });
}

void RingCentralFollower::bringInCalls(const Store::TenantScope &tenant, StaffId staff)
{
    Line &line = lineOf(tenant, staff);
    if (line.isSyncingCalls) {
        line.wantsCallsAgain = true;
        return;
    }
    if (line.isCallSyncDue)
        return; // one is on its way, late enough for this call too
    line.isCallSyncDue = true;
    QTimer::singleShot(m_callLogDelay, this, [this, tenant, staff] {
        Line &line = lineOf(tenant, staff);
        line.isCallSyncDue = false;
        line.isSyncingCalls = true;
        line.calls->run([this, tenant, staff](Result<CallLogOutcome> outcome) {
            Line &line = lineOf(tenant, staff);
            line.isSyncingCalls = false;
            if (!outcome)
                emit failed(tenant.tenantId(), staff, outcome.error().message);
            else
                emit callsBroughtIn(tenant.tenantId(), staff, outcome->added);
            if (std::exchange(line.wantsCallsAgain, false))
                bringInCalls(tenant, staff);
        });
    });
}

void RingCentralFollower::start(std::chrono::milliseconds interval, std::chrono::milliseconds watchInterval)
{
    auto *timer = new QTimer(this);
    timer->setInterval(interval);
    connect(timer, &QTimer::timeout, this, &RingCentralFollower::keepAll);
    timer->start();
    auto *watch = new QTimer(this);
    watch->setInterval(watchInterval);
    connect(watch, &QTimer::timeout, this, &RingCentralFollower::keepNewLines);
    watch->start();
    if (m_publicUrl.scheme() != u"https")
        qCWarning(lcIngest).noquote() << "RingCentral sends notifications to https addresses only: with"
                                      << m_publicUrl.toString() << "staff lines are synced every ten minutes, not live";
    keepAll();
}

void RingCentralFollower::keepAll()
{
    auto lines = m_database->run([database = m_database] { return Store::RingCentralUserStore(*database).lines(); });
    onFinished(this, std::move(lines), [this](Result<QList<Store::RingCentralLine>> lines) {
        if (!lines) {
            qCWarning(lcIngest).noquote() << "RingCentral lines could not be read:" << lines.error().message;
            return;
        }
        // Forgotten lines (a reset) leave; the others are kept and caught up.
        QSet<QPair<qint64, qint64>> current;
        for (const Store::RingCentralLine &line : std::as_const(*lines)) {
            current.insert({line.tenant.value(), line.staff.value()});
            keepAndCatchUp(issueScope(line.tenant), line.staff);
        }
        for (auto it = m_lines.begin(); it != m_lines.end();) {
            const bool isBusy = it.value()->isSyncingCalls || it.value()->isCallSyncDue;
            it = current.contains(it.key()) || isBusy ? std::next(it) : m_lines.erase(it);
        }
    });
}

void RingCentralFollower::keepNewLines()
{
    auto lines = m_database->run([database = m_database] { return Store::RingCentralUserStore(*database).lines(); });
    onFinished(this, std::move(lines), [this](Result<QList<Store::RingCentralLine>> lines) {
        if (!lines)
            return; // the hourly round says so
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const Store::RingCentralLine &line : std::as_const(*lines)) {
            if (line.subscriptionExpiresAt > 0)
                continue;
            const auto known = m_lines.constFind({line.tenant.value(), line.staff.value()});
            if (known != m_lines.cend() && now - known.value()->lastKeptAt < kRetryNewLineMs)
                continue;
            keepAndCatchUp(issueScope(line.tenant), line.staff);
        }
    });
}

void RingCentralFollower::keepAndCatchUp(const Store::TenantScope &tenant, StaffId staff)
{
    keepSubscription(tenant, staff);
    bringInTexts(tenant, staff);
    bringInCalls(tenant, staff);
}

void RingCentralFollower::keepSubscription(const Store::TenantScope &tenant, StaffId staff)
{
    lineOf(tenant, staff).lastKeptAt = QDateTime::currentMSecsSinceEpoch();
    if (m_publicUrl.scheme() != u"https")
        return; // said once at the start
    Line &line = lineOf(tenant, staff);
    auto *keeper = new RingCentralSubscriptionKeeper(m_database, m_sealer, *line.account, tenant, staff, this);
    // The line (and its account) lives while the keeper does: erased only when idle and gone.
    keeper->keep(m_publicUrl, [this, keeper, tenant, staff, hold = m_lines.value({tenant.tenantId().value(), staff.value()})](
                                  Result<SubscriptionStep> step) {
        keeper->deleteLater();
        if (!step)
            return emit failed(tenant.tenantId(), staff, step.error().message);
        static const char *const words[] = {"kept", "created", "renewed", "recreated"};
        emit subscriptionKept(tenant.tenantId(), staff, QString::fromLatin1(words[int(*step)]));
    });
}

} // namespace Sb::Providers::RingCentral
