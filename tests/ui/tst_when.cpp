#include <ui/frame/when.h>

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>

using namespace Sb;
using namespace Qt::StringLiterals;

// When a message or a note happened reads the same way in a bubble as in the list beside it:
// the month by name ("27 Nov"), never a numeric date that means 11 December in London and
// 12 November in Boston; the year only for another year; the time to the minute; Spanish
// month names in Spanish.
class tst_When : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { QLocale::setDefault(QLocale::c()); }
    void aDayOfThisYearByNameWithItsTime();
    void anotherYearSaysWhich();
    void theLocalesOwnWords();
};

namespace {
qint64 at(int month, int day, int hour, int minute, int year = QDate::currentDate().year())
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, 42)).toMSecsSinceEpoch();
}
const QRegularExpression kNumericDate(u"\\d+/\\d+"_s);
} // namespace

void tst_When::aDayOfThisYearByNameWithItsTime()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString when = Ui::dayAndTime(at(11, 12, 15, 7));
    QVERIFY2(when.startsWith(u"12 Nov "_s), qPrintable(when));
    QVERIFY2(when.contains(u"3:07"_s), qPrintable(when));
    QVERIFY2(!when.contains(u":42"_s), qPrintable(when)); // to the minute
    QVERIFY2(!kNumericDate.match(when).hasMatch(), qPrintable(when));
    QVERIFY2(!when.contains(QString::number(QDate::currentDate().year())), qPrintable(when));
    // The list's form for the same moment begins the same way (unless it is today).
    if (QDate(QDate::currentDate().year(), 11, 12) != QDate::currentDate())
        QVERIFY(Ui::shortWhen(at(11, 12, 15, 7)).startsWith(u"12 Nov"_s));
}

void tst_When::anotherYearSaysWhich()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    const int lastYear = QDate::currentDate().year() - 1;
    const QString when = Ui::dayAndTime(at(3, 4, 9, 5, lastYear));
    QVERIFY2(when.startsWith(u"4 Mar %1 "_s.arg(lastYear)), qPrintable(when));
    QVERIFY2(when.endsWith(u"09:05"_s), qPrintable(when));
}

void tst_When::theLocalesOwnWords()
{
    QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::Spain));
    const QString when = Ui::dayAndTime(at(11, 12, 15, 7));
    QVERIFY2(when.startsWith(u"12 nov"_s), qPrintable(when));
    QVERIFY2(when.contains(u"15:07"_s), qPrintable(when));
}

QTEST_GUILESS_MAIN(tst_When)
#include "tst_when.moc"
