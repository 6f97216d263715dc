#pragma once

#include <core/common/id.h>
#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QList>
#include <QString>

namespace Sb::Store {

class Database;

struct CallRecord
{
    CallId id;
    QString provider;
    QString providerCallId;
    bool isInbound = true;
    QString fromE164;
    QString toE164;
    QString counterpartE164; // the party outside the tenant: what a screen-pop looks up
    QString status;
    qint64 startedAt = 0;
    int durationSeconds = 0;
    QString recordingUrl;
    QString summary; // the assistant's, from VAPI's end-of-call report
    QString endedReason;
    LeadId leadId; // the lead an assistant called, if any
};

// Keyset position: the last row of the previous page (never OFFSET on big tables).
struct CallCursor
{
    qint64 startedAt = 0;
    CallId id;
    bool isStart() const { return !id.isValid(); }
};

// A tenant's call log: newest first, by counterpart number, and inserts.
class CallStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::CallStore)

public:
    explicit CallStore(Database &database);

    Result<CallId> insert(const Store::TenantScope &tenant, const CallRecord &call);
    // An outbound call a provider has just placed for us, under the provider's call id
    // (provider, providerCallId, from, to, status, leadId of `call`). A report that arrived first
    // already made the row: it keeps its outcome and gains the lead and the assistant.
    Result<CallId> recordPlaced(const Store::TenantScope &tenant,
                                const CallRecord &call,
                                const QString &assistantId);
    Result<QList<CallRecord>>
    newest(const Store::TenantScope &tenant, const CallCursor &after, int limit) const;
    // The page after the call beforeId, for listings that page by id (switchboardctl).
    Result<QList<CallRecord>>
    newestBefore(const Store::TenantScope &tenant, qint64 beforeId, int limit) const;
    Result<QList<CallRecord>>
    byCounterpart(const Store::TenantScope &tenant, const QString &e164, int limit) const;
    Status remove(const Store::TenantScope &tenant, CallId id);

private:
    Database &m_database;
};

} // namespace Sb::Store
