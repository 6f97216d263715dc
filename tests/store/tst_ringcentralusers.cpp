#include "../support/testdatabase.h"

#include <core/store/oauthgrantstore.h>
#include <core/store/ringcentraluserstore.h>
#include <core/tenancy/staffsession.h>
#include <core/store/tenantstore.h>

#include <QTest>

using namespace Sb;
using Store::RingCentralUser;
using Store::RingCentralUserStore;

// Staff members' own RingCentral connections as kept. Signing in again as the same extension
// keeps the numbers chosen, another extension starts afresh, and an extension is one person's.
// On PostgreSQL, signed in as staff: a colleague's connection is invisible and cannot be
// changed or removed; the clinic's owner sees everyone's and may reset (remove) one, but not
// choose numbers in their name.
class tst_RingCentralUsers : public QObject
{
    Q_OBJECT

private slots:
    void reconnectingKeepsTheChoice_data() { Test::TestDatabase::addBackendRows(); }
    void reconnectingKeepsTheChoice();
    void staffSeeTheirOwnOwnersSeeAll();

private:
    static RingCentralUser user(StaffId staff, const QString &extension);
    Test::TestDatabase m_databases;
};

RingCentralUser tst_RingCentralUsers::user(StaffId staff, const QString &extension)
{
    RingCentralUser user;
    user.staff = staff;
    user.staffName = QStringLiteral("staff %1").arg(staff.value());
    user.accountId = QStringLiteral("37439510");
    user.extensionId = extension;
    return user;
}

void tst_RingCentralUsers::reconnectingKeepsTheChoice()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::TenantStore(**admin).add(QStringLiteral("clinic-a"), {}));
    auto ana = m_databases.member(*admin, QStringLiteral("ana"), QStringLiteral("clinic-a"));
    auto ben = m_databases.member(*admin, QStringLiteral("ben"), QStringLiteral("clinic-a"));
    SB_VERIFY_OK(ana);
    SB_VERIFY_OK(ben);
    RingCentralUserStore asAna(*ana->database);
    SB_VERIFY_OK(asAna.connect(ana->scope, user(ana->staff.id, QStringLiteral("1001"))));
    SB_VERIFY_OK(asAna.chooseNumbers(ana->scope, ana->staff.id, QStringLiteral("+16505550100"), QStringLiteral("+16505550101")));
    SB_VERIFY_OK(asAna.connect(ana->scope, user(ana->staff.id, QStringLiteral("1001"))));
    auto kept = asAna.find(ana->scope, ana->staff.id);
    SB_VERIFY_OK(kept);
    QCOMPARE((*kept)->smsFrom, QStringLiteral("+16505550100"));
    SB_VERIFY_OK(asAna.connect(ana->scope, user(ana->staff.id, QStringLiteral("1003"))));
    kept = asAna.find(ana->scope, ana->staff.id);
    QCOMPARE((*kept)->extensionId, QStringLiteral("1003"));
    QVERIFY((*kept)->smsFrom.isEmpty()); // another line: its numbers are chosen again
    // Ben cannot take Ana's extension.
    const Status taken = RingCentralUserStore(*ben->database).connect(ben->scope, user(ben->staff.id, QStringLiteral("1003")));
    QVERIFY(!taken);
    QCOMPARE(taken.error().code, ErrorCode::AlreadyExists);
}

void tst_RingCentralUsers::staffSeeTheirOwnOwnersSeeAll()
{
    if (Test::TestDatabase::adminPostgresUrl().isEmpty())
        QSKIP("needs the private PostgreSQL (./dev test)");
    auto admin = m_databases.createMigrated(QStringLiteral("postgres"));
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::TenantStore(**admin).add(QStringLiteral("clinic-a"), {}));
    auto ana = m_databases.member(*admin, QStringLiteral("ana"), QStringLiteral("clinic-a"));
    auto ben = m_databases.member(*admin, QStringLiteral("ben"), QStringLiteral("clinic-a"));
    auto olga = m_databases.member(*admin, QStringLiteral("olga"), QStringLiteral("clinic-a"), Store::Role::Owner);
    SB_VERIFY_OK(ana);
    SB_VERIFY_OK(ben);
    SB_VERIFY_OK(olga);
    RingCentralUserStore asAna(*ana->database);
    RingCentralUserStore asBen(*ben->database);
    RingCentralUserStore asOlga(*olga->database);
    SB_VERIFY_OK(asAna.connect(ana->scope, user(ana->staff.id, QStringLiteral("1001"))));
    SB_VERIFY_OK(asBen.connect(ben->scope, user(ben->staff.id, QStringLiteral("1002"))));
    Store::StoredGrant anasGrant;
    anasGrant.key = {QStringLiteral("ringcentral"), ana->staff.id};
    anasGrant.keyId = QStringLiteral("k1");
    anasGrant.envelope = QByteArrayLiteral("sealed tokens");
    SB_VERIFY_OK(Store::OAuthGrantStore(*ana->database).connect(ana->scope, anasGrant));
    // The owner never sees a colleague's sealed tokens.
    QVERIFY(!Store::OAuthGrantStore(*olga->database).find(olga->scope, anasGrant.key)->has_value());
    // Nobody connects in a colleague's name.
    QVERIFY(!asBen.connect(ben->scope, user(olga->staff.id, QStringLiteral("1009"))));

    QCOMPARE(asBen.list(ben->scope)->size(), 1);
    QVERIFY(!asBen.find(ben->scope, ana->staff.id)->has_value());
    QVERIFY(!asBen.chooseNumbers(ben->scope, ana->staff.id, QStringLiteral("+16505550999"), {}));
    QVERIFY(!asBen.reset(ben->scope, ana->staff.id)); // refused: not his, and he is no owner
    QCOMPARE(asOlga.list(olga->scope)->size(), 2); // the owner sees everyone's state
    QVERIFY(!asOlga.chooseNumbers(olga->scope, ana->staff.id, QStringLiteral("+16505550999"), {}));
    auto removed = asOlga.reset(olga->scope, ana->staff.id); // and may reset one
    SB_VERIFY_OK(removed);
    QVERIFY(*removed);
    QCOMPARE(asOlga.list(olga->scope)->size(), 1);
    QVERIFY(asBen.find(ben->scope, ben->staff.id)->has_value());
    // Ana's grant went with it, though the owner could not see it.
    auto adminScope = Tenancy::AdminSession(**admin).scope(QStringLiteral("clinic-a"));
    SB_VERIFY_OK(adminScope);
    QVERIFY(!Store::OAuthGrantStore(**admin).find(*adminScope, anasGrant.key)->has_value());
}

QTEST_GUILESS_MAIN(tst_RingCentralUsers)
#include "tst_ringcentralusers.moc"
