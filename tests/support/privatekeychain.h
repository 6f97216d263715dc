#pragma once

#include <core/common/result.h>

#include <QProcessEnvironment>
#include <QTemporaryDir>

namespace Sb::Test {

// Another "machine" for keychain tests: its own D-Bus session bus (no service activation, so
// nothing starts behind our back), and optionally its own unlocked gnome-keyring with a home of
// its own. Child processes run with environment(). Stopped when destroyed.
class PrivateKeychain final
{
public:
    enum class Mode { NoSecretService, Unlocked };

    explicit PrivateKeychain(Mode mode);
    ~PrivateKeychain();
    PrivateKeychain(const PrivateKeychain &) = delete;
    PrivateKeychain &operator=(const PrivateKeychain &) = delete;

    Status start();
    // Locks the default collection, as a screen lock or the user would.
    Status lock();
    QProcessEnvironment environment() const { return m_environment; }

private:
    Mode m_mode;
    QTemporaryDir m_home;
    QProcessEnvironment m_environment;
    qint64 m_busPid = 0;
    QString m_busAddress;
};

} // namespace Sb::Test
