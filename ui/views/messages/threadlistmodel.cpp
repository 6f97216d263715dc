#include "threadlistmodel.h"

#include <ui/frame/when.h>

#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/store/asyncstore.h>
#include <core/store/messagestore.h>

#include <core/tenancy/staffsession.h>

#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <algorithm>

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
                       .call(&Store::MessageStore::threads, *m_tenant, reader(), int(kMaxThreads));
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

StaffId ThreadListModel::reader() const
{
    return m_context.session ? m_context.session->staff().id : StaffId();
}

void ThreadListModel::markRead(int row)
{
    if (row < 0 || row >= m_threads.size() || !m_tenant || !reader().isValid())
        return;
    Store::MessageThread &thread = m_threads[row];
    if (thread.unreadCount > 0) {
        thread.unreadCount = 0;
        emit dataChanged(index(row), index(row));
    }
    // Up to what is shown: a message arriving meanwhile stays unread until it is seen.
    auto marked = Store::AsyncStore<Store::MessageStore>(m_context.database)
                      .call(&Store::MessageStore::markRead,
                            *m_tenant,
                            reader(),
                            thread.last.conversation(),
                            thread.last.sentAt);
    onFinished(this, std::move(marked), [this](Status status) {
        if (!status)
            emit loadFailed(status.error().message);
    });
}

const Store::MessageThread *ThreadListModel::threadAt(int row) const
{
    return row >= 0 && row < m_threads.size() ? &m_threads.at(row) : nullptr;
}

int ThreadListModel::rowOf(const Store::ConversationKey &conversation) const
{
    for (qsizetype row = 0; row < m_threads.size(); ++row) {
        if (m_threads.at(row).last.conversation() == conversation)
            return int(row);
    }
    return -1;
}

int ThreadListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_threads.size());
}

// The last text in one line; a text that is only a picture or a file says so.
QString ThreadListModel::preview(const Store::MessageRecord &message)
{
    const QString body = message.body.simplified();
    if (!body.isEmpty() || message.media.isEmpty())
        return body;
    const bool allPictures = std::all_of(message.media.cbegin(),
                                         message.media.cend(),
                                         [](const Store::MessageMedia &m) { return m.isImage(); });
    // One apart from many: English has no plural forms of its own without a catalogue.
    const int count = int(message.media.size());
    if (count == 1)
        return allPictures ? tr("Picture") : tr("Attachment");
    return allPictures ? tr("%n pictures", nullptr, count) : tr("%n attachments", nullptr, count);
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
    // A staff member's own RingCentral line says so: the same person may also be in a
    // conversation with the clinic's number.
    const QString channel = last.channel == u"whatsapp" ? tr("WhatsApp")
        : !last.lineOwner.isValid()                       ? tr("SMS")
        : last.lineOwner == reader()                      ? tr("SMS, my line")
                                                          : tr("SMS, a colleague's line");
    const QString unread =
        thread->unreadCount > 0 ? tr("%n new", nullptr, thread->unreadCount) : QString();
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 · %2 · %3%4\n%5%6")
            .arg(who,
                 channel,
                 shortWhen(last.sentAt),
                 unread.isEmpty() ? QString() : QStringLiteral(" · ") + unread,
                 last.isInbound ? QString() : tr("You: "),
                 preview(last));
    case Qt::FontRole:
        if (thread->unreadCount > 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case UnreadRole:
        return thread->unreadCount;
    case Qt::ToolTipRole:
        return (thread->messageCount == 1
                    ? tr("%1 (%2), one message")
                    : tr("%1 (%2), %n messages", nullptr, thread->messageCount))
            .arg(who, number);
    case Qt::AccessibleTextRole:
        return tr("%1 on %2, last at %3: %4")
                   .arg(who, channel, shortWhen(last.sentAt), preview(last))
            + (unread.isEmpty() ? QString() : QStringLiteral(" (") + unread + u')');
    case ChannelRole:
        return last.channel;
    case CounterpartRole:
        return last.counterpartE164;
    default:
        return {};
    }
}

} // namespace Sb::Ui
