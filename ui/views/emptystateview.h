#pragma once

#include <QWidget>

namespace Sb::Ui {

// An honest placeholder for a view that a later version brings: no sample data.
class EmptyStateView final : public QWidget
{
    Q_OBJECT

public:
    EmptyStateView(const QString &title, const QString &explanation, QWidget *parent = nullptr);
};

} // namespace Sb::Ui
