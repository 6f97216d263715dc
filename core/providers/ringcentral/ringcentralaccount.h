#pragma once

#include "ringcentralauth.h"

#include <core/common/result.h>
#include <core/store/callrecord.h>
#include <core/store/messagerecord.h>
#include <core/store/tenantscope.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace Sb::Net {
class HttpClient;
}
namespace Sb::OAuth {
class AccessTokens;
}

namespace Sb::Providers::RingCentral {

// One of a RingCentral user's own numbers, with what it can do.
struct UserNumber
{
    QString id;
    QString e164;
    QString usageType; // DirectNumber, MainCompanyNumber, …
    QStringList features; // CallerId, SmsSender, A2PSmsSender, …

    bool canText() const { return features.contains(QStringLiteral("SmsSender")) || features.contains(QStringLiteral("A2PSmsSender")); }
    bool canBeCallerId() const { return features.contains(QStringLiteral("CallerId")); }
};

// A page of a user's call log: its entries as the call log keeps them, and where the next page
// is (empty: the last one).
struct CallLogPage
{
    QList<Store::CallLogEntry> entries;
    QUrl next;
};

// Where a RingOut stands (RingCentral's words: InProgress, Success, NoAnswer, Busy, Rejected,
// Error, …): the user's phone (caller) rings first, then the other party (callee).
struct RingOutStatus
{
    QString id;
    QString call;
    QString caller;
    QString callee;

    bool isOver() const { return call != u"InProgress"; }
    bool connected() const { return call == u"Success"; }
};

// A user's texts as RingCentral's message sync lists them: the new ones and those whose status
// changed since the sync token (the first time: since a date), and the token for next time.
struct TextSync
{
    QList<Store::MessageRecord> messages;
    QString syncToken;
};

// A webhook subscription as RingCentral keeps it.
struct SubscriptionInfo
{
    QString id;
    qint64 expiresAt = 0; // epoch ms
};

// A staff member's own RingCentral account (REST v1.0, ../shared/providers.md §3.3), with their
// own grant: every request carries their token and spends their own rate-limit bucket and
// circuit breaker (the HTTP core keys them by tenant, provider and staff member), so one user's
// 429s or outage never hold up a colleague. A 401 gets a newer token, once.
class RingCentralAccount final : public QObject
{
    Q_OBJECT

public:
    RingCentralAccount(Net::HttpClient &http,
                       OAuth::AccessTokens &tokens,
                       Store::TenantScope tenant,
                       StaffId staff,
                       QUrl platform = platformUrl(),
                       QObject *parent = nullptr);

    // The user's own numbers (their extension's), every page.
    void numbers(std::function<void(Result<QList<UserNumber>>)> done);
    // The first page of the user's call log from `from` on (RingCentral's Heavy group: 100 a
    // page); then callLogPage(next) while there is a next.
    QUrl callLogFrom(const QDateTime &from) const;
    void callLogPage(const QUrl &page, std::function<void(Result<CallLogPage>)> done);
    // RingOut ("call from my desk phone"): RingCentral rings `from` (the user's own phone),
    // then `to`, showing `callerId` (one of the user's numbers that may be shown).
    void ringOut(const QString &from, const QString &to, const QString &callerId,
                 std::function<void(Result<RingOutStatus>)> done);
    void ringOutStatus(const QString &id, std::function<void(Result<RingOutStatus>)> done);
    void cancelRingOut(const QString &id, std::function<void(Status)> done);
    // A webhook subscription for the user's events to `address` (serve's /ringcentral), each
    // notification carrying `verificationToken`; RingCentral runs its Validation-Token handshake
    // with the address before answering. Renewing one RingCentral no longer knows is NotFound.
    void subscribe(const QUrl &address, const Secret &verificationToken, const QStringList &eventFilters,
                   std::function<void(Result<SubscriptionInfo>)> done);
    void renewSubscription(const QString &id, std::function<void(Result<SubscriptionInfo>)> done);
    // Texts (ringcentralaccounttexts.cpp). An SMS from `from` (one of the user's numbers that
    // can text) to `to`: as RingCentral accepted it (Queued), to record at once.
    void sendSms(const QString &from, const QString &to, const QString &text,
                 std::function<void(Result<Store::MessageRecord>)> done);
    // One text as it stands now (a sent one's delivery).
    void message(const QString &id, std::function<void(Result<Store::MessageRecord>)> done);
    // What changed since `syncToken`; with no token, every text since `from`. A token RingCentral
    // no longer accepts is InvalidArgument: start again from a date.
    void syncTexts(const QString &syncToken, const QDateTime &from, std::function<void(Result<TextSync>)> done);
    // RingCentral's message record as a text of the user's own line; nullopt for what is not
    // an SMS, or was deleted.
    static std::optional<Store::MessageRecord> textOf(const QJsonObject &record, StaffId owner);
    // RingCentral's messageStatus in the words the store ranks (queued, sent, delivered, …).
    static QString textStatusOf(const QString &messageStatus);

    // RingCentral's word for how a call went, as the call log says it ("Accepted", "Missed",
    // "Voicemail", "Busy", …): completed, no-answer, busy, canceled or failed.
    static QString statusOf(const QString &result, int durationSeconds);
    // RingCentral's rate-limit group of a request (light, medium, heavy), each its own bucket per
    // user and app (../shared/providers.md §3.2).
    static QByteArray rateGroupOf(const QByteArray &method, const QUrl &url);

private:
    using Answer = std::function<void(Result<QJsonObject>)>;
    void get(const QUrl &url, Answer done);
    void send(const QByteArray &method, const QUrl &url, const QJsonObject &body, Answer done);
    void numbersFrom(const QUrl &page, QList<UserNumber> found, std::function<void(Result<QList<UserNumber>>)> done);
    // navigation.nextPage, when it names RingCentral's own host (the token goes with it).
    Result<QUrl> nextPageOf(const QJsonObject &answer) const;

    Net::HttpClient &m_http;
    OAuth::AccessTokens &m_tokens;
    Store::TenantScope m_tenant;
    StaffId m_staff;
    QUrl m_platform;
};

} // namespace Sb::Providers::RingCentral
