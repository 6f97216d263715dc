#pragma once

#include <ui/frame/page.h>

#include <core/store/activitystore.h>

#include <QMap>

class QButtonGroup;
class QLabel;
class QTimer;

namespace Sb::Store {
class ChangeSubscription;
}

namespace Sb::Ui {

class ActivityCharts;
class FigureCard;

// The Dashboard: the figures that matter for today, the last 7 or the last 30 days (calls by
// outcome, texts either way, leads made and contacted, and for a clinic's owners and admins the
// requests quarantined), each against the period before, then the charts. Summed by the store
// on its thread (ActivityStore); follows the change feed while shown, and the clock.
class DashboardView final : public Page
{
    Q_OBJECT

public:
    DashboardView(const ConsoleContext &context, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showTenant(const CurrentTenant &tenant) override;
    void retry() override;

    Store::ActivityPeriod period() const { return m_period; }
    void setPeriod(Store::ActivityPeriod period);
    // The cards by what they count: calls, assistant, transferred, missed, quarantined,
    // textsIn, textsOut, newLeads, leadsContacted.
    FigureCard *card(const QString &key) const { return m_cards.value(key); }
    ActivityCharts *charts() const { return m_charts; }
    const std::optional<Store::ActivitySummary> &summary() const { return m_summary; }

signals:
    void summaryShown();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void load();
    void loadSoon();
    void show(const Store::ActivitySummary &summary);
    QString comparedWith() const;

    QButtonGroup *m_periods;
    QLabel *m_state; // when it was summed, or that nothing happened yet
    QMap<QString, FigureCard *> m_cards;
    ActivityCharts *m_charts;
    QTimer *m_soon; // changes come in bursts: one summary for each burst
    QTimer *m_clock; // "today" moves on even when nothing changes
    Store::ChangeSubscription *m_subscription = nullptr;
    Store::ActivityPeriod m_period = Store::ActivityPeriod::Week;
    std::optional<Store::ActivitySummary> m_summary;
    bool m_isStale = false; // changed while hidden: summed again when shown
    quint64 m_generation = 0;
};

} // namespace Sb::Ui
