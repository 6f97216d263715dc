#include "leadsview.h"

#include "leaddetailview.h"
#include "leadlistmodel.h"

#include <ui/frame/deskphonecall.h>
#include <ui/frame/icons.h>
#include <ui/frame/listtable.h>
#include <ui/frame/provideraccess.h>

#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/providers/vapi/vapicaller.h>
#include <core/store/asyncstore.h>
#include <core/store/changefeed.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Sb::Ui {

namespace {
const QString kSplitter = QStringLiteral("leads/splitter");
constexpr int kActivityPerKind = 100;
} // namespace

LeadsView::LeadsView(const ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
    , m_model(new LeadListModel(context, this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_source(new QComboBox(this))
    , m_new(new QPushButton(tr("New lead"), this))
    , m_searchDelay(new QTimer(this))
    , m_splitter(new QSplitter(this))
    , m_table(new QTableView(m_splitter))
    , m_detail(new LeadDetailView(m_splitter))
    , m_deskPhone(new DeskPhoneCall(context, m_detail))
    , m_region(Numbering::PhoneNumberParser::configuredRegion())
{
    m_detail->addAction(m_deskPhone);
    m_search->setAccessibleName(tr("Search leads"));
    m_search->setPlaceholderText(tr("Search leads: a name, a number in any format, or an email "
                                    "(Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_status->setAccessibleName(tr("Status"));
    m_status->addItem(tr("Any status"), QString());
    for (const QString &status : Store::Lead::statuses())
        m_status->addItem(LeadListModel::statusName(status), status);
    m_source->setAccessibleName(tr("Source"));
    m_source->addItem(tr("Any source"), QString());
    m_new->setAccessibleName(tr("New lead"));
    m_new->setToolTip(tr("New lead (Ctrl+N)"));
    m_new->setIcon(consoleIcon(QStringLiteral("add")));
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(120);

    m_table->setModel(m_model);
    makeListTable(m_table, tr("Leads"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->restoreState(QSettings().value(kSplitter).toByteArray());

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 6, 6, 0);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_status);
    bar->addWidget(m_source);
    bar->addWidget(m_new);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);
    setTabOrder(m_search, m_status);
    setTabOrder(m_status, m_source);
    setTabOrder(m_source, m_new);
    setTabOrder(m_new, m_table);

    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &LeadsView::applySearch);
    connect(m_status, &QComboBox::currentIndexChanged, this, &LeadsView::applySearch);
    connect(m_source, &QComboBox::currentIndexChanged, this, &LeadsView::applySearch);
    connect(m_new, &QPushButton::clicked, this, &LeadsView::startNew);
    auto *newLead = new QShortcut(QKeySequence::New, this);
    newLead->setContext(Qt::WidgetWithChildrenShortcut);
    connect(newLead, &QShortcut::activated, this, &LeadsView::startNew);
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    auto *clear = new QShortcut(QKeySequence(Qt::Key_Escape), m_search);
    clear->setContext(Qt::WidgetShortcut);
    connect(clear, &QShortcut::activated, m_search, &QLineEdit::clear);

    connect(m_model, &LeadListModel::loadFailed, this, [this](const QString &message) {
        setBusy(false);
        setProblem(tr("Could not load the leads: %1").arg(message));
    });
    connect(m_model, &LeadListModel::loaded, this, [this] {
        setBusy(false);
        clearProblem();
        if (m_wanted.isValid()) {
            choose(m_wanted);
        } else if (!m_detail->isNew()) {
            // The lead shown stays chosen; if it is gone (or filtered out), the first one.
            if (m_model->rowOf(m_detail->shown().id) >= 0)
                choose(m_detail->shown().id);
            else if (m_model->rowCount() > 0)
                m_table->setCurrentIndex(m_model->index(0, 0));
        } else if (!m_isWritingNew && m_model->rowCount() > 0) {
            m_table->setCurrentIndex(m_model->index(0, 0)); // a new lead being typed stays
        }
        if (!m_isSized && m_model->rowCount() > 0) {
            m_isSized = true; // once, to the first rows shown
            m_table->resizeColumnsToContents();
        }
    });
    connect(m_table->selectionModel(),
            &QItemSelectionModel::currentChanged,
            this,
            &LeadsView::showChosen);
    connect(m_detail, &LeadDetailView::saveRequested, this, &LeadsView::save);
    connect(m_detail, &LeadDetailView::callRequested, this, &LeadsView::callWithAssistant);
    connect(m_detail, &LeadDetailView::textRequested, this, [this](const QString &e164) {
        emit openRequested({Destination::Kind::Conversation,
                            0,
                            QStringLiteral("sms"),
                            e164,
                            m_detail->shown().name});
    });
    connect(
        m_detail, &LeadDetailView::activityOpened, this, [this](const Store::LeadActivity &item) {
            if (item.kind == Store::LeadActivity::Kind::Call)
                emit openRequested(
                    {Destination::Kind::Call, item.id, {}, m_detail->shown().phoneE164});
            else
                emit openRequested({Destination::Kind::Conversation,
                                    0,
                                    item.channel,
                                    m_detail->shown().phoneE164,
                                    m_detail->shown().name});
        });
    connect(m_detail, &LeadDetailView::pushRequested, this, &LeadsView::pushToCrm);
    if (context.providers) {
        connect(context.providers, &ProviderAccess::sealerChanged, this, [this] {
            updateActions();
            if (const LeadId shown = m_detail->shown().id; shown.isValid())
                loadCrm(shown); // a push waits for the vault too
        });
    }
}

LeadsView::~LeadsView()
{
    QSettings().setValue(kSplitter, m_splitter->saveState());
}

QString LeadsView::title() const
{
    return tr("Leads");
}

QIcon LeadsView::icon() const
{
    return consoleIcon(QStringLiteral("leads"));
}

void LeadsView::showTenant(const CurrentTenant &tenant)
{
    rememberTenant(tenant);
    m_crms.clear(); // the clinic left's CRMs
    clearProblem();
    m_wanted = LeadId();
    m_isWritingNew = false;
    ++m_activityGeneration;
    m_detail->showNew();
    delete m_leadChanges;
    delete m_activityChanges;
    m_leadChanges = m_activityChanges = nullptr;
    if (context().changes) {
        m_leadChanges =
            context().changes->subscribe(tenant.scope.tenantId(), Store::ChangeKind::Leads, this);
        connect(m_leadChanges, &Store::ChangeSubscription::changed, this, [this] {
            m_model->refresh();
            loadSources();
        });
        // A call or a text with the lead shown joins its history as it is stored.
        m_activityChanges = context().changes->subscribe(
            tenant.scope.tenantId(), Store::ChangeKind::Calls | Store::ChangeKind::Messages, this);
        connect(m_activityChanges, &Store::ChangeSubscription::changed, this, [this] {
            if (!m_detail->isNew())
                loadActivity(m_detail->shown());
        });
    }
    setBusy(true);
    m_model->showTenant(tenant.scope);
    loadSources();
    updateActions();
}

void LeadsView::retry()
{
    clearProblem();
    setBusy(true);
    m_model->refresh();
    loadSources();
}

bool LeadsView::opens(Destination::Kind kind) const
{
    return kind == Destination::Kind::Lead;
}

bool LeadsView::open(const Destination &destination)
{
    if (destination.kind != Destination::Kind::Lead || !tenant())
        return false;
    const LeadId id(destination.id);
    if (m_model->rowOf(id) >= 0) {
        choose(id);
        return true;
    }
    // Not among the rows shown: every lead again, then that one.
    m_wanted = id;
    m_search->blockSignals(true);
    m_search->clear();
    m_search->blockSignals(false);
    m_status->setCurrentIndex(0);
    m_source->setCurrentIndex(0);
    applySearch();
    return true;
}

LeadId LeadsView::chosenLead() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? LeadId(current.data(LeadListModel::LeadIdRole).toLongLong())
                             : LeadId();
}

void LeadsView::choose(LeadId id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    m_wanted = LeadId();
    if (m_table->currentIndex().row() == row)
        showChosen(); // the same row, read again
    else
        m_table->setCurrentIndex(m_model->index(row, 0));
}

void LeadsView::applySearch()
{
    Store::LeadSearch search = LeadListModel::searchOf(m_search->text(), m_region);
    search.status = m_status->currentData().toString();
    search.source = m_source->currentData().toString();
    setBusy(true);
    m_model->setSearch(search);
}

void LeadsView::showChosen()
{
    const Store::Lead *lead = m_model->leadAt(m_table->currentIndex().row());
    if (!lead)
        return;
    m_isWritingNew = false;
    // An edit in progress of the same lead is not overwritten by a reload of the list.
    if (!m_detail->isNew() && m_detail->shown().id == lead->id && m_detail->shown() == *lead)
        return;
    m_detail->showLead(*lead);
    m_deskPhone->setTarget(tenant()->scope, lead->phoneE164);
    updateActions();
    loadActivity(*lead);
}

void LeadsView::startNew()
{
    m_isWritingNew = true;
    m_table->clearSelection();
    m_table->setCurrentIndex({});
    ++m_activityGeneration;
    m_detail->showNew();
}

void LeadsView::save(const Store::Lead &lead, const QString &typedPhone)
{
    if (!tenant())
        return;
    Store::Lead toStore = lead;
    toStore.phoneE164.clear();
    if (!typedPhone.isEmpty()) {
        auto e164 = Numbering::PhoneNumberParser(m_region).toE164(typedPhone);
        if (!e164) {
            m_detail->showFormError(e164.error().message);
            return;
        }
        toStore.phoneE164 = *e164;
    }
    auto saved = toStore.id.isValid()
        ? Store::AsyncStore<Store::LeadStore>(context().database)
              .call(&Store::LeadStore::update, tenant()->scope, toStore)
        : Store::AsyncStore<Store::LeadStore>(context().database)
              .call(&Store::LeadStore::add, tenant()->scope, toStore);
    m_detail->saveButton()->setEnabled(false);
    onFinished(this, std::move(saved), [this](Result<Store::Lead> saved) {
        m_detail->saveButton()->setEnabled(true);
        if (!saved) {
            // What the user typed stays, with the reason under it.
            m_detail->showFormError(saved.error().message);
            return;
        }
        m_isWritingNew = false;
        m_detail->showLead(*saved);
        loadActivity(*saved);
        updateActions();
        // Read again now, not only when the change feed says so: what was saved shows at once
        // (and is chosen once it is in the list), however busy the feed is.
        m_wanted = saved->id;
        m_model->refresh();
        emit leadSaved(saved->id);
    });
}

void LeadsView::callWithAssistant(LeadId lead)
{
    ProviderAccess *providers = context().providers;
    if (!tenant() || !providers || !providers->sealer())
        return;
    const Providers::Vapi::VapiCaller caller(
        context().database, providers->sealer(), providers->http(), providers->vapiApiBase());
    m_detail->callButton()->setEnabled(false);
    m_detail->showNotice(tr("Asking the assistant to call…"));
    caller.callLead(
        tenant()->scope, lead, {}, this, [this, lead](Result<Providers::Vapi::PlacedCall> placed) {
            updateActions();
            if (m_detail->shown().id != lead)
                return;
            if (!placed) {
                m_detail->showNotice(
                    tr("The assistant did not call: %1").arg(placed.error().message));
                return;
            }
            m_detail->showNotice(
                tr("The assistant is calling %1 from %2 (%3).")
                    .arg(Numbering::PhoneNumberParser::formatForRegion(placed->toE164, m_region),
                         Numbering::PhoneNumberParser::formatForRegion(placed->fromE164, m_region),
                         placed->status));
        });
}

void LeadsView::loadActivity(const Store::Lead &lead)
{
    if (!tenant())
        return;
    const quint64 generation = ++m_activityGeneration;
    auto activity =
        Store::AsyncStore<Store::LeadStore>(context().database)
            .call(&Store::LeadStore::activity, tenant()->scope, lead.phoneE164, kActivityPerKind);
    const LeadId id = lead.id;
    onFinished(this,
               std::move(activity),
               [this, generation, id](Result<QList<Store::LeadActivity>> activity) {
                   if (generation != m_activityGeneration || m_detail->shown().id != id)
                       return;
                   if (!activity) {
                       setProblem(tr("Could not load the lead's calls and messages: %1")
                                      .arg(activity.error().message));
                       return;
                   }
                   m_detail->showActivity(*activity);
                   loadCrm(id);
                   emit leadShown(id);
               });
}

void LeadsView::loadSources()
{
    if (!tenant())
        return;
    auto sources = Store::AsyncStore<Store::LeadStore>(context().database)
                       .call(&Store::LeadStore::sources, tenant()->scope);
    onFinished(this, std::move(sources), [this](Result<QStringList> sources) {
        if (!sources)
            return; // the filter keeps what it had; the list's own load says what failed
        const QString chosen = m_source->currentData().toString();
        m_source->blockSignals(true);
        while (m_source->count() > 1)
            m_source->removeItem(1);
        for (const QString &source : std::as_const(*sources))
            m_source->addItem(source, source);
        m_source->setCurrentIndex(qMax(0, m_source->findData(chosen)));
        m_source->blockSignals(false);
        m_detail->setSources(*sources);
    });
}

void LeadsView::updateActions()
{
    ProviderAccess *providers = context().providers;
    if (!providers) {
        const QString why = tr("Not from this window.");
        m_detail->setActions(false, why, false, why);
        return;
    }
    if (!providers->sealer()) {
        const QString why = tr("Waits for the vault: %1").arg(providers->whyWaiting());
        m_detail->setActions(false, why, true, {});
        return;
    }
    m_detail->setActions(true, {}, true, {});
}

} // namespace Sb::Ui
