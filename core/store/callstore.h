#pragma once

#include <core/common/id.h>
#include <core/common/result.h>
#include <core/store/callrecord.h>
#include <core/store/tenantscope.h>

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>

namespace Sb::Store {

class Database;

// A tenant's call log: newest first, by counterpart number, one call whole; and the only writer
// of calls. What providers say about a call comes as a domain record (CallProgress,
// CallRecording, CallReport, CallPlacement) and is merged into the row by CallMerge.
class CallStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::CallStore)

public:
    explicit CallStore(Database &database);

    Result<CallId> insert(const Store::TenantScope &tenant, const CallRecord &call);
    // An outbound call a provider has just placed for us, under the provider's call id
    // (provider, providerCallId, from, to, status, leadId of `call`). A report that arrived first
    // already made the row: it keeps its outcome and gains the lead and the assistant.
    Result<CallId> recordPlaced(const Store::TenantScope &tenant, const CallPlacement &placed);
    // Inside the caller's transaction (the ingest server's group commit): the call's row after
    // the record is applied; a recording of a call the log does not hold gives nullopt.
    Result<CallRecord>
    applyIn(QSqlDatabase &db, const Store::TenantScope &tenant, const CallProgress &progress);
    Result<std::optional<CallRecord>>
    applyIn(QSqlDatabase &db, const Store::TenantScope &tenant, const CallRecording &recording);
    Result<CallRecord>
    applyIn(QSqlDatabase &db, const Store::TenantScope &tenant, const CallReport &report);
    // A page of a staff member's own call log, in one transaction: each call once (a call the
    // log holds is completed, never doubled). Returns how many were new.
    Result<int> applyLog(const Store::TenantScope &tenant, const QList<CallLogEntry> &entries);
    // A staff member's call as it happens, by its session: the row after the event is applied.
    Result<CallRecord> apply(const Store::TenantScope &tenant, const CallSessionEvent &event);
    // One call with everything the log holds about it (transcript included).
    Result<CallRecord> call(const Store::TenantScope &tenant, CallId id) const;
    Result<QList<CallRecord>>
    newest(const Store::TenantScope &tenant, const CallCursor &after, int limit) const;
    // The calls that match, newest first (or oldest first), in keyset pages as newest().
    Result<QList<CallRecord>> search(const Store::TenantScope &tenant,
                                     const CallSearch &search,
                                     const CallCursor &after,
                                     int limit,
                                     CallOrder order = CallOrder::NewestFirst) const;
    // The page after the call beforeId, for listings that page by id (switchboardctl).
    Result<QList<CallRecord>>
    newestBefore(const Store::TenantScope &tenant, qint64 beforeId, int limit) const;
    Result<QList<CallRecord>>
    byCounterpart(const Store::TenantScope &tenant, const QString &e164, int limit) const;
    Status remove(const Store::TenantScope &tenant, CallId id);

private:
    Result<std::optional<CallRecord>> findIn(QSqlDatabase &db,
                                             const Store::TenantScope &tenant,
                                             const QString &provider,
                                             const QString &providerCallId,
                                             const QString &sessionId = {}) const;
    // The call a report completes: the assistant's own, or the Twilio call forwarded to it
    // (same caller, not linked yet, started within the last hours).
    Result<std::optional<CallRecord>> findReportedIn(QSqlDatabase &db,
                                                     const Store::TenantScope &tenant,
                                                     const CallReport &report) const;
    // nullopt: a row with the same provider call id, or session, is already there.
    Result<std::optional<CallId>>
    insertIn(QSqlDatabase &db, const Store::TenantScope &tenant, const CallRecord &call);
    Status updateIn(QSqlDatabase &db,
                    const Store::TenantScope &tenant,
                    const CallRecord &stored,
                    const CallRecord &merged);
    // The one write rule of every word on a call: `fresh` inserted when the call is new, else
    // the stored row (by its provider id, or its session) updated to merge(stored). Twice at
    // most: a row another writer inserted between the two statements is found the second time.
    struct Written
    {
        CallRecord call;
        bool isNew = false;
    };
    using Merge = std::function<CallRecord(const CallRecord &stored)>;
    Result<Written>
    writeIn(QSqlDatabase &db, const Store::TenantScope &tenant, const CallRecord &fresh, const Merge &merge);

    Database &m_database;
};

} // namespace Sb::Store
