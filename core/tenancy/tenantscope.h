#pragma once

#include <core/common/id.h>

namespace Sb::Ingest {
class TenantResolver;
}

namespace Sb::Tenancy {

// Proof that the holder may act for one tenant. Only sign-in (StaffSession, AdminSession)
// and, later, webhook routing can make one: no tenant id from a request or a payload ever
// becomes a scope, and there is no query path in the store without one.
class TenantScope final
{
public:
    TenantId tenantId() const { return m_tenantId; }
    friend bool operator==(const TenantScope &, const TenantScope &) = default;

private:
    explicit TenantScope(TenantId tenantId)
        : m_tenantId(tenantId)
    {}

    friend class StaffSession;
    friend class AdminSession;
    friend class Ingest::TenantResolver;

    TenantId m_tenantId;
};

} // namespace Sb::Tenancy
