#pragma once

#include <core/net/httpclient.h>

#include <QObject>
#include <QUrl>

#include <memory>

namespace Sb::Vault {
class Sealer;
}

namespace Sb::Ui {

// What pages need to act at a provider: the console's one HttpClient, the providers' API
// addresses (SB_TWILIO_API_BASE points at a fake by hand), and the vault's Sealer once it is
// open (provider credentials wait for it; nothing falls back to plaintext).
class ProviderAccess final : public QObject
{
    Q_OBJECT

public:
    explicit ProviderAccess(QObject *parent = nullptr);

    Net::HttpClient &http() { return m_http; }
    QUrl twilioApiBase() const { return m_twilioApiBase; }
    void setTwilioApiBase(const QUrl &base) { m_twilioApiBase = base; }
    std::shared_ptr<const Vault::Sealer> sealer() const { return m_sealer; }
    void setSealer(std::shared_ptr<const Vault::Sealer> sealer);

signals:
    void sealerChanged();

private:
    Net::HttpClient m_http;
    QUrl m_twilioApiBase;
    std::shared_ptr<const Vault::Sealer> m_sealer;
};

} // namespace Sb::Ui
