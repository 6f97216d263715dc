#include "contactsview.h"

#include "contactlistmodel.h"

#include <ui/frame/activitylist.h>
#include <ui/frame/deskphonecall.h>
#include <ui/frame/icons.h>
#include <ui/frame/listtable.h>
#include <ui/frame/provideraccess.h>

#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/numbering/typedsearch.h>
#include <core/oauth/authorizationserver.h>
#include <core/store/asyncstore.h>
#include <core/store/changefeed.h>
#include <core/store/leadstore.h>
#include <core/store/oauthgrantstore.h>

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Sb::Ui {

ContactsView::ContactsView(const ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
    , m_model(new ContactListModel(context, this))
    , m_search(new QLineEdit(this))
    , m_pause(new QTimer(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_table(new QTableView(this))
    , m_name(new QLabel(this))
    , m_details(new QLabel(this))
    , m_deskPhone(new DeskPhoneCall(context, this))
    , m_activity(new ActivityList(this))
    , m_region(Numbering::PhoneNumberParser::configuredRegion())
{
    m_search->setPlaceholderText(tr("Search by name, number or email"));
    m_search->setAccessibleName(tr("Search contacts"));
    m_search->setClearButtonEnabled(true);
    m_pause->setSingleShot(true);
    m_pause->setInterval(120); // typing pauses: one search, not one per key
    connect(m_search, &QLineEdit::textChanged, m_pause, qOverload<>(&QTimer::start));
    connect(m_pause, &QTimer::timeout, this, &ContactsView::applySearch);

    m_table->setModel(m_model);
    makeListTable(m_table, tr("Contacts"));
    // The email takes the room left: it is the longest and the most often cut.
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(ContactListModel::EmailColumn, QHeaderView::Stretch);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_name->setFont(big);
    m_name->setWordWrap(true);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setOpenExternalLinks(true); // a CRM record opens in the system browser
    m_details->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_activity->setAccessibleName(tr("Calls and messages with this contact"));
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->addWidget(m_name);
    detailLayout->addWidget(m_details);
    detailLayout->addWidget(m_deskPhone);
    auto *heading = new QLabel(tr("Calls and messages"), detail);
    detailLayout->addWidget(heading);
    detailLayout->addWidget(m_activity, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    m_stack->addWidget(splitter);
    m_stack->addWidget(m_empty);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_stack, 1);

    connect(m_model, &ContactListModel::loaded, this, [this] {
        setBusy(false);
        clearProblem();
        if (m_model->rowCount() == 0) {
            m_empty->setText(m_search->text().trimmed().isEmpty()
                                 ? tr("No contacts yet for %1.\n\nOn the Connections page an owner or "
                                      "admin connects the clinic's CRM; its contacts come in with a sync.")
                                       .arg(tenant() ? tenant()->name : QString())
                                 : tr("No contact matches \"%1\".").arg(m_search->text().trimmed()));
            m_stack->setCurrentWidget(m_empty);
            return;
        }
        m_stack->setCurrentWidget(m_stack->widget(0));
        m_table->resizeColumnToContents(ContactListModel::NameColumn);
        m_table->resizeColumnToContents(ContactListModel::PhoneColumn);
        if (!m_table->currentIndex().isValid())
            m_table->setCurrentIndex(m_model->index(0, 0));
        else
            showChosen(); // read again: its history may have grown
    });
    connect(m_model, &ContactListModel::loadFailed, this, [this](const QString &message) {
        setBusy(false);
        setProblem(tr("Could not load the contacts: %1").arg(message));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ContactsView::showChosen);
    connect(m_activity, &ActivityList::activityOpened, this, [this](const Store::LeadActivity &item) {
        const Store::Contact *contact = m_model->contactAt(m_table->currentIndex().row());
        if (!contact)
            return;
        if (item.kind == Store::LeadActivity::Kind::Call)
            emit openRequested({Destination::Kind::Call, item.id, {}, contact->phoneE164});
        else
            emit openRequested({Destination::Kind::Conversation, 0, item.channel, contact->phoneE164, contact->name});
    });
}

QString ContactsView::title() const
{
    return tr("Contacts");
}

QIcon ContactsView::icon() const
{
    return consoleIcon(QStringLiteral("contacts"));
}

void ContactsView::showTenant(const CurrentTenant &tenant)
{
    rememberTenant(tenant);
    clearProblem();
    ++m_detailGeneration;
    const quint64 tenantGeneration = ++m_tenantGeneration;
    m_grantExtras.clear();
    m_name->clear();
    m_details->clear();
    m_deskPhone->setTarget(std::nullopt, {});
    m_activity->forget();
    delete m_subscription;
    m_subscription = nullptr;
    if (context().changes) {
        m_subscription = context().changes->subscribe(tenant.scope.tenantId(),
                                                      Store::ChangeKind::Contacts | Store::ChangeKind::Calls
                                                          | Store::ChangeKind::Messages,
                                                      this);
        // A sync's contacts: the list again. A call or a text: the chosen person's history only.
        connect(m_subscription, &Store::ChangeSubscription::changed, this, [this](const Store::Change &change) {
            if (change.kind == Store::ChangeKind::Contacts)
                m_model->refresh();
            else
                showChosen();
        });
    }
    m_empty->setText(tr("Loading the contacts of %1…").arg(tenant.name));
    m_stack->setCurrentWidget(m_empty);
    setBusy(true);
    m_model->showTenant(tenant.scope);
    // Which CRM account each record lives in, for its link.
    onFinished(this,
               Store::AsyncStore<Store::OAuthGrantStore>(context().database).call(&Store::OAuthGrantStore::list, tenant.scope),
               [this, tenantGeneration](Result<QList<Store::StoredGrant>> grants) {
                   if (!grants || tenantGeneration != m_tenantGeneration)
                       return;
                   for (const Store::StoredGrant &grant : std::as_const(*grants)) {
                       if (!grant.key.owner.isValid())
                           m_grantExtras.insert(grant.key.provider, grant.extras);
                   }
                   showChosen();
               });
}

void ContactsView::retry()
{
    clearProblem();
    setBusy(true);
    m_model->refresh();
}

void ContactsView::applySearch()
{
    const auto typed = Numbering::TypedSearch::parse(m_search->text(), m_region);
    setBusy(true);
    m_table->setCurrentIndex({});
    m_model->setSearch({typed.text, typed.e164, typed.digits});
}

QString ContactsView::recordLink(const Store::ContactLink &link) const
{
    const QString name = OAuth::providerDisplayName(link.platform);
    QString url;
    const auto crm = context().providers ? context().providers->crms().find(link.platform) : nullptr;
    if (crm && m_grantExtras.contains(link.platform))
        url = crm->recordPage(m_grantExtras.value(link.platform), link.recordId).toString(QUrl::FullyEncoded);
    if (url.isEmpty())
        return tr("%1 record %2").arg(name, link.recordId.toHtmlEscaped());
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toHtmlEscaped(), tr("Open in %1").arg(name));
}

void ContactsView::showChosen()
{
    const Store::Contact *contact = m_model->contactAt(m_table->currentIndex().row());
    const quint64 generation = ++m_detailGeneration;
    if (!contact) {
        m_name->clear();
        m_details->clear();
        m_deskPhone->setTarget(std::nullopt, {});
        m_activity->forget();
        return;
    }
    m_name->setText(contact->name.isEmpty() ? tr("(no name)") : contact->name);
    QStringList lines;
    if (!contact->phoneE164.isEmpty())
        lines.append(Numbering::PhoneNumberParser::formatForRegion(contact->phoneE164, m_region).toHtmlEscaped());
    if (!contact->email.isEmpty())
        lines.append(contact->email.toHtmlEscaped());
    for (const Store::ContactLink &link : contact->links)
        lines.append(recordLink(link));
    m_details->setText(lines.join(QStringLiteral("<br>")));
    m_deskPhone->setTarget(tenant()->scope, contact->phoneE164); // shown when the member has a line
    const ContactId id = contact->id;
    const QString e164 = contact->phoneE164;
    if (e164.isEmpty()) {
        m_activity->showActivity({}, false);
        emit contactShown(id);
        return;
    }
    onFinished(this,
               Store::AsyncStore<Store::LeadStore>(context().database).call(&Store::LeadStore::activity, tenant()->scope, e164, 100),
               [this, generation, id](Result<QList<Store::LeadActivity>> activity) {
                   if (generation != m_detailGeneration)
                       return;
                   if (!activity)
                       return setProblem(tr("Could not load the contact's calls and messages: %1").arg(activity.error().message));
                   m_activity->showActivity(*activity, true);
                   emit contactShown(id);
               });
}

QString ContactsView::detailText() const
{
    return m_name->text() + u'\n' + m_details->text();
}

} // namespace Sb::Ui
