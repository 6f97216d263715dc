#include "../support/testdatabase.h"

#include <core/oauth/oauthapps.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <core/vault/datakeys.h>
#include <core/vault/sealer.h>

#include <QFile>
#include <QTest>

using namespace Sb;
using OAuth::AppLevel;
using OAuth::AppOwner;
using OAuth::OAuthApps;

// The apps Switchboard signs in with, at three levels (RingCentral's: one shared app for the
// installation, a clinic's override, a staff member's own), on both backends. The most specific
// app serves: a staff member's own for them alone, a clinic's for that clinic alone. On
// PostgreSQL, signed in as staff: a colleague's app is invisible, clinic staff cannot replace
// the clinic's app (its owner can), and the shared app is read by all but written by none.
// The client secrets are sealed: the store file holds none of them.
class tst_OAuthApps : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void theMostSpecificAppServes_data() { Test::TestDatabase::addBackendRows(); }
    void theMostSpecificAppServes();
    void aGrantIsRefreshedByTheAppThatIssuedIt_data() { Test::TestDatabase::addBackendRows(); }
    void aGrantIsRefreshedByTheAppThatIssuedIt();
    void staffSeeTheirOwnAndTheirClinics();
    void secretsAreSealed();

private:
    OAuthApps::Registered app(const QString &clientId, AppOwner owner) const;

    Test::TestDatabase m_databases;
    std::shared_ptr<Vault::Sealer> m_sealer;
};

void tst_OAuthApps::initTestCase()
{
    auto keys = Vault::DataKeys::generate();
    QVERIFY(keys.hasValue());
    m_sealer = std::make_shared<Vault::Sealer>(*keys);
}

OAuthApps::Registered tst_OAuthApps::app(const QString &clientId, AppOwner owner) const
{
    OAuthApps::Registered registered;
    registered.app.clientId = clientId;
    registered.app.clientSecret = Secret(("secret-of-" + clientId).toUtf8());
    registered.app.redirectUri = QUrl(QStringLiteral("http://127.0.0.1:53682/ringcentral"));
    registered.owner = owner;
    return registered;
}

static QString clientIdOf(const Result<std::optional<OAuthApps::Registered>> &resolved)
{
    if (!resolved)
        return QStringLiteral("error: ") + resolved.error().message;
    return *resolved ? (*resolved)->app.clientId : QStringLiteral("none");
}

void tst_OAuthApps::theMostSpecificAppServes()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::TenantStore(**admin).add(QStringLiteral("clinic-a"), {}));
    SB_VERIFY_OK(Store::TenantStore(**admin).add(QStringLiteral("clinic-b"), {}));
    auto ana = m_databases.member(*admin, QStringLiteral("ana"), QStringLiteral("clinic-a"));
    auto ben = m_databases.member(*admin, QStringLiteral("ben"), QStringLiteral("clinic-a"));
    auto cai = m_databases.member(*admin, QStringLiteral("cai"), QStringLiteral("clinic-b"));
    SB_VERIFY_OK(ana);
    SB_VERIFY_OK(ben);
    SB_VERIFY_OK(cai);
    const QString rc = QStringLiteral("ringcentral");
    OAuthApps apps(**admin, *m_sealer);
    const auto resolved = [&](const Test::TestDatabase::Member &member) {
        return clientIdOf(OAuthApps(*member.database, *m_sealer).resolve(member.scope, rc, member.staff.id));
    };

    QCOMPARE(resolved(*ana), QStringLiteral("none"));
    SB_VERIFY_OK(apps.setShared(rc, app(QStringLiteral("shared"), AppOwner::installation())));
    QCOMPARE(resolved(*ana), QStringLiteral("shared"));
    QCOMPARE(resolved(*cai), QStringLiteral("shared"));

    // Clinic A's override: A's staff use it, B's keep the shared app.
    SB_VERIFY_OK(apps.set(ana->scope, rc, app(QStringLiteral("clinic-a-app"), AppOwner::tenant())));
    QCOMPARE(resolved(*ana), QStringLiteral("clinic-a-app"));
    QCOMPARE(resolved(*ben), QStringLiteral("clinic-a-app"));
    QCOMPARE(resolved(*cai), QStringLiteral("shared"));

    // Ana's own app: hers alone.
    SB_VERIFY_OK(OAuthApps(*ana->database, *m_sealer)
                     .set(ana->scope, rc, app(QStringLiteral("ana-app"), AppOwner::user(ana->staff.id))));
    QCOMPARE(resolved(*ana), QStringLiteral("ana-app"));
    QCOMPARE(resolved(*ben), QStringLiteral("clinic-a-app"));
    QCOMPARE(resolved(*cai), QStringLiteral("shared"));
    auto level = OAuthApps(*ana->database, *m_sealer).resolve(ana->scope, rc, ana->staff.id);
    SB_VERIFY_OK(level);
    QCOMPARE((*level)->owner, AppOwner::user(ana->staff.id));
    QVERIFY((*level)->app.clientSecret == Secret(QByteArrayLiteral("secret-of-ana-app")));

    // Taking an override away falls back a level; the other levels stay.
    auto removed = apps.remove(ana->scope, rc, AppOwner::tenant());
    SB_VERIFY_OK(removed);
    QVERIFY(*removed);
    QCOMPARE(resolved(*ben), QStringLiteral("shared"));
    QCOMPARE(resolved(*ana), QStringLiteral("ana-app"));

    // A new secret is optional when changing the rest: the sealed one is kept.
    OAuthApps::Registered renamed = app(QStringLiteral("shared"), AppOwner::installation());
    renamed.app.redirectUri = QUrl(QStringLiteral("http://127.0.0.1:53999/ringcentral"));
    renamed.app.clientSecret = {};
    SB_VERIFY_OK(apps.setShared(rc, renamed));
    auto shared = apps.getShared(rc);
    SB_VERIFY_OK(shared);
    QCOMPARE((*shared)->app.redirectUri.port(), 53999);
    QVERIFY((*shared)->app.clientSecret == Secret(QByteArrayLiteral("secret-of-shared")));
    // …but a new app must bring one.
    OAuthApps::Registered noSecret = app(QStringLiteral("clinic-b-app"), AppOwner::tenant());
    noSecret.app.clientSecret = {};
    QCOMPARE(apps.set(cai->scope, rc, noSecret).error().code, ErrorCode::InvalidArgument);
}

void tst_OAuthApps::aGrantIsRefreshedByTheAppThatIssuedIt()
{
    QFETCH(QString, backend);
    auto admin = m_databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::TenantStore(**admin).add(QStringLiteral("clinic-a"), {}));
    auto ana = m_databases.member(*admin, QStringLiteral("ana"), QStringLiteral("clinic-a"));
    SB_VERIFY_OK(ana);
    const QString rc = QStringLiteral("ringcentral");
    SB_VERIFY_OK(OAuthApps(**admin, *m_sealer).setShared(rc, app(QStringLiteral("shared"), AppOwner::installation())));
    SB_VERIFY_OK(OAuthApps(*ana->database, *m_sealer)
                     .set(ana->scope, rc, app(QStringLiteral("ana-app"), AppOwner::user(ana->staff.id))));
    OAuthApps apps(*ana->database, *m_sealer);
    // Ana connected with the shared app before she registered her own: its grant still
    // refreshes with the shared one.
    QCOMPARE(clientIdOf(apps.withClientId(ana->scope, rc, ana->staff.id, QStringLiteral("shared"))),
             QStringLiteral("shared"));
    QCOMPARE(clientIdOf(apps.withClientId(ana->scope, rc, ana->staff.id, QStringLiteral("ana-app"))),
             QStringLiteral("ana-app"));
    QCOMPARE(clientIdOf(apps.withClientId(ana->scope, rc, ana->staff.id, QStringLiteral("gone"))), QStringLiteral("none"));
}

void tst_OAuthApps::staffSeeTheirOwnAndTheirClinics()
{
    if (Test::TestDatabase::adminPostgresUrl().isEmpty())
        QSKIP("needs the private PostgreSQL (./dev test)");
    auto admin = m_databases.createMigrated(QStringLiteral("postgres"));
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::TenantStore(**admin).add(QStringLiteral("clinic-a"), {}));
    SB_VERIFY_OK(Store::TenantStore(**admin).add(QStringLiteral("clinic-b"), {}));
    auto ana = m_databases.member(*admin, QStringLiteral("ana"), QStringLiteral("clinic-a"));
    auto ben = m_databases.member(*admin, QStringLiteral("ben"), QStringLiteral("clinic-a"));
    auto owner = m_databases.member(*admin, QStringLiteral("olga"), QStringLiteral("clinic-a"), Store::Role::Owner);
    SB_VERIFY_OK(ana);
    SB_VERIFY_OK(ben);
    SB_VERIFY_OK(owner);
    const QString rc = QStringLiteral("ringcentral");
    OAuthApps asAna(*ana->database, *m_sealer);
    OAuthApps asBen(*ben->database, *m_sealer);
    OAuthApps asOwner(*owner->database, *m_sealer);

    SB_VERIFY_OK(asAna.set(ana->scope, rc, app(QStringLiteral("ana-app"), AppOwner::user(ana->staff.id))));
    // Ben cannot read Ana's app, nor write one in her name.
    auto seen = asBen.get(ben->scope, rc, AppOwner::user(ana->staff.id));
    SB_VERIFY_OK(seen);
    QVERIFY(!seen->has_value());
    QVERIFY(!asBen.set(ben->scope, rc, app(QStringLiteral("forged"), AppOwner::user(ana->staff.id))));
    QCOMPARE(clientIdOf(asAna.resolve(ana->scope, rc, ana->staff.id)), QStringLiteral("ana-app"));
    // Clinic staff may not set the clinic's app; its owner may.
    QVERIFY(!asBen.set(ben->scope, rc, app(QStringLiteral("bens-clinic-app"), AppOwner::tenant())));
    SB_VERIFY_OK(asOwner.set(owner->scope, rc, app(QStringLiteral("clinic-a-app"), AppOwner::tenant())));
    QCOMPARE(clientIdOf(asBen.resolve(ben->scope, rc, ben->staff.id)), QStringLiteral("clinic-a-app"));
    // Nobody but an administrator writes the installation's app; everyone reads it.
    QVERIFY(!asOwner.setShared(rc, app(QStringLiteral("shared-by-owner"), AppOwner::installation())));
    SB_VERIFY_OK(OAuthApps(**admin, *m_sealer).setShared(rc, app(QStringLiteral("shared"), AppOwner::installation())));
    SB_VERIFY_OK(asOwner.remove(owner->scope, rc, AppOwner::tenant()));
    QCOMPARE(clientIdOf(asBen.resolve(ben->scope, rc, ben->staff.id)), QStringLiteral("shared"));
    // Ben's removal of Ana's app removes nothing.
    auto removed = asBen.remove(ben->scope, rc, AppOwner::user(ana->staff.id));
    SB_VERIFY_OK(removed);
    QVERIFY(!*removed);
    QCOMPARE(clientIdOf(asAna.resolve(ana->scope, rc, ana->staff.id)), QStringLiteral("ana-app"));
}

void tst_OAuthApps::secretsAreSealed()
{
    auto admin = m_databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(admin);
    SB_VERIFY_OK(Store::TenantStore(**admin).add(QStringLiteral("clinic-a"), {}));
    auto ana = m_databases.member(*admin, QStringLiteral("ana"), QStringLiteral("clinic-a"));
    SB_VERIFY_OK(ana);
    const QString rc = QStringLiteral("ringcentral");
    OAuthApps apps(**admin, *m_sealer);
    SB_VERIFY_OK(apps.setShared(rc, app(QStringLiteral("shared"), AppOwner::installation())));
    SB_VERIFY_OK(apps.set(ana->scope, rc, app(QStringLiteral("clinic-a-app"), AppOwner::tenant())));
    SB_VERIFY_OK(apps.set(ana->scope, rc, app(QStringLiteral("ana-app"), AppOwner::user(ana->staff.id))));
    QByteArray everything;
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        QFile file(m_databases.lastUrl().mid(QStringLiteral("sqlite:").size()) + suffix);
        if (file.open(QIODevice::ReadOnly))
            everything += file.readAll();
    }
    QVERIFY(everything.contains("ana-app")); // the client ids are there…
    QVERIFY(!everything.contains("secret-of-")); // …the secrets are not
}

QTEST_GUILESS_MAIN(tst_OAuthApps)
#include "tst_oauthapps.moc"
