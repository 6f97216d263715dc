#pragma once

#include <core/store/activitystore.h>

#include <QWidget>

class QChart;
class QChartView;

namespace Sb::Ui {

// The dashboard's charts, drawn again from each summary: calls per hour or day stacked by
// outcome, texts per hour or day either way, and the leads made in the period as a funnel.
// Colours follow the palette (light or dark) and mean the same in every chart.
class ActivityCharts final : public QWidget
{
    Q_OBJECT

public:
    explicit ActivityCharts(QWidget *parent = nullptr);

    void showSummary(const Store::ActivitySummary &summary);

    QChart *callsChart() const;
    QChart *textsChart() const;
    QChart *funnelChart() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void style(QChart *chart) const;

    QChartView *m_calls;
    QChartView *m_texts;
    QChartView *m_funnel;
};

} // namespace Sb::Ui
