#pragma once

#include "contactstore.h"

#include <core/common/result.h>

#include <QHash>
#include <QSqlDatabase>

namespace Sb::Store {

// One page of a CRM's records written into the unified contacts, inside ContactStore's
// transaction, by sets rather than record by record: one read of the page's links, one of
// the tenant's contacts its numbers and emails match, one insert of the new people, one
// upsert of the links. A contact a record changes is updated on its own (two statements), and
// a deleted or merged record is unlinked on its own; both are rare next to new and unchanged
// records. A few statements a page instead of about five a record: a round trip each on
// PostgreSQL.
class ContactPageWriter final
{
public:
    ContactPageWriter(QSqlDatabase &db, qint64 tenantId, QString platform, qint64 now);

    Status write(const QList<CrmRecord> &records);

    // What a search matches: the name, the email and the number's digits, in lower case.
    static QString searchTextOf(const QString &name, const QString &email, const QString &e164);

private:
    Result<QHash<QString, qint64>> linkedContacts(const QList<const CrmRecord *> &records);
    // The tenant's lowest contact id per number and per email among the page's.
    Status readMatches(const QList<const CrmRecord *> &records);
    Status insertContacts(const QList<const CrmRecord *> &people, QHash<const CrmRecord *, qint64> &contactOf);
    Status insertChunk(const QList<const CrmRecord *> &people, QHash<const CrmRecord *, qint64> &contactOf);
    Status updateContact(qint64 id, const CrmRecord &record);
    Status upsertLinks(const QList<const CrmRecord *> &records, const QHash<const CrmRecord *, qint64> &contactOf);
    Status upsertChunk(const QList<const CrmRecord *> &records, const QHash<const CrmRecord *, qint64> &contactOf);
    Status unlink(const QString &recordId);

    QSqlDatabase &m_db;
    qint64 m_tenant;
    QString m_platform;
    qint64 m_now;
    QHash<QString, qint64> m_byPhone;
    QHash<QString, qint64> m_byEmail;
};

} // namespace Sb::Store
