#pragma once

#include <core/net/httpclient.h>
#include <core/providers/crmplatforms.h>

#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace Sb::OAuth {
class AccessTokens;
}
namespace Sb::Recordings {
class MediaFetcher;
}
namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Ui {

// What pages need to act at a provider, for one signed-in store: the console's one HttpClient,
// the providers' API addresses (SB_TWILIO_API_BASE points at a fake by hand), the calls'
// recordings (fetched and cached), and the vault's Sealer once openVault() has opened it
// without blocking (provider credentials wait for it; nothing falls back to plaintext).
class ProviderAccess final : public QObject
{
    Q_OBJECT

public:
    explicit ProviderAccess(std::shared_ptr<Store::Database> database, QObject *parent = nullptr);
    ~ProviderAccess() override;

    Net::HttpClient &http() { return m_http; }
    QUrl twilioApiBase() const { return m_twilioApiBase; }
    QUrl vapiApiBase() const { return m_vapiApiBase; } // SB_VAPI_API_BASE, else VAPI's own
    QUrl ringCentralPlatform() const { return m_ringCentralPlatform; } // SB_RINGCENTRAL_BASE, else RingCentral's
    void setTwilioApiBase(const QUrl &base) { m_twilioApiBase = base; }
    Recordings::MediaFetcher *recordings() const { return m_recordings.get(); }
    // The CRMs (SB_HUBSPOT_BASE and SB_ZOHO_BASES point them at fakes by hand).
    const Providers::CrmPlatforms &crms() const { return m_crms; }
    void setCrms(const Providers::CrmPlatforms &crms);
    // Access tokens of the store's OAuth grants (null until the vault is open): one refresh
    // per grant, shared with every other process on the store.
    OAuth::AccessTokens *tokens() const { return m_tokens.get(); }
    // Opens an address in the system browser (an OAuth sign-in); a test hands its own.
    using OpenBrowser = std::function<bool(const QUrl &url)>;
    void setBrowser(OpenBrowser browser) { m_browser = std::move(browser); }
    bool openBrowser(const QUrl &url) const;
    std::shared_ptr<const Vault::Sealer> sealer() const { return m_sealer; }
    void setSealer(std::shared_ptr<const Vault::Sealer> sealer);

    // The vault's keys from the keychain; says how it went with one of the signals below.
    void openVault();
    enum class VaultState { Opening, Open, NotSetUp, Unavailable };
    VaultState vaultState() const { return m_vaultState; }
    // Why provider features wait, in words for a person (empty once the vault is open).
    QString whyWaiting() const;
    // Recordings not played for this many days leave this computer (0: kept), on a worker.
    void purgeRecordings(int keepDays) const;

signals:
    void sealerChanged(); // or the vault's state: whyWaiting() may say something else now
    void vaultOpened();
    void vaultNotSetUp();
    void vaultFailed(const QString &message);

private:
    std::shared_ptr<Store::Database> m_database;
    Net::HttpClient m_http;
    QUrl m_twilioApiBase;
    QUrl m_vapiApiBase;
    QUrl m_ringCentralPlatform;
    Providers::CrmPlatforms m_crms;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    std::unique_ptr<Recordings::MediaFetcher> m_recordings; // sends through m_http
    std::unique_ptr<OAuth::AccessTokens> m_tokens;
    OpenBrowser m_browser;
    VaultState m_vaultState = VaultState::Opening;
    QString m_vaultProblem; // why it is unavailable
};

} // namespace Sb::Ui
