#include "signin.h"

#include <core/store/migrator.h>

namespace Sb::Tenancy {

Result<SignedIn>
signIn(const Store::DatabaseUrl &url, const QString &staffName, const QString &password)
{
    // The console makes its own store on first start at the default path; a --db that names a
    // missing file is a mistake to report, not a new empty store.
    Store::ConnectionOptions options;
    options.password = password;
    options.createIfMissing = url.backend() != Store::Backend::Sqlite
        || url.path() == Store::DatabaseUrl::defaultSqlitePath();
    auto database = Store::Database::open(url, options);
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
