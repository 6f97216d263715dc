#pragma once

#include <ui/frame/page.h>

#include <core/store/callrecord.h>

#include <QObject>

namespace Sb::Ui {

// "Delete call…": asks first (not modal to the application: the list stays live meanwhile),
// then deletes the call on a store thread in the tenant it was asked in, whatever is on screen
// by then. The row and the cached recording go when the store announces the change, as for a
// call deleted elsewhere (CallListModel::recheck, CallsView::forgetCall).
class CallDeletion final : public QObject
{
    Q_OBJECT

public:
    CallDeletion(std::shared_ptr<Store::Database> database, QWidget *parent);

    void ask(const Store::CallRecord &call, const CurrentTenant &tenant, const QString &region);

signals:
    void failed(const QString &message); // readable: for the page's banner

private:
    std::shared_ptr<Store::Database> m_database;
    QWidget *m_parent;
};

} // namespace Sb::Ui
