#include "vapicaller.h"

#include "vapiaccounts.h"

#include <core/store/database.h>
#include <core/store/leadstore.h>
#include <core/store/phonenumberstore.h>
#include <core/store/sqlquery.h>

#include <QDateTime>

namespace Sb::Providers::Vapi {

namespace {
// The tenant's assistant number to call from: the one asked for, else the only one.
Result<Store::PhoneNumber> assistantNumber(Store::Database &database,
                                           const Tenancy::TenantScope &tenant,
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

void VapiCaller::callLead(const Tenancy::TenantScope &tenant,
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
                auto id = record(database, tenant, placed, assistantId, leadId);
                if (!id) {
                    done(id.error());
                    return;
                }
                placed.callId = *id;
                done(placed);
            });
}

Result<CallId> VapiCaller::record(Store::Database &database,
                                  const Tenancy::TenantScope &tenant,
                                  const PlacedCall &call,
                                  const QString &assistantId,
                                  LeadId lead)
{
    CallId id;
    auto status =
        database.transaction(tenant, Store::TransactionMode::Write, [&](QSqlDatabase &db) {
            // A report that beat us here already made the row: it keeps its outcome, gains the lead.
            auto inserted =
                Store::SqlQuery(
                    db,
                    QStringLiteral(
                        "INSERT INTO calls (tenant_id, provider, provider_call_id, vapi_call_id,"
                        " direction, from_e164, to_e164, counterpart_e164, status, status_rank,"
                        " started_at, assistant_id, lead_id, created_at, updated_at) VALUES "
                        "(:tenant,"
                        " 'vapi', :vapi, :vapi, 'outbound', :from, :to, :to, :status, 0, :now,"
                        " :assistant, :lead, :now, :now) ON CONFLICT (tenant_id, provider,"
                        " provider_call_id) DO UPDATE SET lead_id = excluded.lead_id,"
                        " assistant_id = COALESCE(calls.assistant_id, excluded.assistant_id)"
                        " RETURNING id"))
                    .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                    .bind(QStringLiteral(":vapi"), call.vapiCallId)
                    .bind(QStringLiteral(":from"), call.fromE164)
                    .bind(QStringLiteral(":to"), call.toE164)
                    .bind(QStringLiteral(":status"),
                          call.status.isEmpty() ? QStringLiteral("queued") : call.status)
                    .bind(QStringLiteral(":now"), QDateTime::currentMSecsSinceEpoch())
                    .bind(QStringLiteral(":assistant"), Store::optionalString(assistantId))
                    .bind(QStringLiteral(":lead"), lead.value())
                    .scalar();
            if (!inserted)
                return Status(inserted.error());
            id = CallId(inserted->toLongLong());
            return ok();
        });
    if (!status)
        return status.error();
    return id;
}

} // namespace Sb::Providers::Vapi
