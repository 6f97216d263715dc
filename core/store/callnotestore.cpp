#include "callnotestore.h"

#include "database.h"
#include "sqlquery.h"

#include <QDateTime>

namespace Sb::Store {

namespace {
const QString kSelect = QStringLiteral(
    "SELECT n.id, n.call_id, COALESCE(n.author_staff_id, 0), n.author_name, n.body, n.created_at,"
    " COALESCE(n.updated_at, 0), (SELECT COUNT(*) FROM call_note_revisions r"
    " WHERE r.tenant_id = n.tenant_id AND r.note_id = n.id) FROM call_notes n");

CallNote noteFrom(const SqlQuery &query)
{
    CallNote note;
    note.id = query.value(0).toLongLong();
    note.callId = CallId(query.value(1).toLongLong());
    note.authorId = StaffId(query.value(2).toLongLong());
    note.authorName = query.value(3).toString();
    note.body = query.value(4).toString();
    note.createdAt = query.value(5).toLongLong();
    note.updatedAt = query.value(6).toLongLong();
    note.revisions = query.value(7).toInt();
    return note;
}

Status checkBody(const QString &body)
{
    if (body.trimmed().isEmpty())
        return Error{ErrorCode::InvalidArgument, CallNoteStore::tr("A note needs some text")};
    if (body.size() > 20'000)
        return Error{ErrorCode::InvalidArgument,
                     CallNoteStore::tr("A note is at most 20,000 characters")};
    return ok();
}
} // namespace

CallNoteStore::CallNoteStore(Database &database)
    : m_database(database)
{}

Result<CallNote> CallNoteStore::add(const TenantScope &tenant,
                                    CallId call,
                                    StaffId author,
                                    const QString &authorName,
                                    const QString &body)
{
    if (auto valid = checkBody(body); !valid)
        return valid.error();
    CallNote note{0, call, author, authorName, body.trimmed(), QDateTime::currentMSecsSinceEpoch()};
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        // The call must be this tenant's: a note never hangs on another tenant's call.
        auto owned = SqlQuery(db,
                              QStringLiteral("SELECT COUNT(*) FROM calls WHERE tenant_id = :tenant"
                                             " AND id = :call"))
                         .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                         .bind(QStringLiteral(":call"), call.value())
                         .scalar();
        if (!owned)
            return Status(owned.error());
        if (owned->toInt() == 0)
            return Status(Error{ErrorCode::NotFound, tr("No such call in this tenant")});
        auto inserted =
            InsertQuery(db,
                        QStringLiteral("INSERT INTO call_notes (tenant_id, call_id, author_staff_id,"
                                       " author_name, body, created_at) VALUES (:tenant, :call,"
                                       " :author, :name, :body, :at)"))
                .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                .bind(QStringLiteral(":call"), call.value())
                .bind(QStringLiteral(":author"), author.value())
                .bind(QStringLiteral(":name"), authorName)
                .bind(QStringLiteral(":body"), note.body)
                .bind(QStringLiteral(":at"), note.createdAt)
                .execForId();
        if (!inserted)
            return Status(inserted.error());
        note.id = *inserted;
        m_database.noteChange({tenant.tenantId(), ChangeKind::Calls, call.value()});
        return ok();
    });
    if (!status)
        return status.error();
    return note;
}

Result<CallNote>
CallNoteStore::edit(const TenantScope &tenant, qint64 noteId, StaffId editor, const QString &body)
{
    if (auto valid = checkBody(body); !valid)
        return valid.error();
    std::optional<CallNote> edited;
    auto status = m_database.transaction(tenant, TransactionMode::Write, [&](QSqlDatabase &db) {
        // Read plainly first: on PostgreSQL a row lock needs the right to update the row, which
        // only its author has, and anyone else deserves "not yours", not "not found".
        const auto read = [&](bool isLocking) -> Result<std::optional<CallNote>> {
            SqlQuery current(db,
                             kSelect + QStringLiteral(" WHERE n.tenant_id = :tenant AND n.id = :id")
                                 + (isLocking ? QStringLiteral(" FOR UPDATE OF n") : QString()));
            auto ran = current.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                           .bind(QStringLiteral(":id"), noteId)
                           .exec();
            if (!ran)
                return ran.error();
            if (!current.next())
                return std::optional<CallNote>();
            return std::optional<CallNote>(noteFrom(current));
        };
        auto found = read(false);
        if (!found)
            return Status(found.error());
        if (!*found)
            return Status(Error{ErrorCode::NotFound, tr("No such note in this tenant")});
        if ((*found)->authorId != editor)
            return Status(
                Error{ErrorCode::AccessDenied,
                      tr("Only %1, who wrote this note, can change it").arg((*found)->authorName)});
        if (m_database.backend() == Backend::Postgres) {
            found = read(true); // the author's own edits, one at a time
            if (!found)
                return Status(found.error());
            if (!*found)
                return Status(Error{ErrorCode::NotFound, tr("No such note in this tenant")});
        }
        CallNote note = **found;
        const QString text = body.trimmed();
        if (text == note.body) {
            edited = note;
            return ok();
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto kept = SqlQuery(db,
                             QStringLiteral("INSERT INTO call_note_revisions (tenant_id, note_id,"
                                            " body, edited_by_staff_id, edited_at) VALUES"
                                            " (:tenant, :note, :body, :editor, :at)"))
                        .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                        .bind(QStringLiteral(":note"), noteId)
                        .bind(QStringLiteral(":body"), note.body)
                        .bind(QStringLiteral(":editor"), editor.value())
                        .bind(QStringLiteral(":at"), now)
                        .exec();
        if (!kept)
            return kept;
        auto updated = SqlQuery(db,
                                QStringLiteral("UPDATE call_notes SET body = :body, updated_at ="
                                               " :at WHERE tenant_id = :tenant AND id = :id"))
                           .bind(QStringLiteral(":body"), text)
                           .bind(QStringLiteral(":at"), now)
                           .bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                           .bind(QStringLiteral(":id"), noteId)
                           .exec();
        if (!updated)
            return updated;
        note.body = text;
        note.updatedAt = now;
        ++note.revisions;
        edited = note;
        m_database.noteChange({tenant.tenantId(), ChangeKind::Calls, note.callId.value()});
        return ok();
    });
    if (!status)
        return status.error();
    return *edited;
}

Result<QList<CallNote>> CallNoteStore::forCall(const TenantScope &tenant, CallId call) const
{
    QList<CallNote> notes;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        SqlQuery query(db,
                       kSelect
                           + QStringLiteral(" WHERE n.tenant_id = :tenant AND n.call_id = :call"
                                            " ORDER BY n.created_at, n.id"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":call"), call.value())
                       .exec();
        while (ran && query.next())
            notes.append(noteFrom(query));
        return ran;
    });
    if (!status)
        return status.error();
    return notes;
}

Result<QList<CallNoteRevision>> CallNoteStore::history(const TenantScope &tenant,
                                                       qint64 noteId) const
{
    QList<CallNoteRevision> revisions;
    auto status = m_database.transaction(tenant, TransactionMode::Read, [&](QSqlDatabase &db) {
        // Editors are the note's author (only they may edit): named from the note.
        SqlQuery query(db,
                       QStringLiteral("SELECT r.body, n.author_name, r.edited_at FROM"
                                      " call_note_revisions r JOIN call_notes n ON n.id ="
                                      " r.note_id AND n.tenant_id = r.tenant_id WHERE"
                                      " r.tenant_id = :tenant AND r.note_id = :note"
                                      " ORDER BY r.edited_at DESC, r.id DESC"));
        auto ran = query.bind(QStringLiteral(":tenant"), tenant.tenantId().value())
                       .bind(QStringLiteral(":note"), noteId)
                       .exec();
        while (ran && query.next())
            revisions.append({query.value(0).toString(),
                              query.value(1).toString(),
                              query.value(2).toLongLong()});
        return ran;
    });
    if (!status)
        return status.error();
    return revisions;
}

} // namespace Sb::Store
