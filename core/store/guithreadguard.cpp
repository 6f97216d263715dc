#include "guithreadguard.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QString>
#include <QThread>

namespace Sb::Store {

namespace {
QAtomicInt s_guards;
} // namespace

GuiThreadGuard::GuiThreadGuard()
{
    s_guards.ref();
}

GuiThreadGuard::~GuiThreadGuard()
{
    s_guards.deref();
}

bool GuiThreadGuard::isArmed()
{
    return s_guards.loadRelaxed() > 0;
}

void GuiThreadGuard::check(const char *what, const QString &statement)
{
    if (!isArmed())
        return;
    const QCoreApplication *application = QCoreApplication::instance();
    if (!application || QThread::currentThread() != application->thread())
        return;
    qFatal("%s on the GUI thread (the console must never wait for the database): %s",
           what,
           qPrintable(statement.simplified().left(160)));
}

} // namespace Sb::Store
