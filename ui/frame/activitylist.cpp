#include "activitylist.h"

#include "when.h"

namespace Sb::Ui {

namespace {
constexpr int kActivityRole = Qt::UserRole + 1; // the row's place in m_shown
} // namespace

ActivityList::ActivityList(QWidget *parent)
    : QListWidget(parent)
{
    setWordWrap(true);
    setAlternatingRowColors(true);
    setToolTip(tr("Double-click (or Enter) opens the call or the conversation"));
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int index = item->data(kActivityRole).toInt();
        if (index >= 0 && index < m_shown.size())
            emit activityOpened(m_shown.at(index));
    });
}

void ActivityList::forget()
{
    clear();
    m_shown.clear();
}

void ActivityList::showActivity(const QList<Store::LeadActivity> &activity, bool hasNumber)
{
    m_shown = activity;
    clear();
    if (activity.isEmpty()) {
        auto *none = new QListWidgetItem(hasNumber ? tr("No calls or messages with this number yet.")
                                                   : tr("No phone number: nothing to show."),
                                         this);
        none->setFlags(Qt::ItemIsEnabled);
        none->setData(kActivityRole, -1);
        return;
    }
    for (qsizetype i = 0; i < activity.size(); ++i) {
        const Store::LeadActivity &item = activity.at(i);
        QString what;
        if (item.kind == Store::LeadActivity::Kind::Call) {
            what = item.isInbound ? tr("Call in") : tr("Call out");
        } else {
            const QString channel = item.channel == u"whatsapp" ? tr("WhatsApp") : tr("Text");
            what = item.isInbound ? tr("%1 in").arg(channel) : tr("%1 out").arg(channel);
        }
        QString line = QStringLiteral("%1 · %2").arg(shortWhen(item.at), what);
        if (!item.text.isEmpty())
            line += QStringLiteral("\n") + item.text;
        auto *row = new QListWidgetItem(line, this);
        row->setToolTip(dayAndTime(item.at));
        row->setData(kActivityRole, int(i));
    }
}

} // namespace Sb::Ui
