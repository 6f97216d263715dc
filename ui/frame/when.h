#pragma once

#include <QString>

namespace Sb::Ui {

// When something happened, as lists show it at a glance: today's by the time (to the minute,
// in the locale's own way), this year's by day and time, older ones by date.
QString shortWhen(qint64 msecsSinceEpoch);
// Day and time to the minute (a message's bubble, a note): the month by name, the year when
// it is not this one.
QString dayAndTime(qint64 msecsSinceEpoch);

} // namespace Sb::Ui
