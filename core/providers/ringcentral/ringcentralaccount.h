#pragma once

#include "ringcentralauth.h"

#include <core/common/result.h>
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

private:
    using Answer = std::function<void(Result<QJsonObject>)>;
    void get(const QUrl &url, Answer done);
    void numbersFrom(const QUrl &page, QList<UserNumber> found, std::function<void(Result<QList<UserNumber>>)> done);

    Net::HttpClient &m_http;
    OAuth::AccessTokens &m_tokens;
    Store::TenantScope m_tenant;
    StaffId m_staff;
    QUrl m_platform;
};

} // namespace Sb::Providers::RingCentral
