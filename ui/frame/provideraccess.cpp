#include "provideraccess.h"

#include <core/oauth/accesstokens.h>
#include <core/providers/grantrefresh.h>
#include <core/recordings/mediafetcher.h>
#include <core/store/database.h>
#include <core/vault/sealer.h>
#include <core/vault/vaultopener.h>

#include <QDesktopServices>
#include <QThreadPool>

namespace Sb::Ui {

ProviderAccess::ProviderAccess(std::shared_ptr<Store::Database> database, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_twilioApiBase(
          qEnvironmentVariable("SB_TWILIO_API_BASE", QStringLiteral("https://api.twilio.com")))
    , m_vapiApiBase(qEnvironmentVariable("SB_VAPI_API_BASE", QStringLiteral("https://api.vapi.ai")))
    , m_ringCentralPlatform(Providers::ringCentralPlatformFromEnvironment())
    , m_recordings(std::make_unique<Recordings::MediaFetcher>(
          m_database,
          m_http,
          Recordings::RecordingCache(Recordings::RecordingCache::defaultRoot(),
                                     m_database->url().toString()),
          m_twilioApiBase))
{
    if (auto crms = Providers::CrmPlatforms::fromEnvironment())
        m_crms = *crms;
    else
        qWarning("%s", qPrintable(crms.error().message)); // a developer's typo: the real CRMs stay
}

ProviderAccess::~ProviderAccess() = default;

QString ProviderAccess::whyWaiting() const
{
    switch (m_vaultState) {
    case VaultState::Open:
        return {};
    case VaultState::Opening:
        return tr("The vault is opening on this computer…");
    case VaultState::NotSetUp:
        return tr("This store has no vault yet, so no provider credentials: an administrator "
                  "sets it up with switchboardctl vault init.");
    case VaultState::Unavailable:
        return tr("The vault cannot be opened on this computer: %1").arg(m_vaultProblem);
    }
    return {};
}

void ProviderAccess::setCrms(const Providers::CrmPlatforms &crms)
{
    m_crms = crms;
    setSealer(m_sealer); // the tokens refresh at these
}

bool ProviderAccess::openBrowser(const QUrl &url) const
{
    return m_browser ? m_browser(url) : QDesktopServices::openUrl(url);
}

void ProviderAccess::setSealer(std::shared_ptr<const Vault::Sealer> sealer)
{
    m_sealer = std::move(sealer);
    m_recordings->setLineAccess(nullptr, {});
    m_tokens.reset();
    if (m_sealer) {
        // Each CRM's grants refresh with that CRM's app, each RingCentral user's with the app
        // that signed them in.
        m_tokens = std::make_unique<OAuth::AccessTokens>(
            m_database, m_sealer, m_http,
            Providers::refreshTargetsForAll(m_crms, m_sealer, m_ringCentralPlatform));
        // Staff members' own lines' recordings: RingCentral's platform and its media host.
        m_recordings->setLineAccess(m_tokens.get(),
                                    {m_ringCentralPlatform, QUrl(QStringLiteral("https://media.ringcentral.com"))});
    }
    m_vaultState = m_sealer ? VaultState::Open : m_vaultState;
    m_recordings->setSealer(m_sealer);
    emit sealerChanged();
}

void ProviderAccess::openVault()
{
    auto *opener = new Vault::VaultOpener(m_database, this);
    connect(opener,
            &Vault::VaultOpener::opened,
            this,
            [this, opener](std::shared_ptr<const Vault::Sealer> sealer) {
                opener->deleteLater();
                setSealer(std::move(sealer));
                emit vaultOpened();
            });
    connect(opener, &Vault::VaultOpener::notSetUp, this, [this, opener] {
        opener->deleteLater();
        m_vaultState = VaultState::NotSetUp;
        emit vaultNotSetUp();
        emit sealerChanged(); // still none: those waiting say why now
    });
    connect(opener, &Vault::VaultOpener::failed, this, [this, opener](const QString &message) {
        opener->deleteLater();
        m_vaultState = VaultState::Unavailable;
        m_vaultProblem = message;
        emit vaultFailed(message);
        emit sealerChanged();
    });
    opener->open();
}

void ProviderAccess::purgeRecordings(int keepDays) const
{
    if (keepDays <= 0)
        return;
    QThreadPool::globalInstance()->start([cache = m_recordings->cache(), keepDays] {
        cache.purge(std::chrono::hours(24 * keepDays));
    });
}

} // namespace Sb::Ui
