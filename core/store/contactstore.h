#pragma once

#include "tenantscope.h"

#include <core/common/result.h>

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sb::Store {

class Database;

// One record as a CRM has it, normalised by its sync (phone to E.164, email case-folded).
struct CrmRecord
{
    QString recordId; // the CRM's own id
    QString name;
    QString email; // case-folded; empty when none
    QString phone; // as the CRM has it
    QString phoneE164; // empty when it has none, or none that parses
    qint64 modifiedAt = 0; // epoch ms
    bool isDeleted = false; // gone from the CRM (deleted, or archived)
    QStringList mergedRecordIds; // records merged into this one: gone as themselves
};

// Where a CRM record of a contact lives.
struct ContactLink
{
    QString platform; // "hubspot", "zoho"
    QString recordId;
    bool operator==(const ContactLink &) const = default;
};

// One person of a tenant, from every CRM that has them.
struct Contact
{
    ContactId id;
    QString name;
    QString email;
    QString phoneE164;
    QList<ContactLink> links;
    qint64 updatedAt = 0;
};

// Where a CRM's sync stands, kept with each page it stored.
struct CrmSyncState
{
    QString platform;
    bool isIncremental = false; // a full pass finished once: only changes from `since` on
    QString cursor; // where the pass under way goes on ("": from its start)
    qint64 since = 0; // changes at or after this were not all seen yet (incremental)
    qint64 highWater = 0; // the newest change the pass under way has seen
    int fetched = 0; // records the pass under way has stored
    int estimatedTotal = 0; // what the CRM said the pass has (0: not said)
    qint64 startedAt = 0;
    qint64 finishedAt = 0; // of the last pass finished (0: none yet)
    qint64 updatedAt = 0;
    bool isRunning() const { return startedAt > finishedAt; }
};

// The search box's reading of what was typed (Numbering::TypedSearch).
struct ContactSearch
{
    QString text; // part of the name or email (any case)
    QString e164; // a whole number
    QString digits; // part of a number
};

// Unified contacts: one row per person per tenant, linked to each CRM record it came from. A
// record joins the contact it is linked to, else the tenant's contact with the same number,
// else the one with the same email, else a new one: the same person in HubSpot and Zoho is one
// contact. Tenant-scoped; a page of records announces ChangeKind::Contacts, where a sync stands
// ChangeKind::Connections.
class ContactStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::ContactStore)

public:
    explicit ContactStore(Database &database);

    // A page of one CRM's records and where its sync now stands, in one transaction: after a
    // crash the sync goes on from the last page stored, and a page stored twice changes nothing.
    Status storePage(const TenantScope &tenant,
                     const QString &platform,
                     const QList<CrmRecord> &records,
                     const CrmSyncState &next);
    Result<std::optional<CrmSyncState>> syncState(const TenantScope &tenant, const QString &platform) const;
    Status saveSyncState(const TenantScope &tenant, const CrmSyncState &state);

    // Alphabetical by name; `after` continues after that contact (lazy listing).
    Result<QList<Contact>> search(const TenantScope &tenant,
                                  const ContactSearch &search,
                                  int limit,
                                  const std::optional<Contact> &after = std::nullopt) const;
    Result<std::optional<Contact>> find(const TenantScope &tenant, ContactId id) const;
    // The tenant's contacts; with a platform, the records linked from that CRM.
    Result<int> count(const TenantScope &tenant, const QString &platform = {}) const;

private:
    Database &m_database;
};

} // namespace Sb::Store
