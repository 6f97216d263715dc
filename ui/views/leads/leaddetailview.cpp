#include "leaddetailview.h"

#include "leadlistmodel.h"

#include <ui/frame/when.h>

#include <core/numbering/phonenumberparser.h>

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace Sb::Ui {

namespace {
} // namespace

LeadDetailView::LeadDetailView(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_phone(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_source(new QLineEdit(this))
    , m_notes(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_call(new QPushButton(tr("Call with the assistant"), this))
    , m_text(new QPushButton(tr("Text"), this))
    , m_pushRow(new QHBoxLayout)
    , m_notice(new QLabel(this))
    , m_activityHeading(new QLabel(tr("Calls and messages"), this))
    , m_activity(new ActivityList(this))
{
    QFont heading = m_heading->font();
    heading.setBold(true);
    heading.setPointSizeF(heading.pointSizeF() * 1.25);
    m_heading->setFont(heading);
    m_heading->setWordWrap(true);
    m_name->setAccessibleName(tr("Name"));
    m_phone->setAccessibleName(tr("Phone"));
    m_phone->setPlaceholderText(tr("In any format, e.g. (617) 555-0143"));
    m_email->setAccessibleName(tr("Email"));
    m_status->setAccessibleName(tr("Status"));
    for (const QString &status : Store::Lead::statuses())
        m_status->addItem(LeadListModel::statusName(status), status);
    m_source->setAccessibleName(tr("Source"));
    m_source->setPlaceholderText(tr("Web form, referral, campaign…"));
    m_notes->setAccessibleName(tr("Notes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(m_notes->fontMetrics().height() * 5);
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Why the lead was not saved"));
    m_error->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b3261e;"
                                          " padding: 4px; border-radius: 3px;"));
    m_error->hide();
    m_save->setAccessibleName(tr("Save the lead"));
    m_save->setToolTip(tr("Save (Ctrl+S)"));
    m_save->setDefault(true);
    m_call->setAccessibleName(tr("Call this lead with the assistant"));
    m_text->setAccessibleName(tr("Text this lead"));
    for (QPushButton *button : {m_call, m_text, m_save}) {
        button->ensurePolished(); // the style's own margins, not the defaults'
        button->setMinimumWidth(button->fontMetrics().horizontalAdvance(button->text())
                                + button->sizeHint().height() * 2); // never cut short
    }
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->hide();
    QFont bold = m_activityHeading->font();
    bold.setBold(true);
    m_activityHeading->setFont(bold);
    m_activity->setAccessibleName(tr("Calls and messages with this lead"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Phone"), m_phone);
    form->addRow(tr("&Email"), m_email);
    form->addRow(tr("S&tatus"), m_status);
    form->addRow(tr("S&ource"), m_source);
    form->addRow(tr("N&otes"), m_notes);
    auto *buttons = m_buttons = new QHBoxLayout;
    buttons->addWidget(m_call);
    buttons->addWidget(m_text);
    buttons->addLayout(m_pushRow);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    layout->addWidget(m_notice);
    layout->addWidget(m_activityHeading);
    layout->addWidget(m_activity, 1);

    connect(m_save, &QPushButton::clicked, this, &LeadDetailView::submit);
    auto *save = new QShortcut(QKeySequence::Save, this);
    save->setContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QShortcut::activated, this, &LeadDetailView::submit);
    for (QLineEdit *edit : {m_name, m_phone, m_email, m_source}) {
        connect(edit, &QLineEdit::returnPressed, this, &LeadDetailView::submit);
        connect(edit, &QLineEdit::textEdited, this, [this] { showFormError({}); });
    }
    connect(m_call, &QPushButton::clicked, this, [this] {
        if (m_lead.id.isValid())
            emit callRequested(m_lead.id);
    });
    connect(m_text, &QPushButton::clicked, this, [this] {
        if (!m_lead.phoneE164.isEmpty())
            emit textRequested(m_lead.phoneE164);
    });
    connect(m_activity, &ActivityList::activityOpened, this, &LeadDetailView::activityOpened);
    showNew();
}

void LeadDetailView::fill(const Store::Lead &lead)
{
    m_lead = lead;
    m_name->setText(lead.name);
    // As the region writes it; stored in E.164 again when saved.
    m_phone->setText(Numbering::PhoneNumberParser::formatForRegion(
        lead.phoneE164, Numbering::PhoneNumberParser::configuredRegion()));
    m_email->setText(lead.email);
    m_status->setCurrentIndex(qMax(0, m_status->findData(lead.status)));
    m_source->setText(lead.source);
    m_notes->setPlainText(lead.notes);
    showFormError({});
    m_notice->hide();
}

void LeadDetailView::addAction(QWidget *action)
{
    action->setParent(this);
    m_buttons->insertWidget(m_buttons->indexOf(m_text) + 1, action);
}

void LeadDetailView::showLead(const Store::Lead &lead)
{
    const bool isSame = lead.id == m_lead.id;
    fill(lead);
    m_heading->setText(lead.name.isEmpty() ? tr("Lead without a name") : lead.name);
    m_activityHeading->show();
    m_activity->show();
    m_call->show();
    m_text->show();
    if (!isSame)
        showActivity({});
}

void LeadDetailView::showNew()
{
    fill(Store::Lead{});
    m_heading->setText(tr("New lead"));
    m_activityHeading->hide();
    m_activity->hide();
    m_activity->forget();
    m_call->hide();
    m_text->hide();
    showCrms({});
    m_name->setFocus();
}

void LeadDetailView::showCrms(const QList<CrmRecordState> &crms)
{
    QMap<QString, QPushButton *> kept;
    for (const CrmRecordState &crm : crms) {
        if (!m_lead.id.isValid())
            break;
        QPushButton *push = m_pushes.take(crm.platform);
        if (!push) {
            push = new QPushButton(this);
            m_pushRow->addWidget(push);
            connect(push, &QPushButton::clicked, this, [this, platform = crm.platform] {
                if (m_lead.id.isValid())
                    emit pushRequested(m_lead.id, platform);
            });
        }
        push->setText(crm.record ? tr("In %1").arg(crm.name) : tr("Push to %1").arg(crm.name));
        push->setAccessibleName(crm.record ? tr("This lead is in %1").arg(crm.name) : tr("Push this lead to %1").arg(crm.name));
        push->setToolTip(crm.record ? tr("%1 record %2").arg(crm.name, *crm.record)
                                    : tr("Makes the lead a contact in %1, once.").arg(crm.name));
        push->setEnabled(!crm.record && crm.mayPush);
        push->show();
        kept.insert(crm.platform, push);
    }
    qDeleteAll(m_pushes); // CRMs no longer connected
    m_pushes = kept;
}

void LeadDetailView::setPushing(const QString &platform)
{
    if (QPushButton *push = m_pushes.value(platform))
        push->setEnabled(false);
}

void LeadDetailView::showActivity(const QList<Store::LeadActivity> &activity)
{
    m_activity->showActivity(activity, !m_lead.phoneE164.isEmpty());
}

void LeadDetailView::showFormError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

QString LeadDetailView::formError() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void LeadDetailView::showNotice(const QString &message)
{
    m_notice->setText(message);
    m_notice->setVisible(!message.isEmpty());
}

void LeadDetailView::setActions(bool canCall,
                                const QString &whyNotCall,
                                bool canText,
                                const QString &whyNotText)
{
    const bool hasNumber = !m_lead.phoneE164.isEmpty();
    m_call->setEnabled(canCall && hasNumber);
    m_call->setToolTip(!hasNumber ? tr("The lead has no phone number.") : whyNotCall);
    m_text->setEnabled(canText && hasNumber);
    m_text->setToolTip(!hasNumber ? tr("The lead has no phone number.") : whyNotText);
}

void LeadDetailView::setSources(const QStringList &sources)
{
    auto *completer = new QCompleter(sources, m_source);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    delete m_source->completer();
    m_source->setCompleter(completer);
}

void LeadDetailView::submit()
{
    Store::Lead lead = m_lead;
    lead.name = m_name->text().trimmed();
    lead.email = m_email->text().trimmed();
    lead.status = m_status->currentData().toString();
    lead.source = m_source->text().trimmed();
    lead.notes = m_notes->toPlainText().trimmed();
    emit saveRequested(lead, m_phone->text().trimmed());
}

} // namespace Sb::Ui
