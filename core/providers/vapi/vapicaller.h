#pragma once

#include "vapiclient.h"

#include <core/common/id.h>
#include <core/net/httpclient.h>
#include <core/store/tenantscope.h>

#include <QPointer>

#include <memory>

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
//
// Safe to call from a view, as TwilioMessenger: the store on store threads, done on the
// HttpClient's thread and only while the context lives; once asked, the call is placed and
// recorded even if the view closes.
class VapiCaller final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Providers::Vapi::VapiCaller)

public:
    using Done = std::function<void(Result<PlacedCall>)>;

    VapiCaller(std::shared_ptr<Store::Database> database,
               std::shared_ptr<const Vault::Sealer> sealer,
               Net::HttpClient &http,
               QUrl apiBase = QUrl(QStringLiteral("https://api.vapi.ai")));

    // fromE164 empty: the tenant's only assistant number.
    void callLead(const Store::TenantScope &tenant,
                  LeadId lead,
                  const QString &fromE164,
                  QObject *context,
                  Done done) const;

private:
    struct Prepared; // the lead, the number to call from and the key, read on a store thread
    void
    place(const Store::TenantScope &tenant, LeadId lead, const Prepared &prepared, Done done) const;

    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<const Vault::Sealer> m_sealer;
    QPointer<Net::HttpClient> m_http;
    QUrl m_apiBase;
};

} // namespace Sb::Providers::Vapi
