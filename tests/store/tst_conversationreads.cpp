#include "../support/testdatabase.h"

#include <core/store/messagestore.h>
#include <core/store/tenantstore.h>

#include <QDateTime>
#include <QSqlQuery>

using namespace Sb;
using namespace Qt::StringLiterals;

// Unread counts are each staff member's own: the person's messages since that member last
// opened the conversation (or since they joined the clinic; older ones are not news to them).
// Marks never move back, and on PostgreSQL a login reads and writes only its own marks.
class tst_ConversationReads : public QObject
{
    Q_OBJECT

private slots:
    void eachMemberHasTheirOwnUnread_data() { Test::TestDatabase::addBackendRows(); }
    void eachMemberHasTheirOwnUnread();

private:
    Test::TestDatabase m_databases;
};

void tst_ConversationReads::eachMemberHasTheirOwnUnread()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::TenantStore(**admin).add(u"clinic-a"_s, {}));
    const qint64 before = QDateTime::currentMSecsSinceEpoch() - 60'000;
    auto carol = m_databases.member(*admin, u"carol"_s, u"clinic-a"_s);
    SB_VERIFY_OK(carol);
    auto dan = m_databases.member(*admin, u"dan"_s, u"clinic-a"_s);
    SB_VERIFY_OK(dan);
    int next = 0;
    const auto text = [&](bool isInbound, qint64 at) {
        Store::MessageRecord message;
        message.channel = u"sms"_s;
        message.providerMessageId = u"SM%1"_s.arg(++next, 32, 10, QLatin1Char('0'));
        message.counterpartE164 = u"+16175550143"_s;
        message.ourE164 = u"+14155550100"_s;
        message.isInbound = isInbound;
        message.body = u"text %1"_s.arg(next);
        message.status = isInbound ? u"received"_s : u"sent"_s;
        message.sentAt = at;
        return (*admin)->transaction(
            carol->scope, Store::TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
                auto applied = Store::MessageStore(**admin).applyIn(
                    db, carol->scope, message, Store::MessageSource::Webhook);
                return applied ? ok() : Status(applied.error());
            });
    };
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    SB_VERIFY_OK(text(true, before)); // before either joined: not news
    SB_VERIFY_OK(text(true, now + 1'000));
    SB_VERIFY_OK(text(false, now + 2'000)); // ours never counts
    SB_VERIFY_OK(text(true, now + 3'000));
    const auto unread = [&](const Test::TestDatabase::Member &member) {
        auto threads =
            Store::MessageStore(*member.database).threads(member.scope, member.staff.id, 10);
        return threads && threads->size() == 1 ? threads->first().unreadCount : -1;
    };
    QCOMPARE(unread(*carol), 2);
    QCOMPARE(unread(*dan), 2);

    Store::MessageStore asCarol(*carol->database);
    SB_VERIFY_OK(
        asCarol.markRead(carol->scope, carol->staff.id, {u"sms"_s, u"+16175550143"_s, {}}, now + 3'000));
    QCOMPARE(unread(*carol), 0);
    QCOMPARE(unread(*dan), 2); // Dan has not read it
    SB_VERIFY_OK(asCarol.markRead(carol->scope, carol->staff.id, {u"sms"_s, u"+16175550143"_s, {}}, now));
    QCOMPARE(unread(*carol), 0); // a mark never moves back
    SB_VERIFY_OK(text(true, now + 4'000));
    QCOMPARE(unread(*carol), 1);
    QCOMPARE(unread(*dan), 3);

    if (backend == u"postgres") {
        // Dan's login sees none of Carol's marks and cannot write one in her name.
        auto db = dan->database->connection();
        SB_VERIFY_OK(db);
        QSqlQuery query(*db);
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM conversation_reads"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
        QVERIFY(query.prepare(u"INSERT INTO conversation_reads VALUES (:tenant, :staff, 'sms',"
                              " '+1', 0)"_s));
        query.bindValue(u":tenant"_s, carol->scope.tenantId().value());
        query.bindValue(u":staff"_s, carol->staff.id.value());
        QVERIFY(!query.exec());
    }
}

QTEST_GUILESS_MAIN(tst_ConversationReads)
#include "tst_conversationreads.moc"
