#include "ctlrunner.h"

#include <QProcess>
#include <QTest>

#include <algorithm>

namespace Sb::Test {

QStringList runTogether(const QString &program, const QList<QStringList> &arguments, const QByteArray &input, int timeoutMs)
{
    QList<std::shared_ptr<QProcess>> processes;
    for (const QStringList &each : arguments) {
        auto process = std::make_shared<QProcess>();
        process->start(program, each);
        process->write(input);
        process->closeWriteChannel();
        processes.append(process);
    }
    QTest::qWaitFor([&] {
        return std::all_of(processes.cbegin(), processes.cend(), [](const auto &p) { return p->state() == QProcess::NotRunning; });
    }, timeoutMs);
    QStringList printed;
    for (const auto &process : std::as_const(processes)) {
        const bool isDone = process->state() == QProcess::NotRunning;
        if (!isDone) {
            process->kill();
            process->waitForFinished(2000);
        }
        printed.append(isDone ? QString::fromUtf8(process->readAllStandardOutput()).trimmed() : QString());
    }
    return printed;
}

CtlRun runCtl(const QStringList &arguments,
              const QByteArray &input,
              const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SB_CTL_PATH), arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitCode(),
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

Result<quint16>
startServe(QProcess &process, const QStringList &arguments, const QProcessEnvironment &environment)
{
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SB_CTL_PATH),
                  QStringList{QStringLiteral("serve"),
                              QStringLiteral("--listen"),
                              QStringLiteral("127.0.0.1:0"),
                              QStringLiteral("--public-url"),
                              QStringLiteral("https://hooks.example.org")}
                      + arguments);
    QByteArray output;
    while (!output.contains('\n')) {
        if (!process.waitForReadyRead(20000))
            return Error{ErrorCode::Unsupported, QString::fromUtf8(process.readAllStandardError())};
        output += process.readAllStandardOutput();
    }
    // "listening on 127.0.0.1:PORT for URL"
    const qsizetype forAt = output.indexOf(" for ");
    const qsizetype colon = output.lastIndexOf(':', forAt);
    return quint16(output.mid(colon + 1, forAt - colon - 1).toUInt());
}

FakeProcess::FakeProcess() = default;

FakeProcess::~FakeProcess()
{
    if (m_process) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool FakeProcess::startTwilio(const QStringList &arguments)
{
    return start(QStringLiteral(SB_FAKE_TWILIO_PATH), arguments);
}

bool FakeProcess::startVapi(const QStringList &arguments)
{
    return start(QStringLiteral(SB_FAKE_VAPI_PATH), arguments);
}

bool FakeProcess::start(const QString &program, const QStringList &arguments)
{
    m_process = std::make_unique<QProcess>();
    m_process->start(program, arguments);
    if (!m_process->waitForStarted(10000))
        return false;
    while (!m_process->canReadLine()) {
        if (!m_process->waitForReadyRead(10000))
            return false;
    }
    m_firstLine = m_process->readLine().trimmed();
    return true;
}

} // namespace Sb::Test
