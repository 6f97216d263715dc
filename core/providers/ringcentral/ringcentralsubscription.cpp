#include "ringcentralsubscription.h"

#include <core/common/continuation.h>
#include <core/store/database.h>
#include <core/store/ringcentraluserstore.h>
#include <core/vault/sealedsecretstore.h>

#include <QDateTime>
#include <QRandomGenerator>

namespace Sb::Providers::RingCentral {

namespace {
const QString kRecord = QStringLiteral("ringcentral-webhook");
const QString kPurpose = QStringLiteral("verification-token");

} // namespace

Result<Secret> RingCentralSubscriptionKeeper::verificationToken(Store::Database &database,
                                                              const Vault::Sealer &sealer,
                                                              const Store::TenantScope &tenant)
{
    Vault::SealedSecretStore secrets(database, sealer);
    auto kept = secrets.get(tenant, kRecord, kPurpose);
    if (kept || kept.error().code != ErrorCode::SecretMissing)
        return kept;
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(bytes.data()),
                                         reinterpret_cast<quint32 *>(bytes.data() + bytes.size()));
    const Secret made(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    if (auto put = secrets.put(tenant, kRecord, kPurpose, made); !put) {
        // serve's login reads secrets and never writes them: the token is made at sign-in.
        return Error{put.error().code,
                     tr("The clinic has no RingCentral verification token yet, and it could not be made here (%1). "
                        "Connecting RingCentral in the console, or `switchboardctl ringcentral subscribe`, makes it.")
                         .arg(put.error().message)};
    }
    return made;
}

namespace {
struct Known
{
    Store::RingCentralUser user;
    Secret token;
};
} // namespace

RingCentralSubscriptionKeeper::RingCentralSubscriptionKeeper(std::shared_ptr<Store::Database> database,
                                                             std::shared_ptr<const Vault::Sealer> sealer,
                                                             RingCentralAccount &account,
                                                             Store::TenantScope tenant,
                                                             StaffId staff,
                                                             QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_sealer(std::move(sealer))
    , m_account(account)
    , m_tenant(std::move(tenant))
    , m_staff(staff)
{}

QStringList RingCentralSubscriptionKeeper::eventFilters()
{
    // Their texts, and their calls as they happen.
    return {QStringLiteral("/restapi/v1.0/account/~/extension/~/message-store?type=SMS"),
            QStringLiteral("/restapi/v1.0/account/~/extension/~/telephony/sessions")};
}

void RingCentralSubscriptionKeeper::keep(const QUrl &publicUrl, std::function<void(Result<SubscriptionStep>)> done)
{
    m_done = std::move(done);
    if (!publicUrl.isValid() || publicUrl.scheme() != u"https") {
        return finish(Error{ErrorCode::InvalidArgument,
                            tr("RingCentral delivers only to an https address: give serve's public URL.")});
    }
    QUrl address = publicUrl; // serve's path for RingCentral, under its public URL
    address.setPath(publicUrl.path().endsWith(u'/') ? publicUrl.path() + QStringLiteral("ringcentral")
                                                    : publicUrl.path() + QStringLiteral("/ringcentral"));
    auto known = m_database->run([database = m_database, sealer = m_sealer, tenant = m_tenant, staff = m_staff]()
                                     -> Result<Known> {
        auto user = Store::RingCentralUserStore(*database).find(tenant, staff);
        if (!user)
            return user.error();
        if (!*user)
            return Error{ErrorCode::NotFound, tr("This staff member has not connected RingCentral.")};
        auto token = RingCentralSubscriptionKeeper::verificationToken(*database, *sealer, tenant);
        if (!token)
            return token.error();
        return Known{**user, *token};
    });
    onFinished(this, std::move(known), [this, address](Result<Known> known) {
        if (!known)
            return finish(known.error());
        const Store::RingCentralUser &user = known->user;
        if (user.subscriptionId.isEmpty())
            return create(address, known->token, SubscriptionStep::Created);
        const qint64 left = user.subscriptionExpiresAt - QDateTime::currentMSecsSinceEpoch();
        if (left > std::chrono::milliseconds(kRenewWithin).count())
            return finish(SubscriptionStep::Kept);
        m_account.renewSubscription(user.subscriptionId,
                                    whileAlive<Result<SubscriptionInfo>>(this, [this, address, token = known->token](
                                                                                   Result<SubscriptionInfo> renewed) {
                                        if (renewed)
                                            return save(*renewed, SubscriptionStep::Renewed);
                                        // RingCentral dropped it (expired, or blacklisted after
                                        // failed deliveries): a new one.
                                        if (renewed.error().code == ErrorCode::NotFound
                                            || renewed.error().code == ErrorCode::ProviderRefused)
                                            return create(address, token, SubscriptionStep::Recreated);
                                        finish(renewed.error());
                                    }));
    });
}

void RingCentralSubscriptionKeeper::create(const QUrl &address, const Secret &token, SubscriptionStep step)
{
    m_account.subscribe(address, token, eventFilters(),
                        whileAlive<Result<SubscriptionInfo>>(this, [this, step](Result<SubscriptionInfo> created) {
                            if (!created)
                                return finish(created.error());
                            save(*created, step);
                        }));
}

void RingCentralSubscriptionKeeper::save(const SubscriptionInfo &info, SubscriptionStep step)
{
    auto saved = m_database->run([database = m_database, tenant = m_tenant, staff = m_staff, info] {
        return Store::RingCentralUserStore(*database).saveSubscription(tenant, staff, info.id, info.expiresAt);
    });
    onFinished(this, std::move(saved), [this, step](Status status) {
        if (!status)
            return finish(status.error());
        finish(step);
    });
}

void RingCentralSubscriptionKeeper::finish(Result<SubscriptionStep> result)
{
    if (auto done = std::exchange(m_done, nullptr))
        done(std::move(result));
}

} // namespace Sb::Providers::RingCentral
