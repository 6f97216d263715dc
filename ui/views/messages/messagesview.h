#pragma once

#include <ui/frame/page.h>

class QLabel;
class QListView;
class QSplitter;
class QStackedWidget;

namespace Sb::Store {
class ChangeSubscription;
struct MessageMedia;
}

namespace Sb::Ui {

class ThreadListModel;
class ThreadView;

// The Messages page: the tenant's conversations on the left, the chosen one as bubbles on the
// right. Live: a text that arrives, or a status of one sent, shows without a refresh, and the
// chosen conversation stays chosen. A reply goes from the number the conversation used, through
// the tenant's Twilio subaccount (TwilioMessenger). J/K or Up/Down move between conversations.
class MessagesView final : public Page
{
    Q_OBJECT

public:
    MessagesView(const ConsoleContext &context, QWidget *parent = nullptr);
    ~MessagesView() override; // keeps the splitter as the user left it

    QString title() const override;
    QIcon icon() const override;
    void showTenant(const CurrentTenant &tenant) override;
    void retry() override;
    bool opens(Destination::Kind kind) const override;
    // A conversation: chosen, or begun empty when there is none with that person yet.
    bool open(const Destination &destination) override;

    ThreadListModel *model() const { return m_model; }
    QListView *threads() const { return m_threads; }
    ThreadView *thread() const { return m_thread; }

signals:
    void threadShown(const QString &channel, const QString &counterpartE164);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showChosen();
    void showSender();
    void send(const QString &body);
    void fetchMedia(const Store::MessageMedia &media);
    void loadThread(const QString &channel, const QString &counterpartE164, const QString &title);

    ThreadListModel *m_model;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QSplitter *m_splitter;
    QListView *m_threads;
    ThreadView *m_thread;
    Store::ChangeSubscription *m_subscription = nullptr;
    QString m_chosenChannel; // the conversation chosen, found again after each reload
    QString m_chosenCounterpart;
    QString m_chosenOurNumber; // the clinic's number the conversation used: replies go from it
    qint64 m_lastInboundAt = 0; // when the person last wrote in the chosen conversation
    bool m_isNewConversation = false; // chosen, with no message yet (opened from a lead)
    quint64 m_threadGeneration = 0;
};

} // namespace Sb::Ui
