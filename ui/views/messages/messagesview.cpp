#include "messagesview.h"

#include "threadlistmodel.h"
#include "threadview.h"

#include <ui/frame/icons.h>
#include <ui/frame/provideraccess.h>

#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/providers/ringcentral/ringcentralmessenger.h>
#include <core/providers/twilio/twiliomessenger.h>
#include <core/recordings/mediafetcher.h>
#include <core/providers/twilio/whatsappwindow.h>
#include <core/store/asyncstore.h>
#include <core/store/changefeed.h>
#include <core/store/messagestore.h>
#include <core/store/phonenumberstore.h>
#include <core/tenancy/staffsession.h>

#include <QLabel>
#include <QListView>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace Sb::Ui {

namespace {
const QString kSplitter = QStringLiteral("messages/splitter");
constexpr int kThreadMessages = 200; // the newest of a conversation, shown oldest first
} // namespace

MessagesView::MessagesView(const ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
    , m_model(new ThreadListModel(context, this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_splitter(new QSplitter(this))
    , m_threads(new QListView(m_splitter))
    , m_thread(new ThreadView(m_splitter))
{
    m_threads->setModel(m_model);
    m_threads->setAccessibleName(tr("Conversations"));
    m_threads->setAlternatingRowColors(true);
    m_threads->setUniformItemSizes(true);
    m_threads->setSpacing(3);
    m_threads->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_splitter->addWidget(m_threads);
    m_splitter->addWidget(m_thread);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(24);
    m_stack->addWidget(m_splitter);
    m_stack->addWidget(m_empty);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    m_splitter->restoreState(QSettings().value(kSplitter).toByteArray());

    connect(m_model, &ThreadListModel::loadFailed, this, [this](const QString &message) {
        setBusy(false);
        setProblem(tr("Could not load the conversations: %1").arg(message));
    });
    connect(m_model, &ThreadListModel::loaded, this, [this] {
        setBusy(false);
        clearProblem();
        if (m_model->rowCount() == 0 && !m_isNewConversation) {
            m_empty->setText(tr("No messages yet for %1.\n\nTexts to and from the clinic's "
                                "number appear here as they happen.")
                                 .arg(tenant() ? tenant()->name : QString()));
            m_stack->setCurrentWidget(m_empty);
            return;
        }
        m_stack->setCurrentWidget(m_splitter);
        // The chosen conversation again (its row moves as messages arrive), else the newest.
        const int row = m_model->rowOf(m_chosen);
        if (row < 0 && m_isNewConversation)
            return; // a new one stays open until its first message makes it a row
        m_isNewConversation = false;
        m_threads->setCurrentIndex(m_model->index(row >= 0 ? row : 0));
        showChosen();
    });
    connect(m_threads->selectionModel(),
            &QItemSelectionModel::currentChanged,
            this,
            &MessagesView::showChosen);
    connect(m_thread, &ThreadView::sendRequested, this, &MessagesView::send);
    connect(m_thread, &ThreadView::mediaWanted, this, &MessagesView::fetchMedia);
    connect(m_thread, &ThreadView::lineChosen, this, &MessagesView::chooseLine);
    if (context.providers) {
        connect(context.providers, &ProviderAccess::sealerChanged, this, [this] {
            loadMyLine(); // the vault opening brings the tokens texting as the member needs
            showSender();
        });
    }
    // WhatsApp's window closes while a conversation is open: the composer follows the clock.
    auto *clock = new QTimer(this);
    clock->setInterval(30'000);
    connect(clock, &QTimer::timeout, this, [this] {
        if (m_chosen.channel == u"whatsapp")
            showSender();
    });
    clock->start();
    // Texts to the member's own line while no serve tells us: brought in now and then while the
    // page is in view (RingCentral's light group allows far more).
    auto *lineClock = new QTimer(this);
    lineClock->setInterval(60'000);
    connect(lineClock, &QTimer::timeout, this, [this] {
        if (m_messenger && isVisible())
            m_messenger->bringIn();
    });
    lineClock->start();
    auto *next = new QShortcut(QKeySequence(Qt::Key_J), m_threads);
    next->setContext(Qt::WidgetShortcut);
    connect(next, &QShortcut::activated, this, [this] {
        m_threads->setCurrentIndex(
            m_model->index(qMin(m_threads->currentIndex().row() + 1, m_model->rowCount() - 1)));
    });
    auto *previous = new QShortcut(QKeySequence(Qt::Key_K), m_threads);
    previous->setContext(Qt::WidgetShortcut);
    connect(previous, &QShortcut::activated, this, [this] {
        m_threads->setCurrentIndex(m_model->index(qMax(m_threads->currentIndex().row() - 1, 0)));
    });
}

void MessagesView::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    // Coming to the page is reading what it shows.
    if (!m_isNewConversation)
        m_model->markRead(m_model->rowOf(m_chosen));
    if (m_messenger)
        m_messenger->bringIn();
    else if (!m_myLine)
        loadMyLine(); // connected on the Connections page meanwhile?
}

MessagesView::~MessagesView()
{
    QSettings().setValue(kSplitter, m_splitter->saveState());
}

QString MessagesView::title() const
{
    return tr("Messages");
}

QIcon MessagesView::icon() const
{
    return consoleIcon(QStringLiteral("messages"));
}

void MessagesView::showTenant(const CurrentTenant &tenant)
{
    rememberTenant(tenant);
    clearProblem();
    m_chosen = {};
    ++m_threadGeneration;
    m_thread->showNothing(tr("Choose a conversation."));
    delete m_subscription;
    m_subscription = nullptr;
    if (context().changes) {
        m_subscription = context().changes->subscribe(
            tenant.scope.tenantId(), Store::ChangeKind::Messages, this);
        connect(m_subscription,
                &Store::ChangeSubscription::changed,
                m_model,
                &ThreadListModel::refresh);
    }
    m_empty->setText(tr("Loading the conversations of %1…").arg(tenant.name));
    m_stack->setCurrentWidget(m_empty);
    setBusy(true);
    m_model->showTenant(tenant.scope);
    loadMyLine();
}

StaffId MessagesView::me() const
{
    return context().session ? context().session->staff().id : StaffId();
}

void MessagesView::loadMyLine()
{
    delete m_messenger;
    m_messenger = nullptr;
    m_myLine.reset();
    const quint64 generation = ++m_lineGeneration;
    if (!tenant() || !me().isValid())
        return;
    auto line = Store::AsyncStore<Store::RingCentralUserStore>(context().database)
                    .call(&Store::RingCentralUserStore::find, tenant()->scope, me());
    onFinished(this, std::move(line), [this, generation](Result<std::optional<Store::RingCentralUser>> line) {
        if (generation != m_lineGeneration || !tenant())
            return; // another tenant, or read again since
        // No line, or one that cannot be read now: texting from it is not offered (the clinic's
        // number is unaffected); the Connections page says what is wrong with it.
        m_myLine = line ? *line : std::nullopt;
        ProviderAccess *providers = context().providers;
        if (m_myLine && providers && providers->tokens() && !m_messenger) {
            m_messenger = new Providers::RingCentral::RingCentralMessenger(
                context().database, providers->http(), *providers->tokens(), tenant()->scope, me(),
                providers->ringCentralPlatform(), this);
            if (isVisible())
                m_messenger->bringIn();
        }
        if (m_isNewConversation)
            offerLines();
        showSender();
    });
}

bool MessagesView::opens(Destination::Kind kind) const
{
    return kind == Destination::Kind::Conversation;
}

bool MessagesView::open(const Destination &destination)
{
    if (destination.kind != Destination::Kind::Conversation || !tenant())
        return false;
    m_chosen = {destination.channel, destination.e164, {}};
    // The clinic's conversation with them, else the member's own line's.
    if (m_model->rowOf(m_chosen) < 0 && m_model->rowOf({destination.channel, destination.e164, me()}) >= 0)
        m_chosen.lineOwner = me();
    if (const int row = m_model->rowOf(m_chosen); row >= 0) {
        m_isNewConversation = false;
        if (m_threads->currentIndex().row() == row)
            showChosen(); // chosen already: read again, as if chosen now
        else
            m_threads->setCurrentIndex(m_model->index(row));
        return true;
    }
    // No message with them yet: an empty conversation, sent from the clinic's number.
    m_isNewConversation = true;
    m_threads->setCurrentIndex({});
    m_stack->setCurrentWidget(m_splitter);
    m_chosenOurNumber.clear();
    m_clinicNumber.clear();
    m_lastInboundAt = 0;
    const QString number = Numbering::PhoneNumberParser::formatForRegion(
        destination.e164, Numbering::PhoneNumberParser::configuredRegion());
    const QString title = destination.name.isEmpty()
        ? number
        : QStringLiteral("%1 · %2").arg(destination.name, number);
    ++m_threadGeneration;
    m_thread->showThread(title, {});
    showSender();
    auto numbers = Store::AsyncStore<Store::PhoneNumberStore>(context().database)
                       .call(&Store::PhoneNumberStore::list, tenant()->scope);
    onFinished(
        this,
        std::move(numbers),
        [this, e164 = destination.e164](Result<QList<Store::PhoneNumber>> numbers) {
            if (!m_isNewConversation || m_chosen.counterpartE164 != e164)
                return;
            if (!numbers) {
                setProblem(
                    tr("Could not read the clinic's numbers: %1").arg(numbers.error().message));
                return;
            }
            for (const Store::PhoneNumber &number : std::as_const(*numbers)) {
                if (number.purpose == Store::NumberPurpose::Clinic) {
                    m_clinicNumber = number.e164;
                    break;
                }
            }
            offerLines();
            showSender();
            emit threadShown(m_chosen.channel, e164);
        });
    return true;
}

void MessagesView::retry()
{
    clearProblem();
    setBusy(true);
    m_model->refresh();
}

void MessagesView::showChosen()
{
    const Store::MessageThread *thread = m_model->threadAt(m_threads->currentIndex().row());
    if (!thread)
        return;
    m_chosen = thread->last.conversation();
    m_thread->setLineChoices({}, 0); // an existing conversation stays on its line
    const QString number = Numbering::PhoneNumberParser::formatForRegion(
        thread->last.counterpartE164, Numbering::PhoneNumberParser::configuredRegion());
    const QString title = thread->counterpartName.isEmpty()
        ? number
        : QStringLiteral("%1 · %2").arg(thread->counterpartName, number);
    m_chosenOurNumber = thread->last.ourE164;
    m_lastInboundAt = 0;
    if (m_chosen.channel == u"whatsapp")
        m_thread->setSender({}, tr("Checking WhatsApp's 24-hour window…"));
    else
        showSender();
    loadThread(m_chosen, title);
}

void MessagesView::offerLines()
{
    // WhatsApp is the clinic's alone; an SMS may go from the clinic's number or the member's own.
    const bool canUseMine = m_myLine && !m_myLine->smsFrom.isEmpty() && m_chosen.channel == u"sms";
    QStringList choices;
    if (!m_clinicNumber.isEmpty())
        choices << tr("From the clinic's number");
    if (canUseMine)
        choices << tr("From my RingCentral number");
    const bool wantsMine = m_chosen.lineOwner.isValid() || m_clinicNumber.isEmpty();
    if (wantsMine && canUseMine) {
        m_chosen.lineOwner = me();
        m_chosenOurNumber = m_myLine->smsFrom;
    } else {
        m_chosen.lineOwner = {};
        m_chosenOurNumber = m_clinicNumber;
    }
    m_thread->setLineChoices(choices, m_chosen.lineOwner.isValid() ? int(choices.size()) - 1 : 0);
}

void MessagesView::chooseLine(int choice)
{
    if (!m_isNewConversation)
        return;
    const bool mine = !m_clinicNumber.isEmpty() ? choice == 1 : choice == 0;
    m_chosen.lineOwner = mine ? me() : StaffId();
    m_chosenOurNumber = mine && m_myLine ? m_myLine->smsFrom : m_clinicNumber;
    showSender();
}

void MessagesView::showSender()
{
    const QString region = Numbering::PhoneNumberParser::configuredRegion();
    if (m_chosen.lineOwner.isValid()) {
        // A staff member's own line: theirs to answer, as them, through RingCentral.
        if (m_chosen.lineOwner != me())
            m_thread->setSender({}, tr("This conversation is on a colleague's own RingCentral line: only they can reply."));
        else if (!m_myLine)
            m_thread->setSender({}, tr("Connect your RingCentral line to reply (Connections)."));
        else if (m_myLine->smsFrom.isEmpty())
            m_thread->setSender({}, tr("Choose which of your RingCentral numbers to text from (Connections)."));
        else if (!m_messenger)
            m_thread->setSender({}, tr("Messages cannot be sent yet. %1")
                                        .arg(context().providers ? context().providers->whyWaiting() : QString()));
        else
            m_thread->setSender(Numbering::PhoneNumberParser::formatForRegion(m_myLine->smsFrom, region), {},
                                tr("your RingCentral line"));
        return;
    }
    if (!context().providers) {
        m_thread->setSender({}, tr("Messages cannot be sent from this window."));
    } else if (!context().providers->sealer()) {
        // Nothing falls back to plaintext: the tenant's Twilio token waits for the vault.
        m_thread->setSender(
            {}, tr("Messages cannot be sent yet. %1").arg(context().providers->whyWaiting()));
    } else if (m_chosenOurNumber.isEmpty()) {
        m_thread->setSender({}, tr("This conversation has no number of the clinic to send from."));
    } else if (m_chosen.channel == u"whatsapp") {
        // Said before anything is typed: outside the window only a template goes through.
        const Providers::Twilio::WhatsAppWindow window(m_lastInboundAt);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (window.isOpen(now)) {
            m_thread->setSender(
                Numbering::PhoneNumberParser::formatForRegion(
                    m_chosenOurNumber, Numbering::PhoneNumberParser::configuredRegion()),
                {},
                window.describe(now));
        } else {
            m_thread->setSender({}, window.describe(now));
        }
    } else {
        m_thread->setSender(Numbering::PhoneNumberParser::formatForRegion(
            m_chosenOurNumber, Numbering::PhoneNumberParser::configuredRegion()));
    }
}

void MessagesView::send(const QString &body)
{
    if (m_chosen.lineOwner.isValid())
        return sendFromMyLine(body);
    if (!tenant() || !context().providers || !context().providers->sealer())
        return;
    ProviderAccess *providers = context().providers;
    const Providers::Twilio::TwilioMessenger messenger(
        context().database, providers->sealer(), providers->http(), providers->twilioApiBase());
    // From the number the conversation used, on its channel.
    Providers::Twilio::OutgoingText text{
        m_chosenOurNumber, m_chosen.counterpartE164, body, m_chosen.channel == u"whatsapp"};
    messenger.send(tenant()->scope, text, this, [this](Result<Store::MessageRecord> sent) {
        if (!sent) {
            setProblem(tr("The message was not sent: %1").arg(sent.error().message));
            m_thread->sendFailed();
            return;
        }
        clearProblem();
        m_thread->sent(); // the change feed brings its bubble and then its ticks
    });
}

void MessagesView::sendFromMyLine(const QString &body)
{
    if (!m_messenger || m_chosen.lineOwner != me())
        return;
    m_messenger->send(m_chosen.counterpartE164, body, [this](Result<Store::MessageRecord> sent) {
        if (!sent) {
            setProblem(tr("The message was not sent: %1").arg(sent.error().message));
            m_thread->sendFailed();
            return;
        }
        clearProblem();
        m_thread->sent(); // the change feed brings its bubble, then its delivery
    });
}

void MessagesView::loadThread(const Store::ConversationKey &conversation, const QString &title)
{
    if (!tenant())
        return;
    const quint64 generation = ++m_threadGeneration;
    auto messages = Store::AsyncStore<Store::MessageStore>(context().database)
                        .call(&Store::MessageStore::thread,
                              tenant()->scope,
                              conversation,
                              kThreadMessages,
                              qint64(0));
    onFinished(this,
               std::move(messages),
               [this, generation, conversation, title](
                   Result<QList<Store::MessageRecord>> messages) {
                   if (generation != m_threadGeneration)
                       return; // another conversation since
                   if (!messages) {
                       setProblem(
                           tr("Could not load the conversation: %1").arg(messages.error().message));
                       return;
                   }
                   m_thread->showThread(title, *messages);
                   if (isVisible()) // read where it is seen
                       m_model->markRead(m_model->rowOf(conversation));
                   // The person's last message opens WhatsApp's window (the newest 200 hold
                   // it if it is recent at all; the messenger checks the store again).
                   m_lastInboundAt = 0;
                   for (const Store::MessageRecord &message : std::as_const(*messages)) {
                       if (message.isInbound)
                           m_lastInboundAt = std::max(m_lastInboundAt, message.sentAt);
                   }
                   showSender();
                   emit threadShown(conversation.channel, conversation.counterpartE164);
               });
}

// A text's picture or file, fetched as the tenant's Twilio account and kept in the cache with
// its type's extension (its key ends in "#.EXT"), so that it opens in the right program.
void MessagesView::fetchMedia(const Store::MessageMedia &media)
{
    Recordings::MediaFetcher *fetcher = context().recordings;
    if (!fetcher || !tenant()) {
        m_thread->setMediaFile(media.url, Error{ErrorCode::Unsupported, tr("Not from this window.")});
        return;
    }
    fetcher->fetch(tenant()->scope,
                   media.url + QStringLiteral("#.") + media.fileSuffix(),
                   this,
                   [this, url = media.url](Result<QString> file) { m_thread->setMediaFile(url, file); });
}

} // namespace Sb::Ui
