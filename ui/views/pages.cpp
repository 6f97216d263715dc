#include "pages.h"

#include <ui/views/calls/callsview.h>
#include <ui/views/connections/connectionsview.h>
#include <ui/views/contacts/contactsview.h>
#include <ui/views/dashboard/dashboardview.h>
#include <ui/views/events/eventsview.h>
#include <ui/views/leads/leadsview.h>
#include <ui/views/messages/messagesview.h>
#include <ui/views/numbers/numbersview.h>

namespace Sb::Ui {

namespace {
// key: the page's object name, by which the console remembers the page last shown.
template<typename View>
PageFactory pageOf(const char *key)
{
    return [key](const ConsoleContext &context, QWidget *parent) -> Page * {
        auto *page = new View(context, parent);
        page->setObjectName(QString::fromLatin1(key));
        return page;
    };
}
} // namespace

QList<PageFactory> consolePages()
{
    return {
        pageOf<DashboardView>("dashboard"),
        pageOf<CallsView>("calls"),
        pageOf<MessagesView>("messages"),
        pageOf<LeadsView>("leads"),
        pageOf<ContactsView>("contacts"),
        pageOf<NumbersView>("numbers"),
        pageOf<EventsView>("events"),
        pageOf<ConnectionsView>("connections"),
    };
}

} // namespace Sb::Ui
