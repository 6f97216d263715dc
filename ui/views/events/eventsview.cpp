#include "eventsview.h"

#include <ui/frame/icons.h>
#include <ui/frame/listtable.h>
#include <ui/frame/provideraccess.h>
#include <ui/frame/when.h>

#include <core/common/continuation.h>
#include <core/common/redactor.h>
#include <core/ingest/quarantinereplay.h>
#include <core/providers/webhookendpoints.h>
#include <core/store/asyncstore.h>
#include <core/store/changefeed.h>
#include <core/store/database.h>
#include <core/tenancy/staffsession.h>

#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace Sb::Ui {

namespace {
constexpr int kLogRows = 1000; // the newest; the filter narrows these
constexpr int kQuarantineRows = 500;

QTableWidget *table(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *widget = new QTableWidget(0, int(headers.size()), parent);
    widget->setHorizontalHeaderLabels(headers);
    makeListTable(widget, name);
    return widget;
}

// A request body as people read it: JSON indented, a form as one "name: value" per line.
QString readable(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        const QJsonDocument json = QJsonDocument::fromJson(trimmed);
        if (!json.isNull())
            return QString::fromUtf8(json.toJson(QJsonDocument::Indented));
    }
    // In a form, '+' is a space; %2B is a plus.
    const QUrlQuery form(QString::fromUtf8(trimmed).replace(u'+', QStringLiteral("%20")));
    QStringList lines;
    for (const auto &[name, value] : form.queryItems(QUrl::FullyDecoded))
        lines.append(name + QStringLiteral(": ") + value);
    return lines.isEmpty() ? QString::fromUtf8(body) : lines.join(u'\n');
}

void setRow(QTableWidget *widget, int row, const QStringList &cells)
{
    for (int column = 0; column < cells.size(); ++column)
        widget->setItem(row, column, new QTableWidgetItem(cells.at(column)));
}
} // namespace

EventsView::EventsView(const ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
    , m_logState(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_log(table({tr("When"), tr("Provider"), tr("Type"), tr("Outcome"), tr("Provider's id")},
                  tr("Webhook log"),
                  this))
    , m_quarantineHeading(new QLabel(tr("Quarantine: requests no clinic could be given"), this))
    , m_quarantine(table({tr("When"), tr("Provider"), tr("Endpoint"), tr("Reason"), tr("State")},
                         tr("Quarantine"),
                         this))
    , m_payload(new QPlainTextEdit(this))
    , m_replay(new QPushButton(tr("Replay"), this))
    , m_outcome(new QLabel(this))
{
    QFont bold = m_quarantineHeading->font();
    bold.setBold(true);
    m_quarantineHeading->setFont(bold);
    m_logState->setWordWrap(true);
    m_logState->setFont(bold);
    m_filter->setAccessibleName(tr("Filter the webhook log"));
    m_filter->setPlaceholderText(tr("Filter by provider, type or id"));
    m_filter->setClearButtonEnabled(true);
    m_payload->setAccessibleName(tr("The quarantined request, secrets taken out"));
    m_payload->setReadOnly(true);
    m_payload->setPlaceholderText(tr("Choose a request to see what it carried and its headers"));
    m_replay->setAccessibleName(tr("Replay the chosen request"));
    m_replay->setToolTip(tr("Judge it again as a live request: stored in the clinic it now "
                            "routes to, or kept with the new reason"));
    m_replay->setEnabled(false);
    m_outcome->setAccessibleName(tr("What the replay did"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(6, 6, 6, 0);
    topLayout->addWidget(m_logState);
    topLayout->addWidget(m_filter);
    topLayout->addWidget(m_log, 1);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(6, 0, 6, 6);
    bottomLayout->addWidget(m_quarantineHeading);
    // The chosen request beside the list, as the other pages show a row's detail: a payload
    // of a dozen fields and its headers need the height a list below would take from it.
    // The reason takes what the other columns leave and is cut short (whole in its tooltip and
    // at the head of the payload), so the state stays in view beside the request.
    QHeaderView *columns = m_quarantine->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::ResizeToContents);
    columns->setSectionResizeMode(3, QHeaderView::Stretch);
    columns->setStretchLastSection(false);
    auto *quarantineSplitter = new QSplitter(Qt::Horizontal, bottom);
    quarantineSplitter->addWidget(m_quarantine);
    quarantineSplitter->addWidget(m_payload);
    quarantineSplitter->setStretchFactor(0, 1);
    quarantineSplitter->setStretchFactor(1, 1);
    quarantineSplitter->setChildrenCollapsible(false);
    bottomLayout->addWidget(quarantineSplitter, 1);
    auto *replayRow = new QHBoxLayout;
    replayRow->addWidget(m_outcome, 1);
    replayRow->addWidget(m_replay);
    bottomLayout->addLayout(replayRow);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_filter, &QLineEdit::textChanged, this, &EventsView::applyFilter);
    connect(m_quarantine, &QTableWidget::currentCellChanged, this, &EventsView::showEntry);
    connect(m_replay, &QPushButton::clicked, this, &EventsView::replayChosen);
    if (context.providers)
        connect(context.providers, &ProviderAccess::sealerChanged, this, &EventsView::showEntry);
}

QString EventsView::title() const
{
    return tr("Events");
}

QIcon EventsView::icon() const
{
    return consoleIcon(QStringLiteral("events"));
}

void EventsView::showTenant(const CurrentTenant &tenant)
{
    rememberTenant(tenant);
    clearProblem();
    ++m_generation;
    m_log->setRowCount(0);
    m_outcome->clear();
    delete m_subscription;
    m_subscription = nullptr;
    if (context().changes) {
        m_subscription =
            context().changes->subscribe(tenant.scope.tenantId(), Store::ChangeKind::Events, this);
        connect(m_subscription, &Store::ChangeSubscription::changed, this, &EventsView::loadLog);
    }
    loadLog();
    loadQuarantine();
}

void EventsView::retry()
{
    clearProblem();
    loadLog();
    loadQuarantine();
}

void EventsView::loadLog()
{
    if (!tenant())
        return;
    const quint64 generation = m_generation;
    setBusy(true);
    auto events = Store::AsyncStore<Store::EventLog>(context().database)
                      .call(&Store::EventLog::newest, tenant()->scope, kLogRows, qint64(0));
    onFinished(
        this, std::move(events), [this, generation](Result<QList<Store::StoredEvent>> events) {
            if (generation != m_generation)
                return;
            setBusy(false);
            if (!events) {
                setProblem(tr("Could not load the webhook log: %1").arg(events.error().message));
                return;
            }
            m_log->setRowCount(int(events->size()));
            for (int row = 0; row < events->size(); ++row) {
                const Store::StoredEvent &event = events->at(row);
                // Only stored events reach a tenant's log: each was accepted once (a repeat of it
                // was answered without a second row).
                setRow(m_log,
                       row,
                       {shortWhen(event.receivedAt),
                        event.provider,
                        event.eventType,
                        tr("stored"),
                        event.eventKey});
                m_log->item(row, 0)->setToolTip(dayAndTime(event.receivedAt));
            }
            m_logState->setText(
                events->isEmpty()
                    ? tr("Webhook log: nothing stored for %1 yet. Calls, texts and reports appear "
                         "here as `switchboardctl serve` stores what the providers send.")
                          .arg(tenant()->name)
                    : tr("Webhook log: the newest %n stored for %1", nullptr, int(events->size()))
                          .arg(tenant()->name));
            m_log->resizeColumnsToContents();
            applyFilter();
            emit logShown();
        });
}

void EventsView::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    for (int row = 0; row < m_log->rowCount(); ++row) {
        bool isMatch = text.isEmpty();
        for (int column = 0; !isMatch && column < m_log->columnCount(); ++column)
            isMatch = m_log->item(row, column)->text().contains(text, Qt::CaseInsensitive);
        m_log->setRowHidden(row, !isMatch);
    }
}

void EventsView::loadQuarantine()
{
    const quint64 generation = m_generation;
    auto entries = Store::AsyncStore<Store::EventLog>(context().database)
                       .call(&Store::EventLog::quarantined, true, kQuarantineRows, qint64(0));
    onFinished(this,
               std::move(entries),
               [this, generation](Result<QList<Store::QuarantineEntry>> entries) {
                   if (generation != m_generation)
                       return;
                   // For a clinic's owners and admins, where the store lets the login read it
                   // (a staff login on PostgreSQL may not); otherwise it is not shown.
                   const bool mayRead = entries && tenant() && tenant()->mayDelete();
                   for (QWidget *part : {static_cast<QWidget *>(m_quarantineHeading),
                                         static_cast<QWidget *>(m_quarantine),
                                         static_cast<QWidget *>(m_payload),
                                         static_cast<QWidget *>(m_replay),
                                         static_cast<QWidget *>(m_outcome)})
                       part->setVisible(mayRead);
                   if (!mayRead)
                       return;
                   m_entries = *entries;
                   m_quarantine->setRowCount(int(m_entries.size()));
                   for (int row = 0; row < m_entries.size(); ++row) {
                       const Store::QuarantineEntry &entry = m_entries.at(row);
                       setRow(m_quarantine,
                              row,
                              {shortWhen(entry.receivedAt),
                               entry.provider,
                               entry.endpoint,
                               entry.reason,
                               entry.replayedTenantId > 0
                                   ? tr("replayed into %1").arg(clinicName(entry.replayedTenantId))
                                   : tr("waiting")});
                       m_quarantine->item(row, 3)->setToolTip(entry.reason);
                   }
                   const auto waiting =
                       std::count_if(m_entries.cbegin(), m_entries.cend(), [](const auto &e) {
                           return e.replayedTenantId == 0;
                       });
                   m_quarantineHeading->setText(
                       waiting == 0   ? tr("Quarantine (every clinic's): nothing waiting")
                       : waiting == 1 ? tr("Quarantine (every clinic's): one request no clinic "
                                           "could be given, waiting")
                                      : tr("Quarantine (every clinic's): %n requests no clinic "
                                           "could be given, waiting",
                                           nullptr,
                                           int(waiting)));
                   showEntry();
                   emit quarantineShown();
               });
}

QString EventsView::clinicName(qint64 tenantId) const
{
    if (context().session) {
        for (const Store::Membership &membership : context().session->memberships()) {
            if (membership.tenant.id.value() == tenantId)
                return membership.tenant.displayName;
        }
    }
    return tr("clinic %1").arg(tenantId); // one this staff member is not a member of
}

void EventsView::showEntry()
{
    const int row = m_quarantine->currentRow();
    if (row < 0 || row >= m_entries.size()) {
        m_payload->clear();
        m_replay->setEnabled(false);
        return;
    }
    const Store::QuarantineEntry &entry = m_entries.at(row);
    // Nothing secret leaves the store unmasked, not even onto an administrator's screen.
    m_payload->setPlainText(Redactor::instance().redact(
        entry.reason + QStringLiteral("\n\n") + readable(entry.rawBody) + QStringLiteral("\n\n")
        + readable(entry.headersJson)));
    ProviderAccess *providers = context().providers;
    const bool canReplay = providers && providers->sealer() && entry.replayedTenantId == 0;
    m_replay->setEnabled(canReplay);
    if (entry.replayedTenantId == 0 && providers && !providers->sealer())
        m_outcome->setText(tr("Replay waits for the vault: %1").arg(providers->whyWaiting()));
}

void EventsView::replayChosen()
{
    const int row = m_quarantine->currentRow();
    ProviderAccess *providers = context().providers;
    if (row < 0 || row >= m_entries.size() || !providers || !providers->sealer())
        return;
    m_replay->setEnabled(false);
    m_outcome->setText(tr("Replaying…"));
    auto outcome = context().database->run(
        [database = context().database, sealer = providers->sealer(), entry = m_entries.at(row)] {
            return Ingest::QuarantineReplay(*database, *sealer, Providers::webhookEndpoints())
                .replay(entry, std::nullopt);
        });
    onFinished(this, std::move(outcome), [this](Result<Ingest::ReplayOutcome> outcome) {
        if (!outcome) {
            m_outcome->setText(tr("Not replayed: %1").arg(outcome.error().message));
            showEntry();
            return;
        }
        m_outcome->setText(outcome->isPlaced
                               ? tr("Placed in %1.").arg(clinicName(outcome->tenantId))
                               : tr("Stays in quarantine: %1").arg(outcome->detail));
        loadQuarantine();
        emit replayed(outcome->isPlaced);
    });
}

} // namespace Sb::Ui
