#pragma once

#include "staffsession.h"

#include <core/store/database.h>

#include <memory>

namespace Sb::Tenancy {

struct SignedIn
{
    std::shared_ptr<Store::Database> database;
    StaffSession session;
};

// What the console does before it shows anything: open the store, make sure its schema is
// usable (migrating an embedded SQLite file), and sign the staff member in. Blocking: call it
// off the GUI thread.
// password: the staff login's on PostgreSQL (empty: libpq's pass file); unused on SQLite.
Result<SignedIn>
signIn(const Store::DatabaseUrl &url, const QString &staffName, const QString &password = {});

} // namespace Sb::Tenancy
