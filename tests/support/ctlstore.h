#pragma once

#include "testdatabase.h"

#include <QTemporaryDir>

namespace Sb::Test {

// What the switchboardctl tests drive: a SQLite store with a vault whose key is in a file, and
// one tenant.
class CtlStore final
{
public:
    Status create(const QString &tenant = QStringLiteral("clinic-a"));
    QString url() const { return m_url; }
    QString keyFile() const { return m_dir.filePath(QStringLiteral("vault.key")); }
    // --tenant, --db and --key-file for this store.
    QStringList arguments() const;

private:
    TestDatabase m_databases;
    QTemporaryDir m_dir;
    QString m_url;
    QString m_tenant;
};

} // namespace Sb::Test
