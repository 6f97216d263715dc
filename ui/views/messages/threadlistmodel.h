#pragma once

#include <ui/frame/page.h>

#include <core/store/messagerecord.h>

#include <QAbstractListModel>

namespace Sb::Ui {

// A tenant's conversations, the most recent first (MessageStore::threads, on a store thread):
// who (the lead's name, else the number as the region writes it), the channel, the last line and
// when. Reloaded whole on a change; the chosen conversation is found again by its key.
class ThreadListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    static constexpr int kMaxThreads = 500;
    enum Role { ChannelRole = Qt::UserRole + 1, CounterpartRole, UnreadRole };

    ThreadListModel(const ConsoleContext &context, QObject *parent = nullptr);

    void showTenant(const Store::TenantScope &tenant);
    void refresh();
    const Store::MessageThread *threadAt(int row) const;
    int rowOf(const Store::ConversationKey &conversation) const;
    // The signed-in staff member has seen that conversation up to its newest message.
    void markRead(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

signals:
    void loaded();
    void loadFailed(const QString &message);

private:
    static QString preview(const Store::MessageRecord &message);
    StaffId reader() const; // whose unread counts these are

    ConsoleContext m_context;
    std::optional<Store::TenantScope> m_tenant;
    QList<Store::MessageThread> m_threads;
    QString m_region;
    quint64 m_generation = 0;
};

} // namespace Sb::Ui
