#pragma once

#include <ui/frame/page.h>
#include <ui/models/phonenumbermodel.h>

#include <QElapsedTimer>

namespace Sb::Providers::Twilio {
struct NumberSync;
}

class QLabel;
class QStackedLayout;
class QTableView;

namespace Sb::Ui {

// The Numbers page: the current tenant's numbers, loaded off the GUI thread.
class NumbersView final : public Page
{
    Q_OBJECT

public:
    NumbersView(const ConsoleContext &context, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showTenant(const CurrentTenant &tenant) override;
    void retry() override;
    PhoneNumberModel *model() const { return m_model; }

signals:
    void loaded();
    void webhooksChecked(); // Twilio said where each number's webhooks point

private:
    void showMessage(const QString &text);
    void load();
    // Asks Twilio where the numbers' webhooks point and compares with the ingest server's
    // public URL (the tenant's connection's); the store's list is shown meanwhile.
    void checkWebhooks(quint64 generation);
    static QHash<QString, PhoneNumberModel::WebhookState>
    webhookStates(const Providers::Twilio::NumberSync &sync);

    PhoneNumberModel *m_model;
    QTableView *m_table;
    QLabel *m_message;
    QStackedLayout *m_stack;
    quint64 m_generation = 0; // a slow load for a tenant no longer shown is dropped
    QElapsedTimer m_checkedAt; // Twilio's last answer (invalid: none for this tenant)
    static constexpr qint64 kRecheckMs = 60 * 1000;
};

} // namespace Sb::Ui
