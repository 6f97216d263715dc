#pragma once

#include <QMutex>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace Sb::Test {

// Collects the log lines that contain `filter` (every line when it is empty) while it lives,
// and still hands each line to the handler installed before it. Qt calls message handlers on
// whichever thread logs (store threads, ingest workers, the keychain's job threads), so the
// lines are guarded: an unguarded QStringList here once corrupted the heap in CI.
// One capture at a time; it installs itself on construction and restores on destruction.
// Construct it inside the test run (initTestCase or a test function, e.g. in a std::optional
// member): QTest::qExec installs its own handler when the run starts, which would silently
// replace a capture made earlier; and end it before the run ends (cleanupTestCase).
class LogCapture
{
public:
    explicit LogCapture(QString filter = {});
    ~LogCapture();
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    QStringList lines() const;
    QString text() const { return lines().join(u'\n'); }
    void clear();

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);

    const QString m_filter;
    mutable QMutex m_mutex;
    QStringList m_lines;
    QtMessageHandler m_previous = nullptr;
};

} // namespace Sb::Test
