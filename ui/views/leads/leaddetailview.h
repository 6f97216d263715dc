#pragma once

#include <ui/frame/activitylist.h>

#include <core/store/leadstore.h>

#include <QWidget>

#include <QMap>

#include <optional>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Sb::Ui {

// One lead: a form to create or change it (name, phone in any format, email, status, source,
// notes) and, for a stored lead, every call and text with its number, newest first. Shows what
// it is given and says what the user asked for; LeadsView stores and loads.
class LeadDetailView final : public QWidget
{
    Q_OBJECT

public:
    explicit LeadDetailView(QWidget *parent = nullptr);

    void showLead(const Store::Lead &lead);
    void showNew(); // an empty form for a new lead
    void showActivity(const QList<Store::LeadActivity> &activity);
    // Why the form was not stored (shown under it until the next edit); empty clears it.
    void showFormError(const QString &message);
    // A line about what happened (a call placed): shown until the next lead.
    void showNotice(const QString &message);
    // Whether a call or a text can start from here, and if not why (a tooltip).
    void
    setActions(bool canCall, const QString &whyNotCall, bool canText, const QString &whyNotText);
    void setSources(const QStringList &sources);

    const Store::Lead &shown() const { return m_lead; }
    bool isNew() const { return !m_lead.id.isValid(); }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *phoneEdit() const { return m_phone; }
    QLineEdit *emailEdit() const { return m_email; }
    QComboBox *statusBox() const { return m_status; }
    QLineEdit *sourceEdit() const { return m_source; }
    QPlainTextEdit *notesEdit() const { return m_notes; }
    // A page's own action about the lead (calling them from a desk phone), beside Call and Text.
    void addAction(QWidget *action);
    QPushButton *saveButton() const { return m_save; }
    QPushButton *callButton() const { return m_call; }
    QPushButton *textButton() const { return m_text; }
    // A connected CRM's button for this lead (null: none shown for it).
    QPushButton *pushButton(const QString &platform) const { return m_pushes.value(platform); }
    // The clinic's connected CRMs, each with this lead's record there if pushed: a button per
    // CRM, "Push to …" or "In …" (none connected: no button).
    struct CrmRecordState
    {
        QString platform; // "hubspot"
        QString name; // "HubSpot"
        std::optional<QString> record;
        bool mayPush = false;
    };
    void showCrms(const QList<CrmRecordState> &crms);
    void setPushing(const QString &platform); // its button waits
    QListWidget *activityList() const { return m_activity; }
    QString formError() const;

signals:
    // The form as typed: the phone is as written (LeadsView normalises it).
    void saveRequested(const Sb::Store::Lead &lead, const QString &typedPhone);
    void callRequested(LeadId lead);
    void textRequested(const QString &e164);
    void activityOpened(const Sb::Store::LeadActivity &item);
    void pushRequested(LeadId id, const QString &platform);

private:
    void fill(const Store::Lead &lead);
    void submit();

    QLabel *m_heading;
    QLineEdit *m_name;
    QLineEdit *m_phone;
    QLineEdit *m_email;
    QComboBox *m_status;
    QLineEdit *m_source;
    QPlainTextEdit *m_notes;
    QLabel *m_error;
    QPushButton *m_save;
    QPushButton *m_call;
    QPushButton *m_text;
    QHBoxLayout *m_buttons = nullptr;
    QHBoxLayout *m_pushRow;
    QMap<QString, QPushButton *> m_pushes; // by platform
    QLabel *m_notice;
    QLabel *m_activityHeading;
    ActivityList *m_activity;
    Store::Lead m_lead;
};

} // namespace Sb::Ui
