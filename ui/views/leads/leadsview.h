#pragma once

#include <ui/frame/page.h>

#include <core/store/leadstore.h>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;

namespace Sb::Store {
class ChangeSubscription;
}

#include <map>
#include <memory>

namespace Sb::Crm {
class ContactSource;
}
namespace Sb::OAuth {
class AccessTokens;
}

namespace Sb::Ui {

class LeadDetailView;
class LeadListModel;

// The Leads page: the tenant's leads, searchable by name, number in any format or email and
// narrowed by status and source, beside the chosen one's form and its calls and texts. New
// leads (Ctrl+N) and edits are stored on a store thread; the phone becomes E.164 first. From a
// lead: "Call with the assistant" (VAPI) and "Text" (the Messages page); a call or a text in
// its history opens on its own page. Live through the change feed.
class LeadsView final : public Page
{
    Q_OBJECT

public:
    LeadsView(const ConsoleContext &context, QWidget *parent = nullptr);
    ~LeadsView() override;

    QString title() const override;
    QIcon icon() const override;
    void showTenant(const CurrentTenant &tenant) override;
    void retry() override;
    bool opens(Destination::Kind kind) const override;
    bool open(const Destination &destination) override;

    LeadListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    LeadDetailView *detail() const { return m_detail; }
    QLineEdit *searchBox() const { return m_search; }
    QComboBox *statusFilter() const { return m_status; }
    QComboBox *sourceFilter() const { return m_source; }
    QPushButton *newButton() const { return m_new; }
    LeadId chosenLead() const;

signals:
    void leadShown(LeadId id); // the detail shows it, with its calls and texts
    void leadSaved(LeadId id);

private:
    void applySearch();
    void showChosen();
    void startNew();
    void save(const Store::Lead &lead, const QString &typedPhone);
    void loadCrm(LeadId id); // which of the clinic's CRMs are connected, and this lead's record in each
    void pushToCrm(LeadId id, const QString &platform);
    void callWithAssistant(LeadId lead);
    void loadActivity(const Store::Lead &lead);
    void loadSources();
    void updateActions();
    void choose(LeadId id);

    LeadListModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_status;
    QComboBox *m_source;
    QPushButton *m_new;
    QTimer *m_searchDelay;
    QSplitter *m_splitter;
    QTableView *m_table;
    LeadDetailView *m_detail;
    class DeskPhoneCall *m_deskPhone; // the lead, from the staff member's desk phone
    Store::ChangeSubscription *m_leadChanges = nullptr;
    Store::ChangeSubscription *m_activityChanges = nullptr;
    QString m_region;
    LeadId m_wanted; // chosen once the list has it (after a save, or opened from elsewhere)
    quint64 m_activityGeneration = 0;
    // The clinic's CRMs, for pushes, by platform; made with these tokens (a new vault: new ones).
    std::map<QString, std::unique_ptr<Crm::ContactSource>> m_crms;
    OAuth::AccessTokens *m_crmTokens = nullptr;
    bool m_isSized = false;
    bool m_isWritingNew = false; // "New lead" chosen: reloads of the list leave the form alone
};

} // namespace Sb::Ui
