#include "../support/testdatabase.h"

#include <core/store/callnotestore.h>
#include <core/store/callstore.h>
#include <core/store/sqlquery.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>

#include <QSqlError>
#include <QSqlQuery>

using namespace Sb;
using namespace Qt::StringLiterals;

// Notes on calls, on both backends, each staff member through their own sign-in (on PostgreSQL
// their own login, under row-level security): the tenant's staff read each other's notes,
// another tenant's staff read nothing, only the author edits, and an edit keeps the old text.
class tst_CallNotes : public QObject
{
    Q_OBJECT

private slots:
    void notesAreTheTenantsAndOnlyTheAuthorEdits_data() { Test::TestDatabase::addBackendRows(); }
    void notesAreTheTenantsAndOnlyTheAuthorEdits();
    void aLoginCannotWriteInAnotherStaffMembersName();

private:
    Test::TestDatabase m_databases;
};

void tst_CallNotes::notesAreTheTenantsAndOnlyTheAuthorEdits()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    for (const char *name : {"clinic-a", "clinic-b"})
        SB_VERIFY_OK(Store::TenantStore(**admin).add(QLatin1String(name), {}));
    auto maria = m_databases.member(*admin, u"maria"_s, u"clinic-a"_s);
    SB_VERIFY_OK(maria);
    auto omar = m_databases.member(*admin, u"omar"_s, u"clinic-a"_s);
    SB_VERIFY_OK(omar);
    auto bea = m_databases.member(*admin, u"bea"_s, u"clinic-b"_s);
    SB_VERIFY_OK(bea);
    Store::CallRecord call;
    call.provider = u"twilio"_s;
    call.fromE164 = call.counterpartE164 = u"+16175550143"_s;
    call.toE164 = u"+14155550100"_s;
    call.status = u"completed"_s;
    call.startedAt = 1'000;
    auto callId = Store::CallStore(*maria->database).insert(maria->scope, call);
    SB_VERIFY_OK(callId);

    Store::CallNoteStore asMaria(*maria->database);
    auto note = asMaria.add(
        maria->scope, *callId, maria->staff.id, maria->staff.name, u"  Called back, booked.  "_s);
    SB_VERIFY_OK(note);
    QCOMPARE(note->body, u"Called back, booked."_s);
    QVERIFY(!asMaria.add(maria->scope, *callId, maria->staff.id, maria->staff.name, u"  "_s));

    // Omar, of the same clinic, reads it; nobody of another clinic does.
    auto seenByOmar = Store::CallNoteStore(*omar->database).forCall(omar->scope, *callId);
    SB_VERIFY_OK(seenByOmar);
    QCOMPARE(seenByOmar->size(), 1);
    QCOMPARE(seenByOmar->first().authorName, maria->staff.name);
    auto seenByBea = Store::CallNoteStore(*bea->database).forCall(bea->scope, *callId);
    SB_VERIFY_OK(seenByBea);
    QVERIFY(seenByBea->isEmpty());
    // Nor can Bea hang a note on clinic A's call from her own clinic.
    auto foreign = Store::CallNoteStore(*bea->database)
                       .add(bea->scope, *callId, bea->staff.id, bea->staff.name, u"mine now"_s);
    QVERIFY(!foreign);
    QCOMPARE(foreign.error().code, ErrorCode::NotFound);

    // Only the author changes it; the text it replaced is kept.
    auto byOmar = Store::CallNoteStore(*omar->database)
                      .edit(omar->scope, note->id, omar->staff.id, u"Omar's words"_s);
    QVERIFY(!byOmar);
    QCOMPARE(byOmar.error().code, ErrorCode::AccessDenied);
    auto edited = asMaria.edit(maria->scope, note->id, maria->staff.id, u"Booked Tuesday 9:00."_s);
    SB_VERIFY_OK(edited);
    QCOMPARE(edited->revisions, 1);
    QVERIFY(edited->updatedAt > 0);
    auto history = Store::CallNoteStore(*omar->database).history(omar->scope, note->id);
    SB_VERIFY_OK(history);
    QCOMPARE(history->size(), 1);
    QCOMPARE(history->first().body, u"Called back, booked."_s);
    QVERIFY(Store::CallNoteStore(*bea->database).history(bea->scope, note->id)->isEmpty());
}

void tst_CallNotes::aLoginCannotWriteInAnotherStaffMembersName()
{
    // The store passes the signed-in author; the database holds a staff login to it even when
    // a client writes SQL of its own.
    auto admin = m_databases.createMigrated(u"postgres"_s);
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::TenantStore(**admin).add(u"clinic-a"_s, {}));
    auto maria = m_databases.member(*admin, u"maria2"_s, u"clinic-a"_s);
    SB_VERIFY_OK(maria);
    auto omar = m_databases.member(*admin, u"omar2"_s, u"clinic-a"_s);
    SB_VERIFY_OK(omar);
    Store::CallRecord call;
    call.provider = u"twilio"_s;
    call.fromE164 = call.counterpartE164 = u"+16175550143"_s;
    call.toE164 = u"+14155550100"_s;
    call.status = u"completed"_s;
    call.startedAt = 1'000;
    auto callId = Store::CallStore(*maria->database).insert(maria->scope, call);
    SB_VERIFY_OK(callId);
    auto asOmar = Store::CallNoteStore(*omar->database)
                      .add(omar->scope, *callId, maria->staff.id, maria->staff.name, u"forged"_s);
    QVERIFY(!asOmar);
    QVERIFY2(asOmar.error().message.contains(u"row-level security"),
             qPrintable(asOmar.error().message));
}

QTEST_GUILESS_MAIN(tst_CallNotes)
#include "tst_callnotes.moc"
