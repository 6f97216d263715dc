#include "../support/crmcontact.h"
#include "../support/testdatabase.h"

#include <core/store/guithreadguard.h>
#include <core/store/leadstore.h>
#include <core/store/messagestore.h>
#include <core/store/personname.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/views/mainwindow.h>
#include <ui/views/messages/messagesview.h>
#include <ui/views/messages/threadlistmodel.h>
#include <ui/views/messages/threadview.h>

#include <QComboBox>
#include <QListView>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QImage>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>

using namespace Sb;
using namespace Qt::StringLiterals;

// The Messages page: a tenant's conversations (one per channel and person, the most recent
// first, the lead's name when known), the chosen one as bubbles with delivery status in words,
// live, and never another tenant's.
class tst_MessagesView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_messagesview"));
        QStandardPaths::setTestModeEnabled(true);
    }
    void init() { QSettings().clear(); }
    void conversationsOfTheTenantLiveWithTheirStatus_data()
    {
        Test::TestDatabase::addBackendRows();
    }
    void conversationsOfTheTenantLiveWithTheirStatus();
    void picturesShowInlineAndFilesOpen();

private:
    Status store(const Store::TenantScope &tenant, const Store::MessageRecord &message);

    std::shared_ptr<Store::Database> m_admin;
};

Status tst_MessagesView::store(const Store::TenantScope &tenant,
                               const Store::MessageRecord &message)
{
    // On a store thread, as serve writes: the GUI thread's guard is on.
    auto stored = m_admin->run([database = m_admin, tenant, message] {
        return database->transaction(
            tenant, Store::TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
                auto applied = Store::MessageStore(*database).applyIn(
                    db, tenant, message, Store::MessageSource::Webhook);
                return applied ? ok() : Status(applied.error());
            });
    });
    // Waited for by running events, not by result() (which may run the job on this thread).
    if (!QTest::qWaitFor([&] { return stored.isFinished(); }, 10000))
        return Error{ErrorCode::Timeout, u"not stored"_s};
    return stored.result();
}

static Store::MessageRecord message(const QString &sid,
                                    const QString &who,
                                    bool isInbound,
                                    const QString &body,
                                    const QString &status,
                                    qint64 at,
                                    const QString &channel = u"sms"_s)
{
    Store::MessageRecord record;
    record.providerMessageId = sid;
    record.counterpartE164 = who;
    record.ourE164 = u"+14155550100"_s;
    record.isInbound = isInbound;
    record.body = body;
    record.status = status;
    record.sentAt = at;
    record.channel = channel;
    return record;
}

void tst_MessagesView::conversationsOfTheTenantLiveWithTheirStatus()
{
    QFETCH(QString, backend);
    Test::TestDatabase databases;
    auto admin = databases.createMigrated(backend);
    SB_VERIFY_OK(admin);
    m_admin = *admin;
    const bool isPostgres = backend == u"postgres";
    const QString suffix = QString::number(QRandomGenerator::global()->generate(), 36);
    const QString staff = isPostgres ? u"mia_"_s + suffix : u"mia"_s;
    const QString password = isPostgres ? u"mia-password-"_s + suffix : QString();
    for (const char *name : {"clinic-a", "clinic-b"}) {
        auto tenant = Store::TenantStore(*m_admin).add(QLatin1String(name), {});
        SB_VERIFY_OK(tenant);
        auto member = Store::StaffStore(*m_admin).addToTenant(staff, *tenant, Store::Role::Staff);
        SB_VERIFY_OK(member);
        if (isPostgres)
            SB_VERIFY_OK(Store::StaffStore(*m_admin).setLogin(*member, password));
    }
    const Tenancy::AdminSession session(*m_admin);
    const auto a = *session.scope(u"clinic-a"_s);
    const auto b = *session.scope(u"clinic-b"_s);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Store::Lead jane;
    jane.name = u"Jane Roe"_s;
    jane.phoneE164 = u"+16175550143"_s;
    SB_VERIFY_OK(Store::LeadStore(*m_admin).add(a, jane));
    // A number no lead has is named by the clinic's CRM contact, never by another clinic's
    // (stored first, so a lookup that ignored the tenant would find it).
    SB_VERIFY_OK(Test::storeCrmContact(*m_admin, b, u"b-1"_s, u"Not Ours"_s, u"+16175550199"_s));
    SB_VERIFY_OK(Test::storeCrmContact(*m_admin, a, u"a-1"_s, u"Sam Lee"_s, u"+16175550199"_s));
    // The same names for numbers in hand (a desktop notice's senders), each clinic its own.
    auto namesInA = Store::PersonNames(*m_admin).namesOf(a, {u"+16175550143"_s, u"+16175550199"_s, u"+16175550100"_s});
    SB_VERIFY_OK(namesInA);
    QCOMPARE(*namesInA, (QHash<QString, QString>{{u"+16175550143"_s, u"Jane Roe"_s}, {u"+16175550199"_s, u"Sam Lee"_s}}));
    auto namesInB = Store::PersonNames(*m_admin).namesOf(b, {u"+16175550143"_s, u"+16175550199"_s});
    SB_VERIFY_OK(namesInB);
    QCOMPARE(*namesInB, (QHash<QString, QString>{{u"+16175550199"_s, u"Not Ours"_s}}));
    SB_VERIFY_OK(store(a,
                       message(u"SM1"_s,
                               u"+16175550143"_s,
                               true,
                               u"Can I move my appointment?"_s,
                               u"received"_s,
                               now - 5000)));
    SB_VERIFY_OK(store(a,
                       message(u"SM2"_s,
                               u"+16175550143"_s,
                               false,
                               u"Of course, Tuesday?"_s,
                               u"delivered"_s,
                               now - 4000)));
    SB_VERIFY_OK(store(a,
                       message(u"SM3"_s,
                               u"+16175550199"_s,
                               false,
                               u"Your visit is tomorrow."_s,
                               u"undelivered"_s,
                               now - 9000)));
    SB_VERIFY_OK(store(a,
                       message(u"SM4"_s,
                               u"+16175550143"_s,
                               true,
                               u"On WhatsApp too"_s,
                               u"received"_s,
                               now - 8000,
                               u"whatsapp"_s)));
    SB_VERIFY_OK(store(
        b,
        message(u"SM9"_s, u"+12125550100"_s, true, u"Clinic B's patient"_s, u"received"_s, now)));

    QUrl url(databases.lastUrl());
    if (isPostgres)
        url.setUserName(staff);
    const Store::GuiThreadGuard guard;
    Ui::MainWindow window;
    window.show();
    QSignalSpy signedIn(&window, &Ui::MainWindow::signedIn);
    window.signIn(*Store::DatabaseUrl::parse(url.toString()), staff, password);
    QVERIFY(signedIn.wait(15000));
    window.showPage<Ui::MessagesView>();
    auto *messages = window.page<Ui::MessagesView>();
    QVERIFY(messages);
    Ui::ThreadListModel *model = messages->model();
    // A's three conversations (SMS and WhatsApp with Jane are two), the most recent first.
    QTRY_COMPARE(model->rowCount(), 3);
    QCOMPARE(model->threadAt(0)->last.providerMessageId, u"SM2"_s);
    QCOMPARE(model->threadAt(0)->counterpartName, u"Jane Roe"_s);
    QCOMPARE(model->threadAt(0)->messageCount, 2);
    QCOMPARE(model->threadAt(1)->last.channel, u"whatsapp"_s);
    QCOMPARE(model->threadAt(2)->counterpartName, u"Sam Lee"_s);
    QVERIFY(model->index(0).data().toString().startsWith(u"Jane Roe · SMS"_s));
    // The newest is chosen: its bubbles, ours with its status in words.
    QTRY_VERIFY(messages->thread()->bubbles()->toPlainText().contains(u"Of course, Tuesday?"_s));
    QVERIFY(messages->thread()->bubbles()->toPlainText().contains(u"Can I move my appointment?"_s));
    QVERIFY(messages->thread()->bubbles()->toPlainText().contains(u"✓✓ delivered"_s));
    QVERIFY(!messages->thread()->bubbles()->toPlainText().contains(u"tomorrow"_s));
    // A failed one says so, with the provider's code when it gave one.
    messages->threads()->setCurrentIndex(model->index(2));
    QTRY_VERIFY(messages->thread()->bubbles()->toPlainText().contains(u"✗ not delivered"_s));

    // Live: Jane writes again (stored by another connection); her thread comes first again and
    // the conversation chosen stays chosen.
    SB_VERIFY_OK(store(
        a, message(u"SM5"_s, u"+16175550199"_s, true, u"Thanks, see you!"_s, u"received"_s, now)));
    QTRY_COMPARE_WITH_TIMEOUT(model->threadAt(0)->last.providerMessageId, u"SM5"_s, 5000);
    QTRY_VERIFY(messages->thread()->bubbles()->toPlainText().contains(u"Thanks, see you!"_s));
    QCOMPARE(model->threadAt(messages->threads()->currentIndex().row())->last.counterpartE164,
             u"+16175550199"_s);

    // Someone new writes: their conversation says "1 new" (bold) until it is opened; the one
    // open is read as it arrives.
    SB_VERIFY_OK(store(a,
                       message(u"SM6"_s,
                               u"+16175550111"_s,
                               true,
                               u"Hello?"_s,
                               u"received"_s,
                               QDateTime::currentMSecsSinceEpoch())));
    QTRY_COMPARE_WITH_TIMEOUT(model->threadAt(0)->last.providerMessageId, u"SM6"_s, 5000);
    QCOMPARE(model->index(0).data(Ui::ThreadListModel::UnreadRole).toInt(), 1);
    QVERIFY(model->index(0).data().toString().contains(u"1 new"_s));
    QCOMPARE(model->index(model->rowOf({u"sms"_s, u"+16175550199"_s, {}}))
                 .data(Ui::ThreadListModel::UnreadRole)
                 .toInt(),
             0);
    messages->threads()->setCurrentIndex(model->index(0));
    QTRY_COMPARE(model->index(model->rowOf({u"sms"_s, u"+16175550111"_s, {}}))
                     .data(Ui::ThreadListModel::UnreadRole)
                     .toInt(),
                 0);

    // A text that is only a picture says so in the list (not an empty line).
    Store::MessageRecord picture = message(u"SM7"_s,
                                           u"+16175550122"_s,
                                           true,
                                           QString(),
                                           u"received"_s,
                                           QDateTime::currentMSecsSinceEpoch());
    picture.media = {{u"https://api.twilio.com/m/7"_s, u"image/jpeg"_s}};
    SB_VERIFY_OK(store(a, picture));
    QTRY_COMPARE_WITH_TIMEOUT(model->threadAt(0)->last.providerMessageId, u"SM7"_s, 5000);
    QVERIFY2(model->index(0).data().toString().endsWith(u"\nPicture"_s),
             qPrintable(model->index(0).data().toString()));

    // Tenant B: its conversation only.
    window.tenantSwitcher()->setCurrentIndex(1);
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->threadAt(0)->last.counterpartE164, u"+12125550100"_s);
    QTRY_VERIFY(messages->thread()->bubbles()->toPlainText().contains(u"Clinic B's patient"_s));
}

// What came with a text: each medium asked for once, a picture shown in the bubble once its
// file is there (decoded off the GUI thread), another file as a link to open, one that could not
// be fetched said so; a re-render (a status arriving) asks for nothing again.
void tst_MessagesView::picturesShowInlineAndFilesOpen()
{
    QTemporaryDir dir;
    const QString picture = dir.filePath(u"picture.png"_s);
    QImage image(640, 480, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QVERIFY(image.save(picture));
    const QString pdf = dir.filePath(u"insurance.pdf"_s);
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("%PDF-1.4");
    file.close();

    Ui::ThreadView view;
    view.resize(600, 500);
    view.show();
    QStringList asked;
    connect(&view, &Ui::ThreadView::mediaWanted, &view, [&](const Store::MessageMedia &media) {
        asked.append(media.url);
        // Answered later, as a fetch is.
        QTimer::singleShot(50, &view, [&view, media, picture, pdf] {
            if (media.contentType == u"image/png")
                view.setMediaFile(media.url, picture);
            else if (media.contentType == u"application/pdf")
                view.setMediaFile(media.url, pdf);
            else
                view.setMediaFile(media.url, Error{ErrorCode::NotFound, u"gone from Twilio"_s});
        });
    });
    Store::MessageRecord text;
    text.isInbound = true;
    text.counterpartE164 = u"+16175550143"_s;
    text.body = u"My insurance card"_s;
    text.sentAt = QDateTime::currentMSecsSinceEpoch();
    text.media = {{u"https://api.twilio.com/m/1"_s, u"image/png"_s},
                  {u"https://api.twilio.com/m/2"_s, u"application/pdf"_s},
                  {u"https://api.twilio.com/m/3"_s, u"video/mp4"_s}};
    view.showThread(u"Jane Roe · SMS"_s, {text});
    QVERIFY(view.bubbles()->toPlainText().contains(u"fetching"_s));
    QTRY_COMPARE(view.picturesShown(), 1);
    const QString html = view.bubbles()->toHtml();
    QVERIFY2(html.contains(u"<img"_s), qPrintable(html));
    QVERIFY(html.contains(QUrl::fromLocalFile(pdf).toString(QUrl::FullyEncoded)));
    QTRY_VERIFY(view.bubbles()->toPlainText().contains(u"could not be fetched: gone from Twilio"_s));
    // The picture is in the document at its scaled size, not the photo's 640 pixels.
    const QVariant shown = view.bubbles()->document()->resource(
        QTextDocument::ImageResource, QUrl(u"sbmedia:https://api.twilio.com/m/1"_s));
    QVERIFY(shown.canConvert<QImage>());
    QVERIFY(shown.value<QImage>().width() < 640);
    // Each kept copy is named for its type, so that it opens in the right program.
    QCOMPARE((Store::MessageMedia{{}, u"image/jpeg"_s}).fileSuffix(), u"jpg"_s);
    QCOMPARE((Store::MessageMedia{{}, u"application/pdf"_s}).fileSuffix(), u"pdf"_s);
    QCOMPARE((Store::MessageMedia{{}, u"text/vcard; charset=utf-8"_s}).fileSuffix(), u"vcf"_s);
    QCOMPARE((Store::MessageMedia{{}, u"application/x-unknown"_s}).fileSuffix(), u"bin"_s);
    // Shown again (a status came): nothing is asked again.
    view.showThread(u"Jane Roe · SMS"_s, {text});
    QCOMPARE(view.picturesShown(), 1);
    QCOMPARE(asked.size(), 3);
}

QTEST_MAIN(tst_MessagesView)
#include "tst_messagesview.moc"
