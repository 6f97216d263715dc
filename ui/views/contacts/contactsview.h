#pragma once

#include <ui/frame/page.h>

#include <core/store/contactstore.h>

#include <QMap>
#include <QVariantMap>

class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTimer;

namespace Sb::Store {
class ChangeSubscription;
}

namespace Sb::Ui {

class ActivityList;
class ContactListModel;
class DeskPhoneCall;

// Everyone the clinic's CRMs know, one row per person (HubSpot and Zoho records of the same
// person are one contact): searched as one types (a name, an email, a number in any format),
// listed alphabetically a page at a time however many there are; the chosen person's number,
// email, a link to each CRM record, and every call and message with that number. Live as
// syncs store more.
class ContactsView final : public Page
{
    Q_OBJECT

public:
    explicit ContactsView(const ConsoleContext &context, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showTenant(const CurrentTenant &tenant) override;
    void retry() override;

    ContactListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchBox() const { return m_search; }
    ActivityList *activity() const { return m_activity; }
    DeskPhoneCall *deskPhone() const { return m_deskPhone; }
    QString detailText() const; // what the detail says of the person chosen

signals:
    void contactShown(ContactId id); // with its history

private:
    void applySearch();
    void showChosen();
    QString recordLink(const Store::ContactLink &link) const;

    ContactListModel *m_model;
    QLineEdit *m_search;
    QTimer *m_pause;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QTableView *m_table;
    QLabel *m_name;
    QLabel *m_details;
    DeskPhoneCall *m_deskPhone; // "Call from my desk phone" to the chosen person
    ActivityList *m_activity;
    Store::ChangeSubscription *m_subscription = nullptr;
    QMap<QString, QVariantMap> m_grantExtras; // by platform: the account its record links need
    QString m_region;
    quint64 m_detailGeneration = 0; // the person shown
    quint64 m_tenantGeneration = 0; // the clinic shown
};

} // namespace Sb::Ui
