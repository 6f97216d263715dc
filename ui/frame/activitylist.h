#pragma once

#include <core/store/leadstore.h>

#include <QListWidget>

namespace Sb::Ui {

// Every call and message with one person's number, newest first, one row each ("Tue 14:05 ·
// Call in" and what was said); Enter or a double-click asks to open it (activityOpened). The
// Leads and Contacts pages show a person's history with it.
class ActivityList final : public QListWidget
{
    Q_OBJECT

public:
    explicit ActivityList(QWidget *parent = nullptr);

    // hasNumber: without one there is nothing to look for (said so).
    void showActivity(const QList<Store::LeadActivity> &activity, bool hasNumber);
    void forget(); // empty, nothing remembered

signals:
    void activityOpened(const Sb::Store::LeadActivity &item);

private:
    QList<Store::LeadActivity> m_shown;
};

} // namespace Sb::Ui
