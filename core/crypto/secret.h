#pragma once

#include <QByteArray>
#include <QDebug>
#include <QString>

namespace Sb {

// A credential in memory. No implicit conversions, prints "<redacted>" to QDebug, wiped when
// destroyed, and read only through reveal() (easy to grep). Every Secret is remembered by the
// Redactor, so its value is masked if it ever reaches a log line or an error message.
class Secret final
{
public:
    Secret() = default;
    explicit Secret(QByteArray value);
    static Secret fromString(const QString &value) { return Secret(value.toUtf8()); }
    ~Secret();
    Secret(const Secret &other) = default;
    Secret(Secret &&other) noexcept = default;
    Secret &operator=(const Secret &other);
    Secret &operator=(Secret &&other) noexcept;

    const QByteArray &reveal() const { return m_value; }
    QString revealString() const { return QString::fromUtf8(m_value); }
    bool isEmpty() const { return m_value.isEmpty(); }
    qsizetype size() const { return m_value.size(); }

private:
    void wipe();

    QByteArray m_value;
};

bool operator==(const Secret &a, const Secret &b); // constant time

inline QDebug operator<<(QDebug debug, const Secret &)
{
    return debug << "<redacted>";
}

} // namespace Sb
