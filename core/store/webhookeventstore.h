#pragma once

#include <core/common/result.h>
#include <core/store/callrecord.h>
#include <core/store/messagerecord.h>
#include <core/store/tenantscope.h>

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>

#include <variant>

namespace Sb::Store {

class Database;

// A provider's event as received, kept once per tenant, provider and event key.
struct WebhookEventRecord
{
    QString provider;
    QString eventType;
    QString eventKey; // unique per provider event: a redelivery has the same key
    QByteArray headersJson;
    QByteArray rawBody;
};

// What an event says in the store's terms; monostate: it is kept raw only.
using DomainChange =
    std::variant<std::monostate, MessageRecord, CallProgress, CallRecording, CallReport>;

// An event and the tenant our routing gave it.
struct ReceivedEvent
{
    TenantScope tenant;
    WebhookEventRecord raw;
    DomainChange change;
};

// Stores webhook events exactly once: the raw event (INSERT … ON CONFLICT DO NOTHING on its key)
// and its domain record, applied by MessageStore or CallStore, in one transaction, so a
// redelivery, even a concurrent one from another server, adds nothing. Also the audit lines.
class WebhookEventStore final
{
public:
    explicit WebhookEventStore(Database &database);

    // true: stored now; false: a duplicate of an event already stored.
    Result<bool> storeOnce(const ReceivedEvent &event);
    // Several events, perhaps of several tenants, in order, inside a transaction the caller
    // opened (group commit): for each, stored now or a duplicate (also of an earlier one in the
    // list). On PostgreSQL the raw events and message rows of the whole list go in one round
    // trip (sb_store_webhook_events), each tenant's under its own scope: there a round trip per
    // statement is what limits a batch.
    Result<QList<bool>> storeAllIn(QSqlDatabase &db, const QList<ReceivedEvent> &events);
    // The same, a statement per event and every domain record merged in C++: what storeAllIn
    // does on SQLite, and the rule PostgreSQL's batch function is held to (tst_groupcommit).
    Result<QList<bool>> storeOneByOneIn(QSqlDatabase &db, const QList<ReceivedEvent> &events);
    Status audit(const TenantScope &tenant, const QString &action, const QString &detail);

private:
    Result<QList<bool>> storeBatchIn(QSqlDatabase &db, const QList<ReceivedEvent> &events);
    Status applyIn(QSqlDatabase &db, const ReceivedEvent &event);

    Database &m_database;
};

} // namespace Sb::Store
