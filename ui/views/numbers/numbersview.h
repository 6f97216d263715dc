#pragma once

#include <ui/frame/page.h>

class QLabel;
class QStackedLayout;
class QTableView;

namespace Sb::Ui {

class PhoneNumberModel;

// The Numbers page: the current tenant's numbers, loaded off the GUI thread.
class NumbersView final : public Page
{
    Q_OBJECT

public:
    NumbersView(const ConsoleContext &context, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showTenant(const CurrentTenant &tenant) override;
    PhoneNumberModel *model() const { return m_model; }

signals:
    void loaded();

private:
    void showMessage(const QString &text);

    PhoneNumberModel *m_model;
    QTableView *m_table;
    QLabel *m_message;
    QStackedLayout *m_stack;
    quint64 m_generation = 0; // a slow load for a tenant no longer shown is dropped
};

} // namespace Sb::Ui
