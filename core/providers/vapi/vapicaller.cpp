#include "vapicaller.h"

#include "vapiaccounts.h"

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

VapiCaller::VapiCaller(Store::Database &database,
                       const Vault::Sealer &sealer,
                       Net::HttpClient &http,
                       QUrl apiBase)
    : m_database(database)
    , m_sealer(sealer)
    , m_http(http)
    , m_apiBase(std::move(apiBase))
{}

void VapiCaller::callLead(const Store::TenantScope &tenant,
                          LeadId leadId,
                          const QString &fromE164,
                          Done done) const
{
    auto lead = Store::LeadStore(m_database).find(tenant, leadId);
    if (!lead) {
        done(lead.error());
        return;
    }
    if (lead->phoneE164.isEmpty()) {
        done(Error{ErrorCode::InvalidArgument,
                   tr("Lead %1 has no phone number to call").arg(leadId.value())});
        return;
    }
    auto from = assistantNumber(m_database, tenant, fromE164);
    if (!from) {
        done(from.error());
        return;
    }
    auto key = VapiAccounts(m_database, m_sealer).privateKey(tenant);
    if (!key) {
        done(key.error());
        return;
    }
    CallRequest request;
    request.assistantId = from->assistantId;
    request.phoneNumberId = from->providerNumberId;
    request.customerE164 = lead->phoneE164;
    request.tenantId = tenant.tenantId().value();
    request.variableValues = {{QStringLiteral("leadName"), lead->name}};
    Store::Database &database = m_database;
    const QString assistantId = from->assistantId;
    const QString fromNumber = from->e164;
    VapiClient(m_http, tenant.tenantId().value(), *key, m_apiBase)
        .createCall(
            request,
            [&database, tenant, leadId, assistantId, fromNumber, to = lead->phoneE164, done](
                Result<VapiCall, Net::ProviderError> created) {
                if (!created) {
                    done(created.error().toError());
                    return;
                }
                PlacedCall placed{{}, created->id, created->status, fromNumber, to};
                Store::CallRecord row;
                row.provider = QStringLiteral("vapi");
                row.providerCallId = created->id;
                row.isInbound = false;
                row.fromE164 = fromNumber;
                row.toE164 = to;
                row.counterpartE164 = to;
                row.status = created->status;
                row.leadId = leadId;
                auto id = Store::CallStore(database).recordPlaced(tenant, {row, assistantId});
                if (!id) {
                    done(id.error());
                    return;
                }
                placed.callId = *id;
                done(placed);
            });
}

} // namespace Sb::Providers::Vapi
