#pragma once

#include "accesstokens.h"

#include <core/common/result.h>
#include <core/net/httptypes.h>

#include <functional>

namespace Sb::Net {
class HttpClient;
}

namespace Sb::OAuth {

// One request to a provider's API with a stored grant's access token: the request is made
// for the token handed out (its Authorization header, and whatever the grant's extras decide,
// such as Zoho's api_domain; making it may refuse), and a 401 gets a newer token than the one
// refused and is sent once more. A 401 delivered as a response (a request that reads its own
// client errors) counts too. done runs on context's thread while context lives.
using RequestFor = std::function<Result<Net::HttpRequest>(const AccessToken &token)>;
void sendAuthorized(Net::HttpClient &http,
                    AccessTokens &tokens,
                    const Store::TenantScope &tenant,
                    const Store::GrantKey &key,
                    QObject *context,
                    RequestFor request,
                    std::function<void(Result<Net::HttpResponse>)> done);

} // namespace Sb::OAuth
