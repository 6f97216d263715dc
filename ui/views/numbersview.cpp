#include "numbersview.h"

#include <ui/models/phonenumbermodel.h>

#include <core/common/continuation.h>
#include <core/store/asyncstore.h>

#include <QHeaderView>
#include <QLabel>
#include <QStackedLayout>
#include <QTableView>

namespace Sb::Ui {

NumbersView::NumbersView(std::shared_ptr<Store::Database> database, QWidget *parent)
    : QWidget(parent)
    , m_database(std::move(database))
    , m_model(new PhoneNumberModel(this))
    , m_table(new QTableView(this))
    , m_message(new QLabel(this))
    , m_stack(new QStackedLayout(this))
{
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Phone numbers"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_message);
}

void NumbersView::showMessage(const QString &text)
{
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

void NumbersView::showTenant(const Store::TenantScope &tenant, const QString &tenantName)
{
    const quint64 generation = ++m_generation;
    m_model->setNumbers({});
    showMessage(tr("Loading the numbers of %1…").arg(tenantName));
    auto load = Store::AsyncStore<Store::PhoneNumberStore>(m_database)
                    .call(&Store::PhoneNumberStore::list, tenant);
    onFinished(
        this,
        std::move(load),
        [this, generation, tenantName](Result<QList<Store::PhoneNumber>> numbers) {
            if (generation != m_generation)
                return;
            if (!numbers) {
                showMessage(tr("Could not load the numbers: %1").arg(numbers.error().message));
            } else if (numbers->isEmpty()) {
                showMessage(
                    tr("%1 has no phone numbers yet.\nAdd one with: switchboardctl "
                       "number add NUMBER --tenant TENANT --provider twilio --purpose clinic")
                        .arg(tenantName));
            } else {
                m_model->setNumbers(std::move(*numbers));
                m_table->resizeColumnsToContents();
                m_stack->setCurrentWidget(m_table);
            }
            emit loaded();
        });
}

} // namespace Sb::Ui
