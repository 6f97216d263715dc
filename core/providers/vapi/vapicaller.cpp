#include "vapicaller.h"

#include "vapiaccounts.h"

#include <core/common/continuation.h>
#include <core/store/callstore.h>
#include <core/store/database.h>
#include <core/store/leadstore.h>
#include <core/store/phonenumberstore.h>

namespace Sb::Providers::Vapi {

namespace {
// The tenant's assistant number to call from: the one asked for, else the only one.
Result<Store::PhoneNumber> assistantNumber(Store::Database &database,
                                           const Store::TenantScope &tenant,
                                           const QString &fromE164)
{
    auto numbers = Store::PhoneNumberStore(database).list(tenant);
    if (!numbers)
        return numbers.error();
    QList<Store::PhoneNumber> usable;
    for (const auto &number : std::as_const(*numbers)) {
        if (number.provider == Store::NumberProvider::Vapi
            && number.purpose == Store::NumberPurpose::Assistant
            && !number.providerNumberId.isEmpty()
            && (fromE164.isEmpty() || number.e164 == fromE164))
            usable.append(number);
    }
    if (usable.size() == 1)
        return usable.first();
    if (usable.isEmpty()) {
        return Error{
            ErrorCode::NotFound,
            fromE164.isEmpty()
                ? VapiCaller::tr("This tenant has no VAPI assistant number (switchboardctl "
                                 "vapi numbers --sync)")
                : VapiCaller::tr("%1 is not one of this tenant's VAPI assistant numbers")
                      .arg(fromE164)};
    }
    QStringList choices;
    for (const auto &number : std::as_const(usable))
        choices.append(number.e164);
    return Error{ErrorCode::InvalidArgument,
                 VapiCaller::tr("Choose the assistant number to call from: %1")
                     .arg(choices.join(QStringLiteral(", ")))};
}
} // namespace

struct VapiCaller::Prepared
{
    CallRequest request;
    Secret key;
    QString fromE164;
};

VapiCaller::VapiCaller(std::shared_ptr<Store::Database> database,
                       std::shared_ptr<const Vault::Sealer> sealer,
                       Net::HttpClient &http,
                       QUrl apiBase)
    : m_database(std::move(database))
    , m_sealer(std::move(sealer))
    , m_http(&http)
    , m_apiBase(std::move(apiBase))
{}

void VapiCaller::callLead(const Store::TenantScope &tenant,
                          LeadId leadId,
                          const QString &fromE164,
                          QObject *context,
                          Done done) const
{
    const Done deliver = whileAlive(context, std::move(done));
    if (!m_http) {
        deliver(Error{ErrorCode::Unsupported, tr("The call was not placed: shutting down")});
        return;
    }
    auto prepared = m_database->run(
        [database = m_database, sealer = m_sealer, tenant, leadId, fromE164]() -> Result<Prepared> {
            auto lead = Store::LeadStore(*database).find(tenant, leadId);
            if (!lead)
                return lead.error();
            if (lead->phoneE164.isEmpty()) {
                return Error{ErrorCode::InvalidArgument,
                             tr("Lead %1 has no phone number to call").arg(leadId.value())};
            }
            auto from = assistantNumber(*database, tenant, fromE164);
            if (!from)
                return from.error();
            auto key = VapiAccounts(*database, *sealer).privateKey(tenant);
            if (!key)
                return key.error();
            Prepared ready{{}, *key, from->e164};
            ready.request.assistantId = from->assistantId;
            ready.request.phoneNumberId = from->providerNumberId;
            ready.request.customerE164 = lead->phoneE164;
            ready.request.tenantId = tenant.tenantId().value();
            ready.request.variableValues = {{QStringLiteral("leadName"), lead->name}};
            return ready;
        });
    onFinished(m_http.data(),
               std::move(prepared),
               [caller = *this, tenant, leadId, deliver](Result<Prepared> ready) {
                   if (!ready) {
                       deliver(ready.error());
                       return;
                   }
                   caller.place(tenant, leadId, *ready, deliver);
               });
}

void VapiCaller::place(const Store::TenantScope &tenant,
                       LeadId leadId,
                       const Prepared &prepared,
                       Done deliver) const
{
    if (!m_http) {
        deliver(Error{ErrorCode::Unsupported, tr("The call was not placed: shutting down")});
        return;
    }
    VapiClient(*m_http, tenant.tenantId().value(), prepared.key, m_apiBase)
        .createCall(
            prepared.request,
            [database = m_database,
             http = m_http,
             tenant,
             leadId,
             assistantId = prepared.request.assistantId,
             from = prepared.fromE164,
             to = prepared.request.customerE164,
             deliver](Result<VapiCall, Net::ProviderError> created) {
                if (!created) {
                    deliver(created.error().toError());
                    return;
                }
                Store::CallRecord row;
                row.provider = QStringLiteral("vapi");
                row.providerCallId = created->id;
                row.isInbound = false;
                row.fromE164 = from;
                row.toE164 = to;
                row.counterpartE164 = to;
                row.status = created->status;
                row.leadId = leadId;
                // Recorded on a store thread, before its status updates can need it.
                auto recorded = database->run([database, tenant, row, assistantId] {
                    return Store::CallStore(*database).recordPlaced(tenant, {row, assistantId});
                });
                PlacedCall placed{{}, created->id, created->status, from, to};
                onFinished(
                    http.data(), std::move(recorded), [placed, deliver](Result<CallId> id) mutable {
                        if (!id) {
                            deliver(id.error());
                            return;
                        }
                        placed.callId = *id;
                        deliver(placed);
                    });
            });
}

} // namespace Sb::Providers::Vapi
