#include "callsview.h"

#include <ui/frame/deskphonecall.h>

#include "calldeletion.h"
#include "calldetailview.h"
#include "callfilterbar.h"
#include "calllistmodel.h"
#include "recordingplayer.h"

#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/recordings/mediafetcher.h>
#include <core/store/asyncstore.h>
#include <core/store/callnotestore.h>
#include <core/store/callstore.h>
#include <core/store/changefeed.h>
#include <core/tenancy/staffsession.h>
#include <ui/frame/icons.h>
#include <ui/frame/listtable.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Sb::Ui {

namespace {
const QString kSplitter = QStringLiteral("calls/splitter");
const QString kColumns = QStringLiteral("calls/columns");
constexpr int kNewerMargin = 20; // rows from the top at which newer calls are read
} // namespace

CallsView::CallsView(const ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
    , m_model(new CallListModel(context, this))
    , m_filters(new CallFilterBar(Numbering::PhoneNumberParser::configuredRegion(), this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_splitter(new QSplitter(this))
    , m_table(new QTableView(m_splitter))
    , m_detail(new CallDetailView(m_splitter))
    , m_callBack(new DeskPhoneCall(context, m_detail))
    , m_region(Numbering::PhoneNumberParser::configuredRegion())
    , m_deletion(new CallDeletion(context.database, this))
{
    m_detail->addAction(m_callBack);
    m_table->setModel(m_model);
    makeListTable(m_table, tr("Calls"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty->setMargin(24);
    m_stack->addWidget(m_splitter);
    m_stack->addWidget(m_empty);
    connect(m_filters, &CallFilterBar::changed, this, &CallsView::applySearch);
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_filters->searchBox()->setFocus();
        m_filters->searchBox()->selectAll();
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filters);
    layout->addWidget(m_stack);

    const QSettings settings;
    m_splitter->restoreState(settings.value(kSplitter).toByteArray());
    m_hasSavedColumns =
        m_table->horizontalHeader()->restoreState(settings.value(kColumns).toByteArray());

    connect(m_model, &CallListModel::loadingChanged, this, &CallsView::setBusy);
    connect(m_model, &CallListModel::loadFailed, this, [this](const QString &message) {
        setProblem(tr("Could not load the calls: %1").arg(message));
    });
    connect(m_model, &CallListModel::loaded, this, [this] {
        clearProblem();
        updateEmptyState();
        if (const int wanted = m_model->rowOf(m_wantedCall); wanted >= 0) {
            m_wantedCall = CallId();
            selectRow(wanted);
            m_table->scrollTo(m_model->index(wanted, 0));
        } else if (std::exchange(m_isJumpingToOldest, false) && m_model->rowCount() > 0) {
            selectRow(m_model->rowCount() - 1);
            m_table->scrollToBottom();
        } else if (!selectedCall().isValid() && m_model->rowCount() > 0) {
            selectRow(0);
        }
        if (!m_isSized && m_model->rowCount() > 0) {
            // Once, to what the first page holds; after that the user's widths (QSettings).
            m_isSized = true;
            if (!m_hasSavedColumns) {
                m_table->resizeColumnsToContents();
                m_table->horizontalHeader()->resizeSection(
                    CallListModel::DirectionColumn,
                    m_table->fontMetrics().horizontalAdvance(QStringLiteral("↙")) * 3);
            }
        }
    });
    // The whole log both ways: Ctrl+End shows the oldest calls at once, scrolling up from there
    // brings newer pages (what was shown stays in place), Ctrl+Home the newest again.
    auto *oldest = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_End), m_table);
    oldest->setContext(Qt::WidgetShortcut);
    connect(oldest, &QShortcut::activated, this, [this] {
        m_isJumpingToOldest = true;
        m_model->showOldest();
    });
    auto *newest = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Home), m_table);
    newest->setContext(Qt::WidgetShortcut);
    connect(newest, &QShortcut::activated, m_model, &CallListModel::showNewest);
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value <= kNewerMargin && m_model->canFetchNewer())
            m_model->fetchNewer();
    });
    connect(m_model, &CallListModel::newerInserted, this, [this](int count) {
        QScrollBar *bar = m_table->verticalScrollBar();
        bar->setValue(bar->value()
                      + count
                          * (m_table->verticalScrollMode() == QAbstractItemView::ScrollPerItem
                                 ? 1
                                 : m_table->verticalHeader()->defaultSectionSize()));
    });
    connect(m_detail, &CallDetailView::deleteRequested, this, &CallsView::confirmDeletion);
    connect(m_deletion, &CallDeletion::failed, this, &CallsView::setProblem);
    auto *remove = new QShortcut(QKeySequence::Delete, m_table);
    remove->setContext(Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, [this] {
        if (tenant() && tenant()->mayDelete() && selectedCall().isValid())
            confirmDeletion(selectedCall());
    });
    connect(m_model, &CallListModel::callRemoved, this, &CallsView::forgetCall);
    connect(m_detail, &CallDetailView::noteSubmitted, this, &CallsView::addNote);
    connect(m_detail, &CallDetailView::noteEdited, this, &CallsView::editNote);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &CallsView::showSelected);
    // J and K as in mail readers, beside the arrow keys.
    auto *next = new QShortcut(QKeySequence(Qt::Key_J), m_table);
    next->setContext(Qt::WidgetShortcut);
    connect(next, &QShortcut::activated, this, [this] {
        selectRow(qMin(m_table->currentIndex().row() + 1, m_model->rowCount() - 1));
    });
    auto *previous = new QShortcut(QKeySequence(Qt::Key_K), m_table);
    previous->setContext(Qt::WidgetShortcut);
    connect(previous, &QShortcut::activated, this, [this] {
        selectRow(qMax(m_table->currentIndex().row() - 1, 0));
    });
    // The recording from the list or the transcript: Space plays or pauses, Left and Right seek
    // 5 s (text fields and buttons keep their own Space and arrows).
    for (QWidget *widget :
         {static_cast<QWidget *>(m_table), static_cast<QWidget *>(m_detail->transcript())}) {
        auto *playPause = new QShortcut(QKeySequence(Qt::Key_Space), widget);
        playPause->setContext(Qt::WidgetShortcut);
        connect(playPause, &QShortcut::activated, m_detail->player(), &RecordingPlayer::togglePlay);
        auto *back = new QShortcut(QKeySequence(Qt::Key_Left), widget);
        back->setContext(Qt::WidgetShortcut);
        connect(back, &QShortcut::activated, this, [this] { m_detail->player()->seekBy(-5000); });
        auto *forward = new QShortcut(QKeySequence(Qt::Key_Right), widget);
        forward->setContext(Qt::WidgetShortcut);
        connect(forward, &QShortcut::activated, this, [this] { m_detail->player()->seekBy(5000); });
    }
}

CallsView::~CallsView()
{
    QSettings settings;
    settings.setValue(kSplitter, m_splitter->saveState());
    settings.setValue(kColumns, m_table->horizontalHeader()->saveState());
}

QString CallsView::title() const
{
    return tr("Calls");
}

QIcon CallsView::icon() const
{
    return consoleIcon(QStringLiteral("calls"));
}

void CallsView::showTenant(const CurrentTenant &tenant)
{
    rememberTenant(tenant);
    m_detail->setMayDelete(tenant.mayDelete());
    clearProblem();
    ++m_detailGeneration;
    forgetRecording();
    m_detail->showNothing(tr("Choose a call to see what was said."));
    delete m_subscription;
    m_subscription = nullptr;
    if (context().changes) {
        m_subscription =
            context().changes->subscribe(tenant.scope.tenantId(), Store::ChangeKind::Calls, this);
        connect(m_subscription,
                &Store::ChangeSubscription::changed,
                this,
                [this](const Store::Change &change) {
                    m_model->refresh();
                    // A call further down may have changed, or gone.
                    if (change.rowId > 0)
                        m_model->recheck(CallId(change.rowId));
                    if (const CallId shown = selectedCall(); shown.isValid())
                        loadDetail(shown); // a report may just have completed it
                });
    }
    m_empty->setText(tr("Loading the calls of %1…").arg(tenant.name));
    m_stack->setCurrentWidget(m_model->rowCount() > 0 ? static_cast<QWidget *>(m_splitter)
                                                      : m_empty);
    m_model->showTenant(tenant.scope);
}

bool CallsView::opens(Destination::Kind kind) const
{
    return kind == Destination::Kind::Call;
}

bool CallsView::open(const Destination &destination)
{
    if (destination.kind != Destination::Kind::Call || !tenant())
        return false;
    m_wantedCall = CallId(destination.id);
    m_filters->showNumber(
        Numbering::PhoneNumberParser::formatForRegion(destination.e164, m_region));
    return true;
}

void CallsView::retry()
{
    clearProblem();
    if (m_model->isLoading())
        return; // a page on its way reads the store anew (and a jump to the end stays)
    if (m_model->rowCount() == 0 && tenant())
        m_model->showTenant(tenant()->scope);
    else
        m_model->refresh();
}

void CallsView::updateEmptyState()
{
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_splitter);
        return;
    }
    if (!m_model->search().isEmpty()) {
        const QString text = m_filters->text();
        m_empty->setText(text.isEmpty() ? tr("No calls match these filters.")
                                        : tr("No calls match “%1”.").arg(text));
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    m_empty->setText(
        tr("No calls yet for %1.\n\nCalls appear here as they happen once the clinic's number "
           "points at Switchboard:\nswitchboardctl twilio connect --tenant TENANT "
           "--public-url https://your-server")
            .arg(tenant() ? tenant()->name : QString()));
    m_stack->setCurrentWidget(m_empty);
}

QLineEdit *CallsView::searchBox() const
{
    return m_filters->searchBox();
}

QComboBox *CallsView::whenFilter() const
{
    return m_filters->whenFilter();
}

QComboBox *CallsView::directionFilter() const
{
    return m_filters->directionFilter();
}

QComboBox *CallsView::outcomeFilter() const
{
    return m_filters->outcomeFilter();
}

void CallsView::applySearch()
{
    m_model->setSearch(m_filters->search());
}

CallId CallsView::selectedCall() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? CallId(current.data(CallListModel::CallIdRole).toLongLong())
                             : CallId();
}

void CallsView::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_table->setCurrentIndex(m_model->index(row, CallListModel::TimeColumn));
}

void CallsView::showSelected()
{
    const CallId id = selectedCall();
    if (id != m_recordingCall)
        forgetRecording(); // the last call's recording stops with it
    if (!id.isValid()) {
        m_detail->showNothing(tr("Choose a call to see what was said."));
        m_callBack->setTarget(std::nullopt, {});
        return;
    }
    // What the list has is shown at once; the transcript follows from the store.
    if (const auto *call = m_model->callAt(m_table->currentIndex().row())) {
        m_detail->showCall(*call, m_region);
        m_callBack->setTarget(tenant()->scope, call->counterpartE164);
    }
    loadDetail(id);
}

void CallsView::loadDetail(CallId id)
{
    if (!tenant())
        return;
    const quint64 generation = ++m_detailGeneration;
    auto whole = Store::AsyncStore<Store::CallStore>(context().database)
                     .call(&Store::CallStore::call, tenant()->scope, id);
    onFinished(this, std::move(whole), [this, generation, id](Result<Store::CallRecord> call) {
        if (generation != m_detailGeneration || selectedCall() != id)
            return;
        if (!call) {
            // Deleted meanwhile: its row goes too (CallListModel::recheck), not a problem.
            if (call.error().code != ErrorCode::NotFound)
                setProblem(tr("Could not load the call: %1").arg(call.error().message));
            return;
        }
        m_detail->showCall(*call, m_region);
        showRecording(*call);
        emit callShown(id);
    });
    loadNotes(id);
}

void CallsView::confirmDeletion(CallId id)
{
    if (const auto *call = m_model->callAt(m_model->rowOf(id)); call && tenant())
        m_deletion->ask(*call, *tenant(), m_region);
}

void CallsView::forgetCall(const Store::CallRecord &call)
{
    if (context().recordings && tenant())
        context().recordings->forget(tenant()->scope.tenantId(), call.recordingUrl);
    if (call.id == m_recordingCall)
        forgetRecording();
    if (!selectedCall().isValid())
        m_detail->showNothing(tr("That call was deleted."));
}

void CallsView::loadNotes(CallId id)
{
    auto notes = Store::AsyncStore<Store::CallNoteStore>(context().database)
                     .call(&Store::CallNoteStore::forCall, tenant()->scope, id);
    const quint64 generation = m_detailGeneration;
    onFinished(
        this, std::move(notes), [this, generation, id](Result<QList<Store::CallNote>> notes) {
            if (generation != m_detailGeneration || selectedCall() != id)
                return;
            if (!notes) {
                setProblem(tr("Could not load the notes: %1").arg(notes.error().message));
                return;
            }
            m_detail->showNotes(*notes, context().session->staff().id);
            emit notesShown(id);
        });
}

void CallsView::addNote(const QString &body)
{
    const CallId call = selectedCall();
    if (!call.isValid() || !tenant())
        return;
    // The author is whoever signed in, never a name typed anywhere.
    const Store::StaffMember &me = context().session->staff();
    auto added = Store::AsyncStore<Store::CallNoteStore>(context().database)
                     .call(&Store::CallNoteStore::add, tenant()->scope, call, me.id, me.name, body);
    onFinished(this, std::move(added), [this, call](Result<Store::CallNote> note) {
        if (!note) {
            setProblem(tr("The note was not saved: %1").arg(note.error().message));
            return;
        }
        clearProblem();
        m_detail->noteSaved();
        if (selectedCall() == call)
            loadNotes(call);
    });
}

void CallsView::editNote(qint64 noteId, const QString &body)
{
    if (!tenant())
        return;
    const CallId call = selectedCall();
    auto edited = Store::AsyncStore<Store::CallNoteStore>(context().database)
                      .call(&Store::CallNoteStore::edit,
                            tenant()->scope,
                            noteId,
                            context().session->staff().id,
                            body);
    onFinished(this, std::move(edited), [this, call](Result<Store::CallNote> note) {
        if (!note) {
            setProblem(tr("The note was not changed: %1").arg(note.error().message));
            return;
        }
        clearProblem();
        m_detail->noteSaved();
        if (selectedCall() == call)
            loadNotes(call);
    });
}

} // namespace Sb::Ui

namespace Sb::Ui {

void CallsView::forgetRecording()
{
    ++m_recordingGeneration;
    m_recordingCall = CallId();
    m_recordingUrl.clear();
    m_detail->player()->clear();
}

void CallsView::showRecording(const Store::CallRecord &call)
{
    // A live update of the call shown keeps playing; a recording that just arrived loads.
    if (call.id == m_recordingCall && call.recordingUrl == m_recordingUrl)
        return;
    forgetRecording();
    m_recordingCall = call.id;
    m_recordingUrl = call.recordingUrl;
    RecordingPlayer *player = m_detail->player();
    if (call.recordingUrl.isEmpty()) {
        // Only calls someone spoke on can have one; it is fetched when its event arrives.
        if (call.durationSeconds.value_or(0) > 0 || !call.vapiCallId.isEmpty())
            player->showUnavailable(tr("No recording yet: it appears here once the provider has "
                                       "it ready."));
        return;
    }
    if (!context().recordings) {
        player->showUnavailable(tr("Recordings cannot be played in this window."));
        return;
    }
    player->showFetching();
    const quint64 generation = m_recordingGeneration;
    context().recordings->fetch(
        tenant()->scope, call.recordingUrl, this, [this, generation](Result<QString> path) {
            if (generation != m_recordingGeneration)
                return;
            if (path)
                m_detail->player()->load(*path);
            else
                m_detail->player()->showUnavailable(path.error().message);
        },
        call.ownerStaff);
}

} // namespace Sb::Ui
