#include "authorizedrequest.h"

#include <core/net/httpclient.h>

#include <QPointer>

namespace Sb::OAuth {

namespace {
void attempt(Net::HttpClient &http,
             AccessTokens &tokens,
             const Store::TenantScope &tenant,
             const Store::GrantKey &key,
             QPointer<QObject> context,
             RequestFor request,
             std::function<void(Result<Net::HttpResponse>)> done,
             std::optional<qint64> refused)
{
    if (!context)
        return;
    tokens.get(tenant, key, context, [&http, &tokens, tenant, key, context, request, done, refused](Result<AccessToken> token) {
        if (!token)
            return done(token.error());
        auto made = request(*token);
        if (!made)
            return done(made.error());
        const qint64 generation = token->generation;
        http.send(std::move(*made), context, [&http, &tokens, tenant, key, context, request, done, refused, generation](Net::HttpResult answer) {
            const int status = answer ? answer->status : answer.error().httpStatus;
            if (status == 401 && !refused) // expired early, or revoked: a newer token, once
                return attempt(http, tokens, tenant, key, context, request, done, generation);
            if (!answer)
                return done(answer.error().toError());
            done(std::move(*answer));
        });
    }, refused);
}
} // namespace

void sendAuthorized(Net::HttpClient &http,
                    AccessTokens &tokens,
                    const Store::TenantScope &tenant,
                    const Store::GrantKey &key,
                    QObject *context,
                    RequestFor request,
                    std::function<void(Result<Net::HttpResponse>)> done)
{
    attempt(http, tokens, tenant, key, context, std::move(request), std::move(done), std::nullopt);
}

} // namespace Sb::OAuth
