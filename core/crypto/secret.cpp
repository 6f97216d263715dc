#include "secret.h"

#include <core/common/redactor.h>

#include "aesgcm.h"

namespace Sb {

Secret::Secret(QByteArray value)
    : m_value(std::move(value))
{
    Redactor::instance().remember(m_value);
}

Secret::~Secret()
{
    wipe();
}

Secret &Secret::operator=(const Secret &other)
{
    if (this != &other) {
        wipe();
        m_value = other.m_value;
    }
    return *this;
}

Secret &Secret::operator=(Secret &&other) noexcept
{
    if (this != &other) {
        wipe();
        m_value = std::move(other.m_value);
    }
    return *this;
}

void Secret::wipe()
{
    // A buffer still shared with another Secret is left for that one to wipe.
    if (m_value.isDetached())
        Crypto::wipe(m_value);
    m_value.clear();
}

bool operator==(const Secret &a, const Secret &b)
{
    return Crypto::equalsConstantTime(a.reveal(), b.reveal());
}

} // namespace Sb
