#include "../fakes/faketwilio.h"
#include "../support/ctlrunner.h"
#include "../support/testdatabase.h"
#include "../support/twiliotenant.h"

#include <core/providers/twilio/twilioonboarding.h>
#include <core/store/changefeed.h>
#include <core/store/messagestore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/frame/provideraccess.h>
#include <ui/views/messages/messagesview.h>
#include <ui/views/messages/threadlistmodel.h>
#include <ui/views/messages/threadview.h>

#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace Sb;
using namespace Qt::StringLiterals;

// A reply from the Messages page: it goes to Twilio (the fake) from the number the conversation
// used, as the tenant's subaccount; its bubble is in the thread at once and its tick follows the
// status callbacks that a real `serve` process stores (queued → delivered). Without the vault
// the composer says why it cannot send.
class tst_MessageSend : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_messagesend"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void aReplyGoesOutAndItsTickFollowsServe();
};

void tst_MessageSend::aReplyGoesOutAndItsTickFollowsServe()
{
    Test::TestDatabase databases;
    QTemporaryDir dir;
    auto database = databases.createMigrated(QStringLiteral("sqlite"));
    SB_VERIFY_OK(database);
    const QString keyFile = dir.filePath(QStringLiteral("vault.key"));
    auto sealer = Test::createVault(**database, keyFile);
    SB_VERIFY_OK(sealer);
    const auto sharedSealer = std::make_shared<const Vault::Sealer>(*sealer);
    Fakes::FakeTwilio twilio;
    twilio.giveNewSubaccountsNumbers(1);
    Net::HttpClient onboardingHttp;
    const Providers::Twilio::TwilioOnboarding onboarding(
        *database,
        sharedSealer,
        onboardingHttp,
        {twilio.master().sid, Secret::fromString(twilio.master().authToken)},
        QUrl(twilio.baseUrl()));
    SB_VERIFY_OK(Store::TenantStore(**database).add(u"clinic-a"_s, u"Smile Dental"_s));
    auto report = Test::connectTwilio(**database, onboarding, u"clinic-a"_s);
    SB_VERIFY_OK(report);
    const QString ourNumber = report->numbers.first().e164;
    const auto scope = *Tenancy::AdminSession(**database).scope(u"clinic-a"_s);
    // A patient wrote to the clinic's number.
    Store::MessageRecord inbound;
    inbound.providerMessageId = u"SM"_s + u"1"_s.repeated(32);
    inbound.counterpartE164 = u"+16175550143"_s;
    inbound.ourE164 = ourNumber;
    inbound.isInbound = true;
    inbound.body = u"Can I move my appointment?"_s;
    inbound.status = u"received"_s;
    inbound.sentAt = QDateTime::currentMSecsSinceEpoch() - 60'000;
    SB_VERIFY_OK((*database)->transaction(
        scope, Store::TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
            auto applied = Store::MessageStore(**database)
                               .applyIn(db, scope, inbound, Store::MessageSource::Webhook);
            return applied ? ok() : Status(applied.error());
        }));
    // serve, behind https://hooks.example.org, stores the fake's status callbacks.
    QProcess serve;
    auto port = Test::startServe(serve,
                                 {u"--db"_s,
                                  databases.lastUrl(),
                                  u"--key-file"_s,
                                  keyFile,
                                  u"--spool-dir"_s,
                                  dir.filePath(u"spool"_s)},
                                 QProcessEnvironment::systemEnvironment());
    SB_VERIFY_OK(port);
    twilio.sendCallbacksTo(QUrl(u"http://127.0.0.1:%1"_s.arg(*port)));

    Store::ChangeFeed feed(*database);
    QSignalSpy watching(&feed, &Store::ChangeFeed::watching);
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(watching.size(), 1, 5000);
    Ui::ProviderAccess providers(*database);
    providers.setTwilioApiBase(QUrl(twilio.baseUrl()));
    Ui::ConsoleContext context{*database, nullptr, &feed, nullptr, &providers};
    Ui::MessagesView view(context);
    view.show();
    view.showTenant({scope, u"Smile Dental"_s});
    QTRY_COMPARE(view.model()->rowCount(), 1);
    Ui::ThreadView *thread = view.thread();
    // The vault is not open yet: the composer says so and cannot send.
    QTRY_VERIFY(!thread->composer()->isEnabled());
    const auto saysWhy = [&](const QString &words) {
        const auto labels = view.findChildren<QLabel *>();
        return std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) {
            return label->text().contains(words);
        });
    };
    QVERIFY(saysWhy(u"vault is opening"_s));
    providers.setSealer(sharedSealer);
    QTRY_VERIFY(thread->composer()->isEnabled());
    QVERIFY(saysWhy(u"From "_s));

    thread->composer()->setPlainText(u"Of course! Tuesday at 10:00?"_s);
    QVERIFY(thread->sendButton()->isEnabled());
    QTest::mouseClick(thread->sendButton(), Qt::LeftButton);
    // In the thread at once (queued), the composer ready for the next one.
    QTRY_VERIFY_WITH_TIMEOUT(
        thread->bubbles()->toPlainText().contains(u"Of course! Tuesday at 10:00?"_s), 5000);
    QTRY_VERIFY(thread->composer()->toPlainText().isEmpty());
    QCOMPARE(twilio.messages().size(), 1);
    QCOMPARE(twilio.messages().first().value(u"from"_s).toString(), ourNumber);
    QCOMPARE(twilio.messages().first().value(u"to"_s).toString(), u"+16175550143"_s);
    // Its tick follows the status callbacks serve stores.
    QTRY_VERIFY_WITH_TIMEOUT(thread->bubbles()->toPlainText().contains(u"✓✓ delivered"_s), 10000);

    // WhatsApp: within 24 hours of the person's last message the composer says how long is
    // left; after them it says, before anything is typed, that only a template may be sent.
    const auto wrote = [&](const QString &who, qint64 agoMs, const QString &id) {
        Store::MessageRecord message = inbound;
        message.channel = u"whatsapp"_s;
        message.providerMessageId = id;
        message.counterpartE164 = who;
        message.sentAt = QDateTime::currentMSecsSinceEpoch() - agoMs;
        return (*database)->transaction(
            scope, Store::TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
                auto applied = Store::MessageStore(**database)
                                   .applyIn(db, scope, message, Store::MessageSource::Webhook);
                return applied ? ok() : Status(applied.error());
            });
    };
    SB_VERIFY_OK(wrote(u"+16175550150"_s, 25 * 3'600'000LL, u"SM"_s + u"2"_s.repeated(32)));
    SB_VERIFY_OK(wrote(u"+16175550160"_s, 3'600'000LL, u"SM"_s + u"3"_s.repeated(32)));
    QTRY_COMPARE(view.model()->rowCount(), 3);
    const qsizetype requestsBefore = twilio.seen().size();
    view.threads()->setCurrentIndex(
        view.model()->index(view.model()->rowOf({u"whatsapp"_s, u"+16175550150"_s, {}})));
    QTRY_VERIFY(saysWhy(u"63016"_s));
    QVERIFY(!thread->composer()->isEnabled());
    QVERIFY(!thread->sendButton()->isEnabled());
    view.threads()->setCurrentIndex(
        view.model()->index(view.model()->rowOf({u"whatsapp"_s, u"+16175550160"_s, {}})));
    QTRY_VERIFY(saysWhy(u"you may write freely for 2"_s)); // 23 h 0 min left, or 22 h 59
    QVERIFY(thread->composer()->isEnabled());
    QCOMPARE(twilio.seen().size(), requestsBefore);
    serve.terminate();
    QVERIFY(serve.waitForFinished(10000));
}

QTEST_MAIN(tst_MessageSend)
#include "tst_messagesend.moc"
