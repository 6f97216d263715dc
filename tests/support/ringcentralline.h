#pragma once

#include <core/common/result.h>
#include <core/net/httpclient.h>
#include <core/store/tenant.h>
#include <core/store/tenantscope.h>

#include <memory>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}
namespace Sb::OAuth {
class AccessTokens;
}
namespace Sb::Providers::RingCentral {
class RingCentralAccount;
}
namespace Sb::Fakes {
class FakeRingCentral;
}

namespace Sb::Test {

// An HTTP client's options for tests that meet a provider going down: retries that give up
// within a fraction of a second.
Net::HttpClient::Options quickRetries();

// The loopback RingCentral's app, registered in the store as the installation's shared one
// (what every staff member signs in with unless their clinic or they bring their own).
Status shareRingCentralApp(Store::Database &admin, const Vault::Sealer &sealer, Fakes::FakeRingCentral &ringcentral);

// A staff member's own RingCentral line: signed in as `extension` of the loopback RingCentral
// through the "open the browser" hook (a scripted user consents), through the member's own
// database (their login on PostgreSQL), and the tokens and account that then act as them.
struct RingCentralLine
{
    std::unique_ptr<OAuth::AccessTokens> tokens;
    std::unique_ptr<Providers::RingCentral::RingCentralAccount> account;

    RingCentralLine();
    RingCentralLine(RingCentralLine &&) noexcept;
    RingCentralLine &operator=(RingCentralLine &&) noexcept;
    ~RingCentralLine();
};
Result<RingCentralLine> signInRingCentral(Fakes::FakeRingCentral &ringcentral,
                                          qint64 extension,
                                          const std::shared_ptr<Store::Database> &database,
                                          const Store::TenantScope &tenant,
                                          const Store::StaffMember &staff,
                                          const std::shared_ptr<const Vault::Sealer> &sealer,
                                          Net::HttpClient &http);

} // namespace Sb::Test
