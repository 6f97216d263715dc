#include "twilionumbers.h"

#include "twilioaccounts.h"

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

TwilioNumbers::TwilioNumbers(Store::Database &database,
                             const Vault::Sealer &sealer,
                             Net::HttpClient &http,
                             QUrl apiBase)
    : m_database(database)
    , m_sealer(sealer)
    , m_http(http)
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
                         std::function<void(Result<NumberSync>)> done) const
{
    auto account = TwilioAccounts(m_database, m_sealer).account(tenant);
    if (!account) {
        done(account.error());
        return;
    }
    const QString sid = account->credentials.accountSid;
    Store::Database &database = m_database;
    TwilioClient(m_http, tenant.tenantId().value(), account->credentials, m_apiBase)
        .listIncomingNumbers(sid, [&database, tenant, sid, keepNew, done](auto numbers) {
            if (!numbers) {
                done(TwilioClient::toError(numbers.error()));
                return;
            }
            NumberSync sync;
            sync.numbers = *numbers;
            auto known = Store::PhoneNumberStore(database).list(tenant);
            if (!known) {
                done(known.error());
                return;
            }
            if (keepNew) {
                auto added = store(database, tenant, sync.numbers);
                if (!added) {
                    done(added.error());
                    return;
                }
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
                const bool atTwilio =
                    std::any_of(sync.numbers.cbegin(), sync.numbers.cend(), [&](const auto &n) {
                        return n.e164 == number.e164;
                    });
                if (number.provider == Store::NumberProvider::Twilio
                    && number.providerAccountId == sid && !atTwilio)
                    sync.gone.append(number.e164);
            }
            done(sync);
        });
}

void TwilioNumbers::release(const Store::TenantScope &tenant,
                            const QString &e164,
                            std::function<void(Status)> done) const
{
    auto number = Store::PhoneNumberStore(m_database).find(tenant, e164);
    if (!number || number->provider != Store::NumberProvider::Twilio
        || number->providerNumberId.isEmpty()) {
        done(Error{ErrorCode::NotFound,
                   tr("%1 is not one of this tenant's Twilio numbers").arg(e164)});
        return;
    }
    auto account = TwilioAccounts(m_database, m_sealer).account(tenant, number->providerAccountId);
    if (!account) {
        done(account.error());
        return;
    }
    Store::Database &database = m_database;
    TwilioClient(m_http, tenant.tenantId().value(), account->credentials, m_apiBase)
        .releaseNumber(account->credentials.accountSid,
                       number->providerNumberId,
                       [&database, tenant, e164, done](Result<Ok, Net::ProviderError> released) {
                           // Already gone at Twilio (20404): forgetting it is still right.
                           if (!released && released.error().providerCode != u"20404") {
                               done(TwilioClient::toError(released.error()));
                               return;
                           }
                           done(Store::PhoneNumberStore(database).remove(tenant, e164));
                       });
}

} // namespace Sb::Providers::Twilio
