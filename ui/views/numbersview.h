#pragma once

#include <core/store/database.h>
#include <core/store/tenantscope.h>

#include <QWidget>

#include <memory>

class QLabel;
class QStackedLayout;
class QTableView;

namespace Sb::Ui {

class PhoneNumberModel;

// The Numbers page: the current tenant's numbers, loaded off the GUI thread.
class NumbersView final : public QWidget
{
    Q_OBJECT

public:
    NumbersView(std::shared_ptr<Store::Database> database, QWidget *parent = nullptr);

    void showTenant(const Store::TenantScope &tenant, const QString &tenantName);
    PhoneNumberModel *model() const { return m_model; }

signals:
    void loaded();

private:
    void showMessage(const QString &text);

    std::shared_ptr<Store::Database> m_database;
    PhoneNumberModel *m_model;
    QTableView *m_table;
    QLabel *m_message;
    QStackedLayout *m_stack;
    quint64 m_generation = 0; // a slow load for a tenant no longer shown is dropped
};

} // namespace Sb::Ui
