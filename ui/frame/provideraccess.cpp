#include "provideraccess.h"

#include <core/vault/sealer.h>

namespace Sb::Ui {

ProviderAccess::ProviderAccess(QObject *parent)
    : QObject(parent)
    , m_twilioApiBase(
          qEnvironmentVariable("SB_TWILIO_API_BASE", QStringLiteral("https://api.twilio.com")))
{}

void ProviderAccess::setSealer(std::shared_ptr<const Vault::Sealer> sealer)
{
    m_sealer = std::move(sealer);
    emit sealerChanged();
}

} // namespace Sb::Ui
