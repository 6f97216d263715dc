#include "emptystateview.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Sb::Ui {

EmptyStateView::EmptyStateView(const QString &title, const QString &explanation, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);
    auto *body = new QLabel(explanation, this);
    body->setAlignment(Qt::AlignCenter);
    body->setWordWrap(true);
    layout->addStretch();
    layout->addWidget(heading);
    layout->addWidget(body);
    layout->addStretch();
}

} // namespace Sb::Ui
