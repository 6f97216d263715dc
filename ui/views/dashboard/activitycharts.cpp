#include "activitycharts.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGridLayout>
#include <QHorizontalBarSeries>
#include <QLocale>
#include <QBarSeries>
#include <QStackedBarSeries>
#include <QValueAxis>

namespace Sb::Ui {

namespace {
// The calls' outcomes, in the order they stack, with colours that read on light and dark.
const QColor kAssistant(0x3b, 0x82, 0xf6);
const QColor kTransferred(0x8b, 0x5c, 0xf6);
const QColor kAnswered(0x10, 0xb9, 0x81);
const QColor kMissed(0xef, 0x44, 0x44);
const QColor kOther(0x9c, 0xa3, 0xaf);
const QColor kReceived(0x0e, 0xa5, 0xe9);
const QColor kSent(0xf5, 0x9e, 0x0b);

QChartView *chartView(const QString &name, QWidget *parent)
{
    auto *view = new QChartView(new QChart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setAccessibleName(name);
    view->viewport()->setAccessibleName(name);
    view->setMinimumHeight(220);
    view->chart()->setTitle(name);
    view->chart()->legend()->setAlignment(Qt::AlignBottom);
    view->chart()->setMargins(QMargins(4, 4, 4, 4));
    view->chart()->setBackgroundRoundness(0);
    return view;
}

QBarSet *barSet(const QString &label, const QColor &colour)
{
    auto *set = new QBarSet(label);
    set->setColor(colour);
    set->setBorderColor(colour);
    return set;
}

// "09" for an hour of today; "Mon 23" for a day of the week; "23" for a day of the month.
QString slotLabel(const QDateTime &start, Store::ActivityPeriod period)
{
    const QLocale locale;
    switch (period) {
    case Store::ActivityPeriod::Today:
        return start.toString(QStringLiteral("HH"));
    case Store::ActivityPeriod::Week:
        return locale.toString(start.date(), QStringLiteral("ddd d"));
    case Store::ActivityPeriod::Month:
        return QString::number(start.date().day());
    }
    return {};
}

// Bars over the period's slots: the category axis below and a whole-number axis beside.
void setBars(QChart *chart,
             QAbstractBarSeries *series,
             const QStringList &categories,
             int highest,
             Qt::Orientation orientation = Qt::Vertical)
{
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    chart->removeAllSeries();
    chart->addSeries(series);
    auto *categoryAxis = new QBarCategoryAxis;
    categoryAxis->append(categories);
    auto *counts = new QValueAxis;
    counts->setLabelFormat(QStringLiteral("%d"));
    counts->setRange(0, std::max(highest, 4));
    counts->applyNiceNumbers();
    counts->setMinorTickCount(0);
    const bool isVertical = orientation == Qt::Vertical;
    chart->addAxis(categoryAxis, isVertical ? Qt::AlignBottom : Qt::AlignLeft);
    chart->addAxis(counts, isVertical ? Qt::AlignLeft : Qt::AlignBottom);
    series->attachAxis(categoryAxis);
    series->attachAxis(counts);
    categoryAxis->setGridLineVisible(false);
    if (categories.size() > 14) {
        // A month's day numbers fit a narrow chart only a little smaller.
        QFont small = categoryAxis->labelsFont();
        small.setPointSizeF(small.pointSizeF() * 0.8);
        categoryAxis->setLabelsFont(small);
    }
}
} // namespace

ActivityCharts::ActivityCharts(QWidget *parent)
    : QWidget(parent)
    , m_calls(chartView(tr("Calls by outcome"), this))
    , m_texts(chartView(tr("Texts"), this))
    , m_funnel(chartView(tr("Leads made in the period"), this))
{
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_calls, 0, 0, 1, 2);
    layout->addWidget(m_texts, 1, 0);
    layout->addWidget(m_funnel, 1, 1);
    layout->setRowStretch(0, 3);
    layout->setRowStretch(1, 2);
    layout->setColumnStretch(0, 3);
    layout->setColumnStretch(1, 2);
    for (QChartView *view : {m_calls, m_texts, m_funnel})
        style(view->chart());
}

QChart *ActivityCharts::callsChart() const
{
    return m_calls->chart();
}

QChart *ActivityCharts::textsChart() const
{
    return m_texts->chart();
}

QChart *ActivityCharts::funnelChart() const
{
    return m_funnel->chart();
}

void ActivityCharts::showSummary(const Store::ActivitySummary &summary)
{
    QStringList categories;
    auto *assistant = barSet(tr("By the assistant"), kAssistant);
    auto *transferred = barSet(tr("Transferred"), kTransferred);
    auto *answered = barSet(tr("Answered"), kAnswered);
    auto *missed = barSet(tr("Missed"), kMissed);
    auto *other = barSet(tr("Other"), kOther);
    auto *received = barSet(tr("Received"), kReceived);
    auto *sent = barSet(tr("Sent"), kSent);
    int mostCalls = 0;
    int mostTexts = 0;
    for (const Store::ActivitySlot &slot : summary.series) {
        QString label = slotLabel(slot.start, summary.period);
        // The hour that repeats when daylight saving ends: "01 EDT", then "01 EST" (a category
        // axis merges equal names).
        if (categories.contains(label)) {
            categories.last() += u' ' + summary.series.at(categories.size() - 1).start.timeZoneAbbreviation();
            label += u' ' + slot.start.timeZoneAbbreviation();
        }
        categories.append(label);
        const Store::ActivityTally &tally = slot.tally;
        *assistant << tally.byAssistant;
        *transferred << tally.transferred;
        *answered << tally.answered;
        *missed << tally.missed;
        *other << tally.otherCalls;
        *received << tally.textsIn;
        *sent << tally.textsOut;
        mostCalls = std::max(mostCalls, tally.calls());
        mostTexts = std::max({mostTexts, tally.textsIn, tally.textsOut});
    }
    auto *calls = new QStackedBarSeries;
    calls->append({assistant, transferred, answered, missed});
    if (summary.current.otherCalls > 0)
        calls->append(other);
    else
        delete other;
    setBars(m_calls->chart(), calls, categories, mostCalls);

    auto *texts = new QBarSeries;
    texts->append({received, sent});
    setBars(m_texts->chart(), texts, categories, mostTexts);

    // Made at the top, booked at the bottom: a horizontal bar chart lists from the bottom up.
    auto *funnelSet = barSet(tr("Leads"), kAssistant);
    *funnelSet << summary.funnel.booked << summary.funnel.contacted << summary.funnel.created;
    auto *funnel = new QHorizontalBarSeries;
    funnel->append(funnelSet);
    funnel->setLabelsVisible(true);
    funnel->setLabelsPosition(QAbstractBarSeries::LabelsInsideBase);
    setBars(m_funnel->chart(),
            funnel,
            {tr("Booked"), tr("Contacted"), tr("Made")},
            summary.funnel.created,
            Qt::Horizontal);
    m_funnel->chart()->legend()->hide();
    for (QChartView *view : {m_calls, m_texts, m_funnel})
        style(view->chart());
    // What a screen reader says of each chart: its totals.
    const Store::ActivityTally &now = summary.current;
    m_calls->setAccessibleDescription(
        tr("%1 calls: %2 by the assistant, %3 transferred, %4 answered, %5 missed")
            .arg(now.calls())
            .arg(now.byAssistant)
            .arg(now.transferred)
            .arg(now.answered)
            .arg(now.missed));
    m_texts->setAccessibleDescription(
        tr("%1 texts received, %2 sent").arg(now.textsIn).arg(now.textsOut));
    m_funnel->setAccessibleDescription(tr("%1 leads made, %2 contacted, %3 booked")
                                           .arg(summary.funnel.created)
                                           .arg(summary.funnel.contacted)
                                           .arg(summary.funnel.booked));
}

void ActivityCharts::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (QChartView *view : {m_calls, m_texts, m_funnel})
            style(view->chart());
    }
}

// The window's own colours, so a chart sits in the console rather than on a white card.
void ActivityCharts::style(QChart *chart) const
{
    const QPalette colours = palette();
    const QColor text = colours.color(QPalette::WindowText);
    const QColor faint = colours.color(QPalette::PlaceholderText);
    chart->setBackgroundBrush(colours.color(QPalette::Base));
    chart->setBackgroundPen(QPen(colours.color(QPalette::Mid)));
    chart->setTitleBrush(text);
    QFont title = chart->titleFont();
    title.setBold(true);
    chart->setTitleFont(title);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setLinePenColor(faint);
        axis->setGridLineColor(colours.color(QPalette::Midlight));
    }
}

} // namespace Sb::Ui
