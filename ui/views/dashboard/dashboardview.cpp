#include "dashboardview.h"

#include "activitycharts.h"
#include "figurecard.h"

#include <ui/frame/icons.h>

#include <core/common/continuation.h>
#include <core/store/asyncstore.h>
#include <core/store/changefeed.h>

#include <QButtonGroup>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Sb::Ui {

namespace {
const QString kPeriodSetting = QStringLiteral("dashboard/period");
constexpr int kBurstMs = 1000;
constexpr int kClockMs = 60 * 1000;
} // namespace

DashboardView::DashboardView(const ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
    , m_periods(new QButtonGroup(this))
    , m_state(new QLabel(this))
    , m_charts(new ActivityCharts(this))
    , m_soon(new QTimer(this))
    , m_clock(new QTimer(this))
{
    auto *periods = new QHBoxLayout;
    const std::pair<Store::ActivityPeriod, QString> choices[] = {
        {Store::ActivityPeriod::Today, tr("Today")},
        {Store::ActivityPeriod::Week, tr("7 days")},
        {Store::ActivityPeriod::Month, tr("30 days")},
    };
    for (const auto &[period, label] : choices) {
        auto *button = new QToolButton(this);
        button->setText(label);
        button->setCheckable(true);
        button->setAutoRaise(false);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setFocusPolicy(Qt::StrongFocus);
        button->setAccessibleName(tr("Show %1").arg(label));
        m_periods->addButton(button, int(period));
        periods->addWidget(button);
    }
    periods->addSpacing(style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing) * 2);
    periods->addWidget(m_state, 1);
    m_state->setForegroundRole(QPalette::PlaceholderText);
    m_state->setWordWrap(true);

    struct CardChoice
    {
        const char *key;
        QString title;
        FigureCard::Better better;
        int row;
        int column;
    };
    const CardChoice cards[] = {
        {"calls", tr("Calls"), FigureCard::Better::More, 0, 0},
        {"assistant", tr("Answered by the assistant"), FigureCard::Better::More, 0, 1},
        {"transferred", tr("Transferred to staff"), FigureCard::Better::Fewer, 0, 2},
        {"missed", tr("Missed"), FigureCard::Better::Fewer, 0, 3},
        {"quarantined", tr("Quarantined requests"), FigureCard::Better::Fewer, 0, 4},
        {"textsIn", tr("Texts received"), FigureCard::Better::More, 1, 0},
        {"textsOut", tr("Texts sent"), FigureCard::Better::More, 1, 1},
        {"newLeads", tr("New leads"), FigureCard::Better::More, 1, 2},
        {"leadsContacted", tr("Leads contacted"), FigureCard::Better::More, 1, 3},
    };
    auto *grid = new QGridLayout;
    for (const CardChoice &choice : cards) {
        auto *card = new FigureCard(choice.title, choice.better, this);
        m_cards.insert(QString::fromLatin1(choice.key), card);
        grid->addWidget(card, choice.row, choice.column);
    }
    for (int column = 0; column < 5; ++column)
        grid->setColumnStretch(column, 1);
    m_cards.value(QStringLiteral("quarantined"))->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(periods);
    layout->addLayout(grid);
    layout->addWidget(m_charts, 1);

    m_period = Store::ActivityPeriod(
        QSettings().value(kPeriodSetting, int(Store::ActivityPeriod::Week)).toInt());
    if (auto *chosen = m_periods->button(int(m_period)))
        chosen->setChecked(true);
    connect(m_periods, &QButtonGroup::idClicked, this, [this](int id) {
        setPeriod(Store::ActivityPeriod(id));
    });
    m_soon->setSingleShot(true);
    m_soon->setInterval(kBurstMs);
    connect(m_soon, &QTimer::timeout, this, &DashboardView::load);
    m_clock->setInterval(kClockMs);
    connect(m_clock, &QTimer::timeout, this, &DashboardView::loadSoon);
    m_clock->start();
}

QString DashboardView::title() const
{
    return tr("Dashboard");
}

QIcon DashboardView::icon() const
{
    return consoleIcon(QStringLiteral("dashboard"));
}

void DashboardView::setPeriod(Store::ActivityPeriod period)
{
    if (auto *button = m_periods->button(int(period)))
        button->setChecked(true);
    if (period == m_period && m_summary)
        return;
    m_period = period;
    QSettings().setValue(kPeriodSetting, int(period));
    load();
}

void DashboardView::showTenant(const CurrentTenant &tenant)
{
    rememberTenant(tenant);
    clearProblem();
    ++m_generation;
    m_summary.reset();
    for (FigureCard *card : std::as_const(m_cards))
        card->clear();
    delete m_subscription;
    m_subscription = nullptr;
    if (context().changes) {
        m_subscription = context().changes->subscribe(tenant.scope.tenantId(),
                                                      Store::ChangeKind::Calls
                                                          | Store::ChangeKind::Messages
                                                          | Store::ChangeKind::Leads
                                                          | Store::ChangeKind::Events,
                                                      this);
        connect(m_subscription, &Store::ChangeSubscription::changed, this, &DashboardView::loadSoon);
    }
    m_cards.value(QStringLiteral("quarantined"))->setVisible(tenant.mayDelete());
    // Hidden, it sums nothing yet: a tenant switch is then no slower for the page in view.
    if (isVisible())
        load();
    else
        m_isStale = true;
}

void DashboardView::retry()
{
    clearProblem();
    if (isVisible())
        load();
    else
        m_isStale = true;
}

void DashboardView::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    if (m_isStale)
        load();
}

// While hidden a change only marks the figures stale: nobody is looking at them.
void DashboardView::loadSoon()
{
    if (!isVisible()) {
        m_isStale = true;
        return;
    }
    if (!m_summary && !isBusy())
        load(); // nothing shown yet: at once
    else if (!m_soon->isActive())
        m_soon->start();
}

void DashboardView::load()
{
    if (!tenant())
        return;
    m_isStale = false;
    m_soon->stop();
    const quint64 generation = ++m_generation;
    setBusy(true);
    auto summary = Store::AsyncStore<Store::ActivityStore>(context().database)
                       .call(&Store::ActivityStore::summary,
                             tenant()->scope,
                             m_period,
                             QDateTime::currentDateTime(),
                             tenant()->mayDelete());
    onFinished(this,
               std::move(summary),
               [this, generation](Result<Store::ActivitySummary> summary) {
                   if (generation != m_generation)
                       return;
                   setBusy(false);
                   if (!summary) {
                       setProblem(tr("Could not sum up the clinic's activity: %1")
                                      .arg(summary.error().message));
                       return;
                   }
                   clearProblem();
                   show(*summary);
               });
}

QString DashboardView::comparedWith() const
{
    switch (m_period) {
    case Store::ActivityPeriod::Today:
        return tr("yesterday by this time");
    case Store::ActivityPeriod::Week:
        return tr("the 7 days before");
    case Store::ActivityPeriod::Month:
        return tr("the 30 days before");
    }
    return {};
}

void DashboardView::show(const Store::ActivitySummary &summary)
{
    m_summary = summary;
    const Store::ActivityTally &now = summary.current;
    const Store::ActivityTally &before = summary.previous;
    const QString compared = comparedWith();
    auto figure = [&](const char *key, int value, int previous) {
        m_cards.value(QString::fromLatin1(key))->showFigure(value, previous, compared);
    };
    figure("calls", now.calls(), before.calls());
    figure("assistant", now.byAssistant, before.byAssistant);
    figure("transferred", now.transferred, before.transferred);
    figure("missed", now.missed, before.missed);
    figure("textsIn", now.textsIn, before.textsIn);
    figure("textsOut", now.textsOut, before.textsOut);
    figure("newLeads", now.newLeads, before.newLeads);
    figure("leadsContacted", now.leadsContacted, before.leadsContacted);
    FigureCard *quarantined = m_cards.value(QStringLiteral("quarantined"));
    quarantined->setVisible(summary.hasQuarantine);
    if (summary.hasQuarantine) {
        figure("quarantined", now.quarantined, before.quarantined);
        quarantined->setDetail(tr("every clinic's; see Events"));
    }
    const QLocale locale;
    const bool isQuiet = now.calls() == 0 && now.texts() == 0 && now.newLeads == 0
        && before.calls() == 0 && before.texts() == 0;
    m_state->setText(
        isQuiet ? tr("Nothing yet in this period or the one before. Calls, texts and leads appear "
                     "here as they arrive: point the clinic's number at Switchboard "
                     "(switchboardctl twilio connect …).")
                : tr("Since %1, compared with %2 · updated %3, and as calls and texts arrive")
                      .arg(summary.period == Store::ActivityPeriod::Today
                               ? tr("midnight")
                               : locale.toString(summary.from.date(), tr("dddd d MMMM")),
                           compared,
                           summary.until.time().toString(QStringLiteral("HH:mm"))));
    m_charts->showSummary(summary);
    emit summaryShown();
}

} // namespace Sb::Ui
