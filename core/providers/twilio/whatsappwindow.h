#pragma once

#include <QCoreApplication>
#include <QString>

namespace Sb::Providers::Twilio {

// WhatsApp lets a business write freely to a person only within 24 hours of that person's last
// message; outside it only an approved template goes through, and Twilio fails anything else
// with error 63016 after accepting it. Knowing the last inbound message, we say so first.
class WhatsAppWindow final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Twilio::WhatsAppWindow)

public:
    static constexpr qint64 kLengthMs = 24LL * 60 * 60 * 1000;

    // lastInboundAt: when the person last wrote (epoch ms); 0: never.
    explicit WhatsAppWindow(qint64 lastInboundAt)
        : m_lastInboundAt(lastInboundAt)
    {}

    bool isOpen(qint64 now) const { return m_lastInboundAt > 0 && now < closesAt(); }
    qint64 closesAt() const { return m_lastInboundAt > 0 ? m_lastInboundAt + kLengthMs : 0; }
    // "You may write freely for 5 h 12 min more…", or why only a template may be sent.
    QString describe(qint64 now) const;
    static QString closedReason();

private:
    qint64 m_lastInboundAt = 0;
};

} // namespace Sb::Providers::Twilio
