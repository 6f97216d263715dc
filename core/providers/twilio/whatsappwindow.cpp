#include "whatsappwindow.h"

namespace Sb::Providers::Twilio {

QString WhatsAppWindow::closedReason()
{
    return tr("WhatsApp allows a free-form message only within 24 hours of the person's last "
              "message; outside that window only an approved template may be sent (Twilio "
              "error 63016). Free text is possible again once they write.");
}

QString WhatsAppWindow::describe(qint64 now) const
{
    if (!isOpen(now))
        return closedReason();
    const qint64 minutes = (closesAt() - now + 59'999) / 60'000;
    const QString left = minutes >= 60 ? tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60)
                                       : tr("%1 min").arg(minutes);
    return tr("WhatsApp: you may write freely for %1 more (24 hours from their last message).")
        .arg(left);
}

} // namespace Sb::Providers::Twilio
