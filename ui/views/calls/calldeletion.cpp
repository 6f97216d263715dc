#include "calldeletion.h"

#include <ui/frame/when.h>
#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/store/asyncstore.h>
#include <core/store/callstore.h>

#include <QDateTime>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace Sb::Ui {

CallDeletion::CallDeletion(std::shared_ptr<Store::Database> database, QWidget *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_parent(parent)
{}

void CallDeletion::ask(const Store::CallRecord &call,
                       const CurrentTenant &tenant,
                       const QString &region)
{
    auto *question = new QMessageBox(
        QMessageBox::Warning,
        tr("Delete this call?"),
        tr("The call with %1 on %2 is deleted for everyone at %3, with its recording, "
           "transcript, summary and notes. This cannot be undone.")
            .arg(Numbering::PhoneNumberParser::formatForRegion(call.counterpartE164, region),
                 dayAndTime(call.startedAt),
                 tenant.name),
        QMessageBox::Cancel,
        m_parent);
    question->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *confirm = question->addButton(tr("Delete call"), QMessageBox::DestructiveRole);
    question->setDefaultButton(QMessageBox::Cancel);
    connect(confirm, &QPushButton::clicked, this, [this, scope = tenant.scope, id = call.id] {
        auto removed = Store::AsyncStore<Store::CallStore>(m_database)
                           .call(&Store::CallStore::remove, scope, id);
        onFinished(this, std::move(removed), [this](Status status) {
            if (!status)
                emit failed(tr("The call was not deleted: %1").arg(status.error().message));
        });
    });
    question->open();
}

} // namespace Sb::Ui
