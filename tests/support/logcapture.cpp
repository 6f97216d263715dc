#include "logcapture.h"

#include <QAtomicPointer>

namespace Sb::Test {

namespace {
QAtomicPointer<LogCapture> s_active;
}

LogCapture::LogCapture(QString filter)
    : m_filter(std::move(filter))
{
    Q_ASSERT(!s_active.loadAcquire());
    s_active.storeRelease(this);
    m_previous = qInstallMessageHandler(&LogCapture::handle);
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(m_previous);
    s_active.storeRelease(nullptr);
}

QStringList LogCapture::lines() const
{
    const QMutexLocker lock(&m_mutex);
    return m_lines;
}

void LogCapture::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_lines.clear();
}

void LogCapture::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogCapture *capture = s_active.loadAcquire();
    if (!capture)
        return;
    if (capture->m_filter.isEmpty() || message.contains(capture->m_filter)) {
        const QMutexLocker lock(&capture->m_mutex);
        capture->m_lines << message;
    }
    if (capture->m_previous)
        capture->m_previous(type, context, message);
}

} // namespace Sb::Test
