#include "twilionumbers.h"

#include "twilioaccounts.h"

#include <core/common/continuation.h>
#include <core/store/database.h>
#include <core/store/phonenumberstore.h>

namespace Sb::Providers::Twilio {

namespace {
QStringList capabilitiesOf(const IncomingNumber &number)
{
    QStringList capabilities;
    if (number.canVoice)
        capabilities.append(QStringLiteral("voice"));
    if (number.canSms)
        capabilities.append(QStringLiteral("sms"));
    if (number.canMms)
        capabilities.append(QStringLiteral("mms"));
    return capabilities;
}
} // namespace

TwilioNumbers::TwilioNumbers(std::shared_ptr<Store::Database> database,
                             std::shared_ptr<const Vault::Sealer> sealer,
                             Net::HttpClient &http,
                             QUrl apiBase)
    : m_database(std::move(database))
    , m_sealer(std::move(sealer))
    , m_http(&http)
    , m_apiBase(std::move(apiBase))
{}

Result<QStringList> TwilioNumbers::store(Store::Database &database,
                                         const Store::TenantScope &tenant,
                                         const QList<IncomingNumber> &numbers)
{
    Store::PhoneNumberStore store(database);
    QStringList added;
    for (const IncomingNumber &number : numbers) {
        const QStringList capabilities = capabilitiesOf(number);
        if (auto known = store.find(tenant, number.e164)) {
            if (known->capabilities != capabilities) {
                if (auto updated = store.setCapabilities(tenant, known->id, capabilities); !updated)
                    return updated.error();
            }
            continue;
        }
        Store::PhoneNumber phone;
        phone.e164 = number.e164;
        phone.provider = Store::NumberProvider::Twilio;
        phone.providerAccountId = number.accountSid;
        phone.providerNumberId = number.sid;
        phone.purpose = Store::NumberPurpose::Clinic;
        phone.capabilities = capabilities;
        if (auto stored = store.add(tenant, phone); !stored) {
            if (stored.error().code != ErrorCode::AlreadyExists)
                return stored.error();
            // Not this tenant's (find() above would have seen it): another tenant has it.
            return Error{ErrorCode::AlreadyExists,
                         tr("%1 is in subaccount %2 at Twilio but belongs to another tenant "
                            "here; if it moved, remove it there first (switchboardctl number "
                            "remove)")
                             .arg(number.e164, number.accountSid)};
        }
        added.append(number.e164);
    }
    return added;
}

void TwilioNumbers::sync(const Store::TenantScope &tenant,
                         bool keepNew,
                         QObject *context,
                         std::function<void(Result<NumberSync>)> done) const
{
    const auto deliver = whileAlive(context, std::move(done));
    if (!m_http) {
        deliver(Error{ErrorCode::Unsupported, tr("Not synced: shutting down")});
        return;
    }
    auto account = m_database->run([database = m_database, sealer = m_sealer, tenant] {
        return TwilioAccounts(*database, *sealer).account(tenant);
    });
    onFinished(
        m_http.data(),
        std::move(account),
        [numbers = *this, tenant, keepNew, deliver](Result<TenantAccount> account) {
            if (!account || !numbers.m_http) {
                deliver(account ? Error{ErrorCode::Unsupported, tr("Not synced: shutting down")}
                                : account.error());
                return;
            }
            const QString sid = account->credentials.accountSid;
            const QString publicUrl = account->publicUrl;
            TwilioClient(
                *numbers.m_http, tenant.tenantId().value(), account->credentials, numbers.m_apiBase)
                .listIncomingNumbers(
                    sid, [numbers, tenant, sid, keepNew, publicUrl, deliver](auto listed) {
                        if (!listed) {
                            deliver(TwilioClient::toError(listed.error()));
                            return;
                        }
                        auto compared = numbers.m_database->run([database = numbers.m_database,
                                                                 tenant,
                                                                 sid,
                                                                 keepNew,
                                                                 listed = *listed] {
                            return compare(*database, tenant, sid, listed, keepNew);
                        });
                        onFinished(numbers.m_http.data(),
                                   std::move(compared),
                                   [publicUrl, deliver](Result<NumberSync> sync) {
                                       if (sync)
                                           sync->publicUrl = publicUrl;
                                       deliver(std::move(sync));
                                   });
                    });
        });
}

Result<NumberSync> TwilioNumbers::compare(Store::Database &database,
                                          const Store::TenantScope &tenant,
                                          const QString &accountSid,
                                          const QList<IncomingNumber> &numbers,
                                          bool keepNew)
{
    NumberSync sync;
    sync.numbers = numbers;
    auto known = Store::PhoneNumberStore(database).list(tenant);
    if (!known)
        return known.error();
    if (keepNew) {
        auto added = store(database, tenant, sync.numbers);
        if (!added)
            return added.error();
        sync.added = *added;
    } else {
        for (const auto &number : std::as_const(sync.numbers)) {
            if (std::none_of(known->cbegin(), known->cend(), [&](const auto &k) {
                    return k.e164 == number.e164;
                }))
                sync.added.append(number.e164);
        }
    }
    for (const auto &number : std::as_const(*known)) {
        const bool atTwilio = std::any_of(sync.numbers.cbegin(),
                                          sync.numbers.cend(),
                                          [&](const auto &n) { return n.e164 == number.e164; });
        if (number.provider == Store::NumberProvider::Twilio
            && number.providerAccountId == accountSid && !atTwilio)
            sync.gone.append(number.e164);
    }
    return sync;
}

void TwilioNumbers::release(const Store::TenantScope &tenant,
                            const QString &e164,
                            QObject *context,
                            std::function<void(Status)> done) const
{
    const auto deliver = whileAlive(context, std::move(done));
    if (!m_http) {
        deliver(Error{ErrorCode::Unsupported, tr("Not released: shutting down")});
        return;
    }
    struct Found
    {
        QString numberSid;
        TenantAccount account;
    };
    auto found = m_database->run(
        [database = m_database, sealer = m_sealer, tenant, e164]() -> Result<Found> {
            auto number = Store::PhoneNumberStore(*database).find(tenant, e164);
            if (!number || number->provider != Store::NumberProvider::Twilio
                || number->providerNumberId.isEmpty()) {
                return Error{ErrorCode::NotFound,
                             tr("%1 is not one of this tenant's Twilio numbers").arg(e164)};
            }
            auto account =
                TwilioAccounts(*database, *sealer).account(tenant, number->providerAccountId);
            if (!account)
                return account.error();
            return Found{number->providerNumberId, *account};
        });
    onFinished(
        m_http.data(),
        std::move(found),
        [numbers = *this, tenant, e164, deliver](Result<Found> found) {
            if (!found || !numbers.m_http) {
                deliver(found ? Error{ErrorCode::Unsupported, tr("Not released: shutting down")}
                              : found.error());
                return;
            }
            TwilioClient(*numbers.m_http,
                         tenant.tenantId().value(),
                         found->account.credentials,
                         numbers.m_apiBase)
                .releaseNumber(
                    found->account.credentials.accountSid,
                    found->numberSid,
                    [numbers, tenant, e164, deliver](Result<Ok, Net::ProviderError> released) {
                        // Already gone at Twilio (20404): forgetting it is still right.
                        if (!released && released.error().providerCode != u"20404") {
                            deliver(TwilioClient::toError(released.error()));
                            return;
                        }
                        auto forgotten =
                            numbers.m_database->run([database = numbers.m_database, tenant, e164] {
                                return Store::PhoneNumberStore(*database).remove(tenant, e164);
                            });
                        onFinished(numbers.m_http.data(), std::move(forgotten), deliver);
                    });
        });
}

} // namespace Sb::Providers::Twilio
