#include "callfilterbar.h"

#include "calllistmodel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QShortcut>
#include <QTimer>

namespace Sb::Ui {

namespace {
constexpr int kToday = -1; // the When filter's data: days back, or one of these
constexpr int kBetween = -2;

qint64 startOf(const QDate &day)
{
    return QDateTime(day, QTime(0, 0)).toMSecsSinceEpoch();
}
} // namespace

CallFilterBar::CallFilterBar(const QString &region, QWidget *parent)
    : QWidget(parent)
    , m_region(region)
    , m_searchBox(new QLineEdit(this))
    , m_searchDelay(new QTimer(this))
    , m_when(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_direction(new QComboBox(this))
    , m_outcome(new QComboBox(this))
{
    m_searchBox->setAccessibleName(tr("Search calls"));
    m_searchBox->setPlaceholderText(
        tr("Search calls: a number in any format, or words from the summary or transcript "
           "(Ctrl+F)"));
    m_searchBox->setClearButtonEnabled(true);
    m_searchDelay->setSingleShot(true);
    // A pause this long ends a word: searching costs the store a few milliseconds even at a
    // million calls, and an answer to text typed since is dropped, so the wait is kept short.
    m_searchDelay->setInterval(120);
    connect(m_searchBox, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &CallFilterBar::changed);
    auto *clear = new QShortcut(QKeySequence(Qt::Key_Escape), m_searchBox);
    clear->setContext(Qt::WidgetShortcut);
    connect(clear, &QShortcut::activated, m_searchBox, &QLineEdit::clear);

    m_when->setAccessibleName(tr("Since when"));
    m_when->addItem(tr("Any time"), 0);
    m_when->addItem(tr("Today"), kToday);
    m_when->addItem(tr("Last 7 days"), 7);
    m_when->addItem(tr("Last 30 days"), 30);
    m_when->addItem(tr("Last 90 days"), 90);
    m_when->addItem(tr("Between dates…"), kBetween);
    const QDate today = QDate::currentDate();
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setMaximumDate(today);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        edit->hide();
        connect(edit, &QDateEdit::dateChanged, this, &CallFilterBar::changed);
    }
    m_from->setAccessibleName(tr("First day"));
    m_to->setAccessibleName(tr("Last day"));
    m_from->setDate(today.addDays(-7));
    m_to->setDate(today);
    connect(m_when, &QComboBox::currentIndexChanged, this, [this] {
        const bool isBetween = m_when->currentData().toInt() == kBetween;
        m_from->setVisible(isBetween);
        m_to->setVisible(isBetween);
    });

    m_direction->setAccessibleName(tr("Direction"));
    m_direction->addItem(tr("All directions"));
    m_direction->addItem(tr("Incoming"), true);
    m_direction->addItem(tr("Outgoing"), false);
    m_outcome->setAccessibleName(tr("Outcome"));
    m_outcome->addItem(tr("All outcomes"), int(Store::CallSearch::Outcome::Any));
    m_outcome->addItem(tr("Assistant"), int(Store::CallSearch::Outcome::Assistant));
    m_outcome->addItem(tr("Transferred"), int(Store::CallSearch::Outcome::Transferred));
    m_outcome->addItem(tr("Answered"), int(Store::CallSearch::Outcome::Answered));
    m_outcome->addItem(tr("Missed"), int(Store::CallSearch::Outcome::Missed));
    for (QComboBox *filter : {m_when, m_direction, m_outcome})
        connect(filter, &QComboBox::currentIndexChanged, this, &CallFilterBar::changed);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_searchBox, 1);
    layout->addWidget(m_when);
    layout->addWidget(m_from);
    layout->addWidget(m_to);
    layout->addWidget(m_direction);
    layout->addWidget(m_outcome);
}

void CallFilterBar::showNumber(const QString &number)
{
    const QSignalBlocker box(m_searchBox);
    const QSignalBlocker when(m_when);
    const QSignalBlocker direction(m_direction);
    const QSignalBlocker outcome(m_outcome);
    m_searchBox->setText(number);
    m_when->setCurrentIndex(0);
    m_direction->setCurrentIndex(0);
    m_outcome->setCurrentIndex(0);
    m_from->hide();
    m_to->hide();
    m_searchDelay->stop();
    emit changed();
}

QString CallFilterBar::text() const
{
    return m_searchBox->text().trimmed();
}

Store::CallSearch CallFilterBar::search() const
{
    Store::CallSearch search = CallListModel::searchOf(m_searchBox->text(), m_region);
    const int when = m_when->currentData().toInt();
    if (when == kToday) {
        search.since = startOf(QDate::currentDate());
    } else if (when == kBetween) {
        // Whole days, whichever way round they were picked.
        const QDate first = std::min(m_from->date(), m_to->date());
        const QDate last = std::max(m_from->date(), m_to->date());
        search.since = startOf(first);
        search.until = startOf(last.addDays(1));
    } else if (when > 0) {
        search.since = QDateTime::currentMSecsSinceEpoch() - qint64(when) * 24 * 3600 * 1000;
    }
    if (m_direction->currentData().isValid())
        search.isInbound = m_direction->currentData().toBool();
    search.outcome = Store::CallSearch::Outcome(m_outcome->currentData().toInt());
    return search;
}

} // namespace Sb::Ui
