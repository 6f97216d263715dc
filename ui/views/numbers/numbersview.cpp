#include "numbersview.h"

#include <ui/models/phonenumbermodel.h>

#include <ui/frame/icons.h>
#include <ui/frame/provideraccess.h>

#include <core/common/continuation.h>
#include <core/providers/twilio/twilionumbers.h>
#include <core/store/asyncstore.h>

#include <QHeaderView>
#include <QLabel>
#include <QStackedLayout>
#include <QStyle>
#include <QTableView>

namespace Sb::Ui {

NumbersView::NumbersView(const ConsoleContext &context, QWidget *parent)
    : Page(context, parent)
    , m_model(new PhoneNumberModel(this))
    , m_table(new QTableView(this))
    , m_message(new QLabel(this))
    , m_stack(new QStackedLayout(this))
{
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Phone numbers"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_message);
    // The vault opened: the numbers' webhooks can be checked now.
    if (context.providers) {
        connect(context.providers, &ProviderAccess::sealerChanged, this, [this] {
            if (tenant() && m_model->rowCount() > 0)
                checkWebhooks(m_generation);
        });
    }
}

QString NumbersView::title() const
{
    return tr("Numbers");
}

QIcon NumbersView::icon() const
{
    return consoleIcon(QStringLiteral("numbers"));
}

void NumbersView::showMessage(const QString &text)
{
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

void NumbersView::showTenant(const CurrentTenant &tenant)
{
    rememberTenant(tenant);
    m_checkedAt.invalidate();
    m_model->setNumbers({});
    showMessage(tr("Loading the numbers of %1…").arg(tenant.name));
    load();
}

// Again from the store, keeping what is shown. Twilio is asked again only when its last answer
// is missing or over a minute old: the change feed's first retry comes seconds after start.
void NumbersView::retry()
{
    if (tenant())
        load();
}

void NumbersView::load()
{
    const quint64 generation = ++m_generation;
    setBusy(true);
    auto load = Store::AsyncStore<Store::PhoneNumberStore>(context().database)
                    .call(&Store::PhoneNumberStore::list, tenant()->scope);
    onFinished(
        this,
        std::move(load),
        [this, generation, name = tenant()->name](Result<QList<Store::PhoneNumber>> numbers) {
            if (generation != m_generation)
                return;
            setBusy(false);
            if (!numbers) {
                setProblem(tr("Could not load the numbers: %1").arg(numbers.error().message));
                if (m_model->rowCount() == 0)
                    showMessage(tr("The numbers of %1 could not be loaded.").arg(name));
            } else if (numbers->isEmpty()) {
                clearProblem();
                m_model->setNumbers({});
                showMessage(
                    tr("%1 has no phone numbers yet.\nAdd one with: switchboardctl "
                       "number add NUMBER --tenant TENANT --provider twilio --purpose clinic")
                        .arg(name));
            } else {
                clearProblem();
                m_model->setNumbers(std::move(*numbers));
                m_table->resizeColumnsToContents();
                m_stack->setCurrentWidget(m_table);
                if (!m_checkedAt.isValid() || m_checkedAt.hasExpired(kRecheckMs))
                    checkWebhooks(generation);
            }
            emit loaded();
        });
}

void NumbersView::checkWebhooks(quint64 generation)
{
    ProviderAccess *providers = context().providers;
    if (!providers || !providers->sealer()) {
        m_model->setWebhooks({},
                             providers ? tr("Not checked: %1").arg(providers->whyWaiting())
                                       : tr("Not checked from this window"));
        return;
    }
    m_model->setWebhooks({}, tr("Checking with Twilio…"));
    const Providers::Twilio::TwilioNumbers twilio(
        context().database, providers->sealer(), providers->http(), providers->twilioApiBase());
    twilio.sync(tenant()->scope,
                false,
                this,
                [this, generation](Result<Providers::Twilio::NumberSync> sync) {
                    if (generation != m_generation)
                        return;
                    if (!sync) {
                        m_model->setWebhooks({}, tr("Not checked: %1").arg(sync.error().message));
                        return;
                    }
                    m_model->setWebhooks(webhookStates(*sync), tr("Not at Twilio"));
                    m_checkedAt.start();
                    emit webhooksChecked();
                });
}

QHash<QString, PhoneNumberModel::WebhookState>
NumbersView::webhookStates(const Providers::Twilio::NumberSync &sync)
{
    const auto ours = Providers::Twilio::NumberCallbacks::ours(sync.publicUrl);
    QHash<QString, PhoneNumberModel::WebhookState> states;
    for (const Providers::Twilio::IncomingNumber &number : sync.numbers) {
        QStringList wrong;
        if (number.canSms && number.smsUrl != ours.smsUrl)
            wrong.append(
                tr("texts go to %1").arg(number.smsUrl.isEmpty() ? tr("nowhere") : number.smsUrl));
        if (number.canVoice && number.voiceUrl != ours.voiceUrl)
            wrong.append(tr("calls go to %1")
                             .arg(number.voiceUrl.isEmpty() ? tr("nowhere") : number.voiceUrl));
        states.insert(number.e164,
                      wrong.isEmpty()
                          ? PhoneNumberModel::WebhookState{tr("✓ %1").arg(sync.publicUrl), true}
                          : PhoneNumberModel::WebhookState{
                              tr("✗ %1, not %2 (switchboardctl twilio connect sets them)")
                                  .arg(wrong.join(QStringLiteral("; ")), sync.publicUrl),
                              false});
    }
    return states;
}

} // namespace Sb::Ui
