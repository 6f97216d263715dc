#pragma once

#include <QString>

namespace Sb {

// What a message may echo of input it refuses: a bad name or number is shown, but a 100 KB one
// is not sent back whole (nor into a log line).
inline QString excerpt(const QString &input, qsizetype max = 64)
{
    if (input.size() <= max)
        return input;
    return input.left(max) + QStringLiteral("… (%1 characters)").arg(input.size());
}

} // namespace Sb
