#include "ringcentralaccount.h"

#include <core/net/httpclient.h>
#include <core/oauth/accesstokens.h>
#include <core/oauth/authorizedrequest.h>

#include <QJsonArray>

namespace Sb::Providers::RingCentral {

RingCentralAccount::RingCentralAccount(Net::HttpClient &http,
                                       OAuth::AccessTokens &tokens,
                                       Store::TenantScope tenant,
                                       StaffId staff,
                                       QUrl platform,
                                       QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_tokens(tokens)
    , m_tenant(std::move(tenant))
    , m_staff(staff)
    , m_platform(std::move(platform))
{}

void RingCentralAccount::get(const QUrl &url, Answer done)
{
    auto request = [this, url](const OAuth::AccessToken &token) -> Result<Net::HttpRequest> {
        Net::HttpRequest request;
        // The user's own lane: their limits, their breaker.
        request.key = {m_tenant.tenantId().value(), QStringLiteral("ringcentral"), QString::number(m_staff.value())};
        request.url = url;
        request.setHeader("Authorization", "Bearer " + token.token.reveal());
        return request;
    };
    OAuth::sendAuthorized(m_http, m_tokens, m_tenant, grantOf(m_staff), this, request,
                          [done](Result<Net::HttpResponse> answer) {
                              if (!answer)
                                  return done(answer.error());
                              done(answer->json());
                          });
}

void RingCentralAccount::numbers(std::function<void(Result<QList<UserNumber>>)> done)
{
    numbersFrom(m_platform.resolved(QUrl(QStringLiteral("/restapi/v1.0/account/~/extension/~/phone-number?perPage=100"))), {},
                std::move(done));
}

void RingCentralAccount::numbersFrom(const QUrl &page, QList<UserNumber> found, std::function<void(Result<QList<UserNumber>>)> done)
{
    get(page, [this, found, done](Result<QJsonObject> answer) mutable {
        if (!answer)
            return done(answer.error());
        for (const QJsonValue &value : answer->value(u"records").toArray()) {
            const QJsonObject record = value.toObject();
            UserNumber number{record.value(u"id").toVariant().toString(),
                              record.value(u"phoneNumber").toString(),
                              record.value(u"usageType").toString(),
                              {}};
            for (const QJsonValue &feature : record.value(u"features").toArray())
                number.features.append(feature.toString());
            found.append(number);
        }
        // No totals to trust: the next page is wherever navigation says, while it says so.
        const QUrl next(answer->value(u"navigation").toObject().value(u"nextPage").toObject().value(u"uri").toString());
        if (!next.isValid() || next.isEmpty())
            return done(found);
        // Only ever RingCentral's own host (the token goes with it).
        if (next.host() != m_platform.host() || next.port() != m_platform.port() || next.scheme() != m_platform.scheme())
            return done(Error{ErrorCode::ProviderRefused,
                              QCoreApplication::translate("Sb::Providers::RingCentral",
                                                          "RingCentral named a next page on another host (%1): not followed.")
                                  .arg(next.host())});
        numbersFrom(next, found, done);
    });
}

} // namespace Sb::Providers::RingCentral
