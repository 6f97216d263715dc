#pragma once

#include <core/common/id.h>
#include <core/common/result.h>
#include <core/store/tenantscope.h>

#include <QList>
#include <QString>

namespace Sb::Store {

class Database;

struct CallNote
{
    qint64 id = 0;
    CallId callId;
    StaffId authorId;
    QString authorName;
    QString body;
    qint64 createdAt = 0;
    qint64 updatedAt = 0; // 0: never edited
    int revisions = 0; // earlier texts kept
};

struct CallNoteRevision
{
    QString body; // the text an edit replaced
    QString editedBy;
    qint64 editedAt = 0;
};

// Staff notes on a call: every staff member of the tenant reads them (row-level security keeps
// every other tenant out on PostgreSQL), only the author changes one, and an edit keeps the text
// it replaced. The author is whoever signed in (StaffSession), never a field the client chose;
// on PostgreSQL a restrictive policy holds a login to its own name.
class CallNoteStore final
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Store::CallNoteStore)

public:
    explicit CallNoteStore(Database &database);

    Result<CallNote> add(const TenantScope &tenant,
                         CallId call,
                         StaffId author,
                         const QString &authorName,
                         const QString &body);
    Result<CallNote>
    edit(const TenantScope &tenant, qint64 noteId, StaffId editor, const QString &body);
    // Oldest first, as a conversation is read.
    Result<QList<CallNote>> forCall(const TenantScope &tenant, CallId call) const;
    // Newest first.
    Result<QList<CallNoteRevision>> history(const TenantScope &tenant, qint64 noteId) const;

private:
    Database &m_database;
};

} // namespace Sb::Store
