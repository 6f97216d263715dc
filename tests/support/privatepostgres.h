#pragma once

#include <core/common/result.h>

#include <QTemporaryDir>

namespace Sb::Test {

// A PostgreSQL 15 cluster of the test's own, for tests that stop and restart the server
// (the shared one of ./dev test serves suites running in parallel). Trust authentication on
// 127.0.0.1; as root the cluster runs as the 'postgres' account. Stopped when destroyed.
class PrivatePostgres final
{
public:
    PrivatePostgres();
    ~PrivatePostgres();

    Status start();
    Status stop();
    QString url(const QString &database) const;

private:
    Status run(const QStringList &command) const;

    QTemporaryDir m_dir;
    quint16 m_port = 0;
    bool m_isInitialised = false;
    bool m_isRunning = false;
};

} // namespace Sb::Test
