#include "threadlistmodel.h"

#include <ui/frame/when.h>

#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/store/asyncstore.h>
#include <core/store/messagestore.h>

#include <QDateTime>
#include <QLocale>

namespace Sb::Ui {

ThreadListModel::ThreadListModel(const ConsoleContext &context, QObject *parent)
    : QAbstractListModel(parent)
    , m_context(context)
    , m_region(Numbering::PhoneNumberParser::configuredRegion())
{}

void ThreadListModel::showTenant(const Store::TenantScope &tenant)
{
    beginResetModel();
    m_tenant = tenant;
    m_threads.clear();
    ++m_generation;
    endResetModel();
    refresh();
}

void ThreadListModel::refresh()
{
    if (!m_tenant)
        return;
    const quint64 generation = m_generation;
    auto threads = Store::AsyncStore<Store::MessageStore>(m_context.database)
                       .call(&Store::MessageStore::threads, *m_tenant, int(kMaxThreads));
    onFinished(
        this, std::move(threads), [this, generation](Result<QList<Store::MessageThread>> threads) {
            if (generation != m_generation)
                return; // another tenant since
            if (!threads) {
                emit loadFailed(threads.error().message);
                return;
            }
            if (*threads != m_threads) {
                // The order changes with each new message: the view keeps its choice by key.
                beginResetModel();
                m_threads = *threads;
                endResetModel();
            }
            emit loaded();
        });
}

const Store::MessageThread *ThreadListModel::threadAt(int row) const
{
    return row >= 0 && row < m_threads.size() ? &m_threads.at(row) : nullptr;
}

int ThreadListModel::rowOf(const QString &channel, const QString &counterpartE164) const
{
    for (qsizetype row = 0; row < m_threads.size(); ++row) {
        const Store::MessageRecord &last = m_threads.at(row).last;
        if (last.channel == channel && last.counterpartE164 == counterpartE164)
            return int(row);
    }
    return -1;
}

int ThreadListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_threads.size());
}

QVariant ThreadListModel::data(const QModelIndex &index, int role) const
{
    const Store::MessageThread *thread = threadAt(index.row());
    if (!thread)
        return {};
    const Store::MessageRecord &last = thread->last;
    const QString number =
        Numbering::PhoneNumberParser::formatForRegion(last.counterpartE164, m_region);
    const QString who = thread->counterpartName.isEmpty() ? number : thread->counterpartName;
    const QString channel = last.channel == u"whatsapp" ? tr("WhatsApp") : tr("SMS");
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 · %2 · %3\n%4%5")
            .arg(who,
                 channel,
                 shortWhen(last.sentAt),
                 last.isInbound ? QString() : tr("You: "),
                 last.body.simplified());
    case Qt::ToolTipRole:
        return tr("%1 (%2), %n message(s)", nullptr, thread->messageCount).arg(who, number);
    case Qt::AccessibleTextRole:
        return tr("%1 on %2, last at %3: %4").arg(who, channel, shortWhen(last.sentAt), last.body);
    case ChannelRole:
        return last.channel;
    case CounterpartRole:
        return last.counterpartE164;
    default:
        return {};
    }
}

} // namespace Sb::Ui
