#include "callsconsole.h"

#include <ui/views/calls/callsview.h>

#include <core/store/callstore.h>
#include <core/store/staffstore.h>
#include <core/store/tenantstore.h>
#include <core/tenancy/staffsession.h>
#include <ui/views/calls/calllistmodel.h>
#include <ui/views/mainwindow.h>

#include <QDateTime>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Sb::Test {

Store::CallRecord CallsConsole::call(const QString &counterpart, qint64 startedAt)
{
    Store::CallRecord record;
    record.provider = QStringLiteral("twilio");
    record.isInbound = true;
    record.fromE164 = counterpart;
    record.toE164 = QStringLiteral("+14155550100");
    record.counterpartE164 = counterpart;
    record.status = QStringLiteral("completed");
    record.startedAt = startedAt;
    record.durationSeconds = 42;
    return record;
}

Result<CallsConsole::Setup>
CallsConsole::twoTenants(const QString &backend, int callsOfA, int callsOfB)
{
    auto database = m_databases.createMigrated(backend);
    if (!database)
        return database.error();
    m_url = m_databases.lastUrl();
    m_adminUrl = m_url;
    const bool isPostgres = backend == u"postgres";
    // PostgreSQL logins belong to the whole server: a name of this run's own.
    const QString suffix = QString::number(QRandomGenerator::global()->generate(), 36);
    m_staff = isPostgres ? QStringLiteral("carol_") + suffix : QStringLiteral("carol");
    m_password = isPostgres ? QStringLiteral("carol-password-") + suffix : QString();
    Store::TenantStore tenants(**database);
    for (const char *name : {"clinic-a", "clinic-b"}) {
        auto tenant = tenants.add(QLatin1String(name), {});
        if (!tenant)
            return tenant.error();
        auto added = Store::StaffStore(**database).addToTenant(m_staff, *tenant, m_role);
        if (!added)
            return added.error();
        if (isPostgres) {
            if (auto login = Store::StaffStore(**database).setLogin(*added, m_password); !login)
                return login.error();
        }
    }
    if (isPostgres) {
        QUrl asStaff(m_url);
        asStaff.setUserName(m_staff);
        m_url = asStaff.toString();
    }
    const Tenancy::AdminSession admin(**database);
    Setup setup{*database,
                *admin.scope(QStringLiteral("clinic-a")),
                *admin.scope(QStringLiteral("clinic-b"))};
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - 1'000'000;
    Store::CallStore calls(**database);
    for (int i = 0; i < callsOfA; ++i) {
        if (auto added = calls.insert(
                setup.a, call(u"+1617555%1"_s.arg(i, 4, 10, QLatin1Char('0')), start + i));
            !added)
            return added.error();
    }
    for (int i = 0; i < callsOfB; ++i) {
        if (auto added = calls.insert(
                setup.b, call(u"+1212555%1"_s.arg(i, 4, 10, QLatin1Char('0')), start + i));
            !added)
            return added.error();
    }
    return setup;
}

std::unique_ptr<Ui::MainWindow> CallsConsole::openConsole()
{
    auto window = std::make_unique<Ui::MainWindow>();
    window->show();
    QSignalSpy signedIn(window.get(), &Ui::MainWindow::signedIn);
    window->signIn(*Store::DatabaseUrl::parse(m_url), m_staff, m_password);
    if (!signedIn.wait(15000))
        return nullptr;
    window->showPage<Ui::CallsView>();
    return window;
}

QSet<QString> CallsConsole::shownCounterparts(const Ui::CallListModel &model)
{
    QSet<QString> shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown.insert(model.callAt(row)->counterpartE164);
    return shown;
}

} // namespace Sb::Test
