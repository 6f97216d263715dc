#include "pages.h"

#include <ui/views/calls/callsview.h>
#include <ui/views/events/eventsview.h>
#include <ui/views/leads/leadsview.h>
#include <ui/views/messages/messagesview.h>
#include <ui/views/numbers/numbersview.h>

namespace Sb::Ui {

namespace {
template<typename View>
PageFactory pageOf()
{
    return [](const ConsoleContext &context, QWidget *parent) -> Page * {
        return new View(context, parent);
    };
}
} // namespace

QList<PageFactory> consolePages()
{
    return {
        pageOf<CallsView>(),
        pageOf<MessagesView>(),
        pageOf<LeadsView>(),
        pageOf<NumbersView>(),
        pageOf<EventsView>(),
    };
}

} // namespace Sb::Ui
