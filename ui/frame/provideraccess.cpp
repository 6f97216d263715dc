#include "provideraccess.h"

#include <core/recordings/mediafetcher.h>
#include <core/store/database.h>
#include <core/vault/sealer.h>
#include <core/vault/vaultopener.h>

#include <QThreadPool>

namespace Sb::Ui {

ProviderAccess::ProviderAccess(std::shared_ptr<Store::Database> database, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_twilioApiBase(
          qEnvironmentVariable("SB_TWILIO_API_BASE", QStringLiteral("https://api.twilio.com")))
    , m_vapiApiBase(qEnvironmentVariable("SB_VAPI_API_BASE", QStringLiteral("https://api.vapi.ai")))
    , m_recordings(std::make_unique<Recordings::MediaFetcher>(
          m_database,
          m_http,
          Recordings::RecordingCache(Recordings::RecordingCache::defaultRoot(),
                                     m_database->url().toString()),
          m_twilioApiBase))
{}

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

void ProviderAccess::setSealer(std::shared_ptr<const Vault::Sealer> sealer)
{
    m_sealer = std::move(sealer);
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
