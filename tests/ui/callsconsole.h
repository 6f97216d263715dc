#pragma once

#include "../support/testdatabase.h"

#include <core/store/callrecord.h>
#include <core/store/tenant.h>

#include <QSet>

#include <memory>

namespace Sb::Ui {
class CallListModel;
class MainWindow;
} // namespace Sb::Ui

namespace Sb::Test {

// The Calls page's tests' store and console: two tenants with calls, and carol, a member of
// both (with a login of her own on PostgreSQL), signed in to a real MainWindow.
class CallsConsole
{
protected:
    struct Setup
    {
        std::shared_ptr<Store::Database> admin;
        Store::TenantScope a;
        Store::TenantScope b;
    };
    // A new store on that backend; carol's role in both tenants is m_role.
    Result<Setup> twoTenants(const QString &backend, int callsOfA, int callsOfB);
    static Store::CallRecord call(const QString &counterpart, qint64 startedAt);
    // The console signed in as carol, on the Calls page, tenant A.
    std::unique_ptr<Ui::MainWindow> openConsole();
    static QSet<QString> shownCounterparts(const Ui::CallListModel &model);

    Test::TestDatabase m_databases;
    Store::Role m_role = Store::Role::Staff;
    QString m_url; // as the console signs in
    QString m_adminUrl; // as another process (serve, an administrator) writes
    QString m_staff; // carol, with a login of her own on PostgreSQL
    QString m_password;
};

} // namespace Sb::Test
