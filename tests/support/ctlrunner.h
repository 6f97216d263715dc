#pragma once

#include <core/common/result.h>

#include <QProcessEnvironment>
#include <QStringList>

#include <memory>

class QProcess;

namespace Sb::Test {

struct CtlRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the real switchboardctl binary with stdin, in the given environment.
CtlRun runCtl(const QStringList &arguments,
              const QByteArray &input = {},
              const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

// Starts `program` once per argument list, all at once, each given `input` on stdin, and runs
// this thread's event loop (a fake in this process answers them) until all have ended, or
// timeoutMs; what each printed, trimmed, in order (empty for one that did not end).
QStringList runTogether(const QString &program,
                        const QList<QStringList> &arguments,
                        const QByteArray &input,
                        int timeoutMs = 30000);

// `switchboardctl serve --listen 127.0.0.1:0 --public-url https://hooks.example.org` plus
// arguments (--db, --key-file, …), started in process; the port it listens on once it says so.
Result<quint16>
startServe(QProcess &process, const QStringList &arguments, const QProcessEnvironment &environment);

// A fake provider program (tests/fakes) running until destroyed; what it printed first.
class FakeProcess final
{
public:
    FakeProcess();
    ~FakeProcess();
    // Starts the fake Twilio; its first line (JSON) tells where it listens and its master account.
    bool startTwilio(const QStringList &arguments = {});
    bool startVapi(const QStringList &arguments = {});
    const QByteArray &firstLine() const { return m_firstLine; }

private:
    bool start(const QString &program, const QStringList &arguments);

    std::unique_ptr<QProcess> m_process;
    QByteArray m_firstLine;
};

} // namespace Sb::Test
