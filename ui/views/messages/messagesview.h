#pragma once

#include <ui/frame/page.h>

#include <core/store/messagerecord.h>
#include <core/store/ringcentraluserstore.h>

#include <optional>

class QLabel;
class QListView;
class QSplitter;
class QStackedWidget;

namespace Sb::Store {
class ChangeSubscription;
struct MessageMedia;
}
namespace Sb::Providers::RingCentral {
class RingCentralMessenger;
}

namespace Sb::Ui {

class ThreadListModel;
class ThreadView;

// The Messages page: the tenant's conversations on the left, the chosen one as bubbles on the
// right. Live: a text that arrives, or a status of one sent, shows without a refresh, and the
// chosen conversation stays chosen. A reply goes from the line the conversation is on: the
// clinic's number through the tenant's Twilio subaccount (TwilioMessenger), or the staff
// member's own RingCentral number as them (RingCentralMessenger; a colleague's line is theirs
// to answer). A new conversation offers both when both exist. J/K or Up/Down move between
// conversations.
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
    void loadThread(const Store::ConversationKey &conversation, const QString &title);
    StaffId me() const;
    // The signed-in staff member's RingCentral line (for texting from it), read off the GUI thread.
    void loadMyLine();
    void sendFromMyLine(const QString &body);
    void offerLines(); // a new conversation: the clinic's number, or the member's own
    void chooseLine(int choice);

    ThreadListModel *m_model;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QSplitter *m_splitter;
    QListView *m_threads;
    ThreadView *m_thread;
    Store::ChangeSubscription *m_subscription = nullptr;
    Store::ConversationKey m_chosen; // found again after each reload
    QString m_chosenOurNumber; // the number the conversation used: replies go from it
    QString m_clinicNumber; // a new conversation's, when the clinic has one
    std::optional<Store::RingCentralUser> m_myLine;
    Providers::RingCentral::RingCentralMessenger *m_messenger = nullptr;
    qint64 m_lastInboundAt = 0; // when the person last wrote in the chosen conversation
    bool m_isNewConversation = false; // chosen, with no message yet (opened from a lead)
    quint64 m_threadGeneration = 0;
    quint64 m_lineGeneration = 0;
};

} // namespace Sb::Ui
