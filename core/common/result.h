#pragma once

#include <QCoreApplication>
#include <QString>

#include <utility>
#include <variant>

namespace Sb {

// Stable codes that callers and tests branch on; the message is for people.
enum class ErrorCode {
    InvalidArgument,
    NotFound,
    AlreadyExists,
    UnknownTenant,
    AccessDenied,
    DatabaseUnavailable,
    DatabaseError,
    SchemaTooNew,
    MigrationFailed,
    InvalidPhoneNumber,
    Unsupported,
    CryptoFailure,
    TamperedSecret,
    UnknownKey,
    KeychainUnavailable,
    KeychainLocked,
    SecretMissing,
    InsecureKeyFile,
    IoError, // a file could not be read or written
    // Providers (core/net): what went wrong decides whether to retry, wait or ask the user.
    ProviderRefused, // 4xx: the request was wrong or not allowed; retrying does not help
    AuthenticationFailed, // 401/403: credentials wrong, revoked or lacking a scope
    RateLimited, // 429 and still over the limit after waiting, or a wait too long to take
    ProviderUnavailable, // 5xx, network failure, or the circuit is open
    Timeout,
    Cancelled,
};

struct Error
{
    ErrorCode code;
    QString message;
};

// The shape of std::expected<T, E> (GCC 12 has none in C++20), so the switch is mechanical.
// E is Error but where a caller needs more than a code and a message (ProviderError).
template<typename T, typename E = Error>
class [[nodiscard]] Result
{
public:
    Result(const T &value)
        : m_value(value)
    {}
    Result(T &&value)
        : m_value(std::move(value))
    {}
    Result(E error)
        : m_value(std::move(error))
    {}

    bool hasValue() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return hasValue(); }

    T &value() & { return std::get<T>(m_value); }
    const T &value() const & { return std::get<T>(m_value); }
    T &&value() && { return std::get<T>(std::move(m_value)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T &&operator*() && { return std::move(*this).value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const E &error() const { return std::get<E>(m_value); }

private:
    std::variant<T, E> m_value;
};

// Result<void>: success carries nothing.
struct Ok
{};

using Status = Result<Ok>;

inline Status ok()
{
    return Ok{};
}

} // namespace Sb
