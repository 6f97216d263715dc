#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QtGlobal>

namespace Sb {

// A typed database id: a TenantId cannot be passed where a CallId is expected.
template<typename Tag>
class Id
{
public:
    constexpr Id() = default;
    constexpr explicit Id(qint64 value)
        : m_value(value)
    {}

    constexpr qint64 value() const { return m_value; }
    constexpr bool isValid() const { return m_value > 0; }

    friend constexpr bool operator==(Id a, Id b) { return a.m_value == b.m_value; }
    friend constexpr auto operator<=>(Id a, Id b) { return a.m_value <=> b.m_value; }
    friend size_t qHash(Id id, size_t seed = 0) { return ::qHash(id.m_value, seed); }

private:
    qint64 m_value = 0;
};

using TenantId = Id<struct TenantTag>;
using StaffId = Id<struct StaffTag>;
using PhoneNumberId = Id<struct PhoneNumberTag>;
using CallId = Id<struct CallTag>;
using MessageId = Id<struct MessageTag>;
using LeadId = Id<struct LeadTag>;
using ContactId = Id<struct ContactTag>;

} // namespace Sb

Q_DECLARE_METATYPE(Sb::TenantId)
