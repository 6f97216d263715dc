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
};

struct Error
{
    ErrorCode code;
    QString message;
};

// The shape of std::expected<T, Error> (GCC 12 has none in C++20), so the switch is mechanical.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(const T &value)
        : m_value(value)
    {}
    Result(T &&value)
        : m_value(std::move(value))
    {}
    Result(Error error)
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

    const Error &error() const { return std::get<Error>(m_value); }

private:
    std::variant<T, Error> m_value;
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
