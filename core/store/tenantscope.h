#pragma once

#include <core/common/id.h>

namespace Sb::Store {

class ScopeIssuer;

// Proof that the holder may act for one tenant; the store takes no query without one. Only a
// ScopeIssuer makes one: sign-in (StaffSession, AdminSession) and webhook routing
// (TenantResolver). No tenant id from a request or a payload ever becomes a scope.
class TenantScope final
{
public:
    TenantId tenantId() const { return m_tenantId; }
    friend bool operator==(const TenantScope &, const TenantScope &) = default;

private:
    explicit TenantScope(TenantId tenantId)
        : m_tenantId(tenantId)
    {}

    friend class ScopeIssuer;

    TenantId m_tenantId;
};

// What a class that decides tenants derives from to issue scopes (the store cannot name the
// layers above it). Every issuer is found by searching for this name.
class ScopeIssuer
{
protected:
    static TenantScope issueScope(TenantId tenantId) { return TenantScope(tenantId); }
};

} // namespace Sb::Store
