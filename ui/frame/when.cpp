#include "when.h"

#include <QDateTime>
#include <QLocale>

namespace Sb::Ui {

namespace {
// The locale's own short time, to the minute.
QString minutesFormat(const QLocale &locale)
{
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss"));
    return format;
}
} // namespace

QString shortWhen(qint64 msecsSinceEpoch)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch);
    const QLocale locale;
    if (at.date() == QDate::currentDate())
        return locale.toString(at.time(), minutesFormat(locale));
    if (at.date().year() == QDate::currentDate().year())
        return locale.toString(at.date(), QStringLiteral("d MMM")) + u' '
            + locale.toString(at.time(), minutesFormat(locale));
    return locale.toString(at.date(), QLocale::ShortFormat);
}

QString dayAndTime(qint64 msecsSinceEpoch)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch);
    const QLocale locale;
    return locale.toString(at.date(), QLocale::ShortFormat) + u' '
        + locale.toString(at.time(), minutesFormat(locale));
}

} // namespace Sb::Ui
