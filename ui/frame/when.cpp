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
    // The month by name, as the lists write it ("27 Nov"), never a numeric date that reads
    // differently on each side of the Atlantic (11/12/26); the year only when it is not this one.
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch);
    const QLocale locale;
    const QString day = at.date().year() == QDate::currentDate().year()
        ? locale.toString(at.date(), QStringLiteral("d MMM"))
        : locale.toString(at.date(), QStringLiteral("d MMM yyyy"));
    return day + u' ' + locale.toString(at.time(), minutesFormat(locale));
}

} // namespace Sb::Ui
