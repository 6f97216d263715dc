#pragma once

#include <ui/frame/page.h>

#include <core/store/eventlog.h>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace Sb::Store {
class ChangeSubscription;
}

namespace Sb::Ui {

// The Events page: the tenant's webhook log (when, provider, type, the provider's key), newest
// first, narrowed by what is typed; and for those the store lets read it (agency
// administrators), the quarantine: requests no tenant could be given, with the reason, the
// payload with secrets taken out, and Replay (the same judgement as `events replay`) with its
// outcome.
class EventsView final : public Page
{
    Q_OBJECT

public:
    EventsView(const ConsoleContext &context, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showTenant(const CurrentTenant &tenant) override;
    void retry() override;

    QTableWidget *log() const { return m_log; }
    QLineEdit *filter() const { return m_filter; }
    QTableWidget *quarantine() const { return m_quarantine; }
    QPlainTextEdit *payload() const { return m_payload; }
    QPushButton *replayButton() const { return m_replay; }
    QLabel *outcome() const { return m_outcome; }

signals:
    void logShown();
    void quarantineShown();
    void replayed(bool isPlaced);

private:
    void loadLog();
    void loadQuarantine();
    void showEntry();
    void replayChosen();
    void applyFilter();
    QString clinicName(qint64 tenantId) const;

    QLabel *m_logState; // how many, or why there are none
    QLineEdit *m_filter;
    QTableWidget *m_log;
    QLabel *m_quarantineHeading;
    QTableWidget *m_quarantine;
    QPlainTextEdit *m_payload;
    QPushButton *m_replay;
    QLabel *m_outcome;
    QList<Store::QuarantineEntry> m_entries;
    Store::ChangeSubscription *m_subscription = nullptr;
    quint64 m_generation = 0;
};

} // namespace Sb::Ui
