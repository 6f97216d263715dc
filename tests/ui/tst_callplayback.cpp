#include "../support/testdatabase.h"

#include <core/demo/demorecordings.h>
#include <core/store/callstore.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/views/calls/calldetailview.h>
#include <ui/views/calls/calllistmodel.h>
#include <ui/views/calls/callsview.h>
#include <ui/views/calls/recordingplayer.h>
#include <ui/views/mainwindow.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Sb;
using namespace Qt::StringLiterals;

// A call's recording in the console: it plays (into silence without a sound card), the
// transcript's highlight follows the turn being spoken, a click on a turn plays from there,
// Space and the arrows drive it from the list, and a recording that arrives later loads itself.
class tst_CallPlayback : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_callplayback"));
        QStandardPaths::setTestModeEnabled(true);
    }
    void init() { QSettings().clear(); }
    void theHighlightFollowsTheRecordingAndAClickSeeks();
    void aRecordingThatArrivesLaterLoadsItself();

private:
    // A 3 s recording in the demo folder: two turns, at 0.5 s and 1.5 s.
    static QString threeSecondRecording();
    static QString twoTurns();
    Result<Store::TenantScope> clinic();
    Status report(const Store::TenantScope &tenant, const QString &recordingUrl);
    std::unique_ptr<Ui::MainWindow> openConsole();

    Test::TestDatabase m_databases;
    std::shared_ptr<Store::Database> m_admin;
    QString m_url;
};

QString tst_CallPlayback::threeSecondRecording()
{
    // 0.5 s silence, a tone to 1.4 s, silence, a lower tone from 1.5 s, to 3 s.
    QByteArray samples(3 * 8000 * 2, '\0');
    for (int i = 0; i < 3 * 8000; ++i) {
        const double t = i / 8000.0;
        const bool speaking = (t >= 0.5 && t < 1.4) || t >= 1.5;
        const double pitch = t < 1.45 ? 330 : 220;
        const auto value = qint16(speaking ? 5000 * std::sin(2 * M_PI * pitch * t) : 0);
        samples[2 * i] = char(value & 0xff);
        samples[2 * i + 1] = char((value >> 8) & 0xff);
    }
    const QString name = QStringLiteral("playback-test.wav");
    QDir().mkpath(Demo::DemoRecordings::folder());
    QFile file(QDir(Demo::DemoRecordings::folder()).filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(Demo::DemoRecordings::wavOf(samples, 8000));
    return Demo::DemoRecordings::urlOf(name).toString();
}

QString tst_CallPlayback::twoTurns()
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray{QJsonObject{{u"role"_s, u"bot"_s},
                                             {u"message"_s, u"Smile Dental, how can I help?"_s},
                                             {u"secondsFromStart"_s, 0.5}},
                                 QJsonObject{{u"role"_s, u"user"_s},
                                             {u"message"_s, u"I need a cleaning."_s},
                                             {u"secondsFromStart"_s, 1.5}}})
            .toJson(QJsonDocument::Compact));
}

Result<Store::TenantScope> tst_CallPlayback::clinic()
{
    auto database = m_databases.createMigrated(QStringLiteral("sqlite"));
    if (!database)
        return database.error();
    m_admin = *database;
    m_url = m_databases.lastUrl();
    auto tenant = Store::TenantStore(*m_admin).add(QStringLiteral("clinic-a"), {});
    if (!tenant)
        return tenant.error();
    if (auto added = Store::StaffStore(*m_admin).addToTenant(
            QStringLiteral("carol"), *tenant, Store::Role::Staff);
        !added)
        return added.error();
    return Tenancy::AdminSession(*m_admin).scope(QStringLiteral("clinic-a"));
}

Status tst_CallPlayback::report(const Store::TenantScope &tenant, const QString &recordingUrl)
{
    Store::CallReport report;
    report.vapiCallId = QStringLiteral("vapi-1");
    report.customerE164 = QStringLiteral("+16175550143");
    report.ourE164 = QStringLiteral("+14155550100");
    report.startedAt = QDateTime::currentMSecsSinceEpoch() - 60'000;
    report.endedAt = report.startedAt + 3'000;
    report.summary = QStringLiteral("Wants a cleaning.");
    report.transcriptJson = twoTurns();
    report.recordingUrl = recordingUrl;
    return m_admin->transaction(
        tenant, Store::TransactionMode::Write, [&](QSqlDatabase &db) -> Status {
            auto applied = Store::CallStore(*m_admin).applyIn(db, tenant, report);
            return applied ? ok() : Status(applied.error());
        });
}

std::unique_ptr<Ui::MainWindow> tst_CallPlayback::openConsole()
{
    auto window = std::make_unique<Ui::MainWindow>();
    window->show();
    QSignalSpy signedIn(window.get(), &Ui::MainWindow::signedIn);
    window->signIn(*Store::DatabaseUrl::parse(m_url), QStringLiteral("carol"), {});
    if (!signedIn.wait(15000))
        return nullptr;
    window->showPage<Ui::CallsView>();
    return window;
}

void tst_CallPlayback::theHighlightFollowsTheRecordingAndAClickSeeks()
{
    auto tenant = clinic();
    SB_VERIFY_OK(tenant);
    const QString url = threeSecondRecording();
    QVERIFY(!url.isEmpty());
    SB_VERIFY_OK(report(*tenant, url));
    auto window = openConsole();
    QVERIFY(window);
    auto *calls = window->page<Ui::CallsView>();
    QTRY_COMPARE(calls->model()->rowCount(), 1);
    Ui::RecordingPlayer *player = calls->detail()->player();
    QTRY_VERIFY(player->hasMedia());
    QTRY_VERIFY_WITH_TIMEOUT(player->duration() > 2500, 5000);
    QVERIFY(player->duration() < 3500);
    QListWidget *turns = calls->detail()->transcript();
    QCOMPARE(turns->count(), 2);

    // Space on the list plays; the highlight reaches the second turn as it is spoken.
    calls->table()->setFocus();
    QTest::keyClick(calls->table(), Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(player->isPlaying(), 3000);
    QTRY_COMPARE_WITH_TIMEOUT(turns->currentRow(), 0, 3000);
    QTRY_COMPARE_WITH_TIMEOUT(turns->currentRow(), 1, 4000);
    QVERIFY(player->position() >= 1400);

    // A click on the first turn plays from its start.
    player->pause();
    QTRY_VERIFY(!player->isPlaying());
    const QRect first = turns->visualItemRect(turns->item(0));
    QTest::mouseClick(turns->viewport(), Qt::LeftButton, {}, first.center());
    QTRY_VERIFY_WITH_TIMEOUT(player->position() < 1000, 3000);
    QVERIFY(player->position() >= 400);
    QTRY_COMPARE_WITH_TIMEOUT(turns->currentRow(), 0, 3000);

    // Faster, and the arrows seek (5 s: to the end, and back to the start).
    player->setRate(2.0);
    QCOMPARE(player->rate(), 2.0);
    player->pause();
    calls->table()->setFocus();
    QTest::keyClick(calls->table(), Qt::Key_Left);
    QTRY_VERIFY(player->position() < 300);
    QVERIFY(player->playButton()->isEnabled());
    QVERIFY(!player->playButton()->accessibleName().isEmpty());
}

void tst_CallPlayback::aRecordingThatArrivesLaterLoadsItself()
{
    auto tenant = clinic();
    SB_VERIFY_OK(tenant);
    SB_VERIFY_OK(report(*tenant, {})); // the report came first, without the recording
    auto window = openConsole();
    QVERIFY(window);
    auto *calls = window->page<Ui::CallsView>();
    QTRY_COMPARE(calls->model()->rowCount(), 1);
    Ui::RecordingPlayer *player = calls->detail()->player();
    QTRY_VERIFY(player->status()->isVisible());
    QVERIFY2(player->status()->text().contains(u"No recording yet"),
             qPrintable(player->status()->text()));
    QVERIFY(!player->hasMedia());

    // Its recording is reported (by serve, in another connection): the player loads it.
    const QString url = threeSecondRecording();
    SB_VERIFY_OK(report(*tenant, url));
    QTRY_VERIFY_WITH_TIMEOUT(player->hasMedia(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(player->duration() > 2500, 5000);
}

QTEST_MAIN(tst_CallPlayback)
#include "tst_callplayback.moc"
