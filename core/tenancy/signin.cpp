#include "signin.h"

#include <core/store/migrator.h>

namespace Sb::Tenancy {

Result<SignedIn> signIn(const Store::DatabaseUrl &url, const QString &staffName)
{
    auto database = Store::Database::open(url);
    if (!database)
        return database.error();
    if (auto ready = Store::Migrator(**database).prepareForUse(); !ready)
        return ready.error();
    auto session = StaffSession::signIn(**database, staffName);
    if (!session)
        return session.error();
    return SignedIn{*database, *session};
}

} // namespace Sb::Tenancy
