#pragma once

#include "vapiclient.h"

#include <core/common/id.h>
#include <core/store/tenantscope.h>

namespace Sb::Store {
class Database;
}
namespace Sb::Vault {
class Sealer;
}

namespace Sb::Providers::Vapi {

struct PlacedCall
{
    CallId callId; // our call record
    QString vapiCallId;
    QString status;
    QString fromE164; // the assistant number
    QString toE164; // the lead
};

// `switchboardctl vapi call --lead L`: has the tenant's assistant call one of its leads. The
// call is recorded under VAPI's id before anything else can happen to it, so the status updates
// and end-of-call report route by our own record, not by the metadata VAPI echoes.
class VapiCaller final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Vapi::VapiCaller)

public:
    using Done = std::function<void(Result<PlacedCall>)>;

    VapiCaller(Store::Database &database,
               const Vault::Sealer &sealer,
               Net::HttpClient &http,
               QUrl apiBase = QUrl(QStringLiteral("https://api.vapi.ai")));

    // fromE164 empty: the tenant's only assistant number.
    void callLead(const Store::TenantScope &tenant,
                  LeadId lead,
                  const QString &fromE164,
                  Done done) const;

private:
    Store::Database &m_database;
    const Vault::Sealer &m_sealer;
    Net::HttpClient &m_http;
    QUrl m_apiBase;
};

} // namespace Sb::Providers::Vapi
