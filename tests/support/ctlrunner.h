#pragma once

#include <QProcessEnvironment>
#include <QStringList>

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

} // namespace Sb::Test
