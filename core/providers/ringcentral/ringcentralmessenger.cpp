#include "ringcentralmessenger.h"

#include <core/common/continuation.h>
#include <core/store/database.h>
#include <core/store/messagestore.h>
#include <core/store/ringcentraluserstore.h>

#include <QTimer>

namespace Sb::Providers::RingCentral {

using namespace std::chrono_literals;

RingCentralMessenger::RingCentralMessenger(std::shared_ptr<Store::Database> database,
                                           Net::HttpClient &http,
                                           OAuth::AccessTokens &tokens,
                                           Store::TenantScope tenant,
                                           StaffId staff,
                                           QUrl platform,
                                           QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_tenant(tenant)
    , m_staff(staff)
    , m_account(http, tokens, tenant, staff, std::move(platform))
    , m_sync(m_database, m_account, tenant, staff)
{}

QList<std::chrono::milliseconds> RingCentralMessenger::followSteps()
{
    return {3s, 10s, 30s, 90s};
}

void RingCentralMessenger::send(const QString &toE164,
                                const QString &body,
                                std::function<void(Result<Store::MessageRecord>)> done)
{
    auto user = m_database->run([database = m_database, tenant = m_tenant, staff = m_staff] {
        return Store::RingCentralUserStore(*database).find(tenant, staff);
    });
    onFinished(this, std::move(user), [this, toE164, body, done](Result<std::optional<Store::RingCentralUser>> user) {
        if (!user)
            return done(user.error());
        if (!*user)
            return done(Error{ErrorCode::NotFound, tr("Connect your RingCentral line first (Connections).")});
        if ((*user)->smsFrom.isEmpty())
            return done(Error{ErrorCode::InvalidArgument,
                              tr("Choose which of your RingCentral numbers to text from (Connections).")});
        m_account.sendSms((*user)->smsFrom, toE164, body,
                          whileAlive<Result<Store::MessageRecord>>(this, [this, done](Result<Store::MessageRecord> sent) {
                              if (!sent)
                                  return done(sent.error());
                              auto recorded = m_database->run([database = m_database, tenant = m_tenant, text = *sent] {
                                  return Store::MessageStore(*database).recordOutbound(tenant, text);
                              });
                              onFinished(this, std::move(recorded), [this, done](Result<Store::MessageRecord> recorded) {
                                  if (recorded)
                                      follow(recorded->providerMessageId, 0);
                                  done(recorded);
                              });
                          }));
    });
}

void RingCentralMessenger::follow(const QString &providerMessageId, int step)
{
    if (step >= m_steps.size())
        return;
    QTimer::singleShot(m_steps.at(step), this, [this, providerMessageId, step] {
        bringIn([this, providerMessageId, step](Result<QList<Store::MessageRecord>> texts) {
            if (texts) {
                for (const Store::MessageRecord &text : std::as_const(*texts)) {
                    const bool isFinal = text.status == u"delivered" || text.status == u"undelivered"
                        || text.status == u"failed";
                    if (text.providerMessageId == providerMessageId && isFinal)
                        return; // delivered or failed: nothing more to follow
                }
            }
            follow(providerMessageId, step + 1);
        });
    });
}

void RingCentralMessenger::bringIn(std::function<void(Result<QList<Store::MessageRecord>>)> done)
{
    if (m_isSyncing) {
        m_waiting.append(std::move(done)); // a run after this one sees what changed meanwhile
        return;
    }
    m_isSyncing = true;
    m_sync.run([this, done](Result<QList<Store::MessageRecord>> texts) {
        m_isSyncing = false;
        if (done)
            done(texts);
        if (!m_waiting.isEmpty()) {
            const auto waiting = std::exchange(m_waiting, {});
            bringIn([waiting](Result<QList<Store::MessageRecord>> again) {
                for (const auto &next : waiting) {
                    if (next)
                        next(again);
                }
            });
        }
    });
}

} // namespace Sb::Providers::RingCentral
