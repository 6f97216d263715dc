#pragma once

#include <ui/views/calls/calldetailview.h>
#include <ui/views/calls/callsview.h>
#include <ui/views/mainwindow.h>

namespace Sb::Test {

// Whether the page in view has finished loading what it shows: its rows (it is no longer busy)
// and, on the Calls page, the details of the call chosen. Tests that read a whole page (every
// text, every control) wait on this instead of a fixed time.
inline bool pageSettled(const Ui::MainWindow &window)
{
    const Ui::Page *page = window.currentPage();
    if (!page || page->isBusy())
        return false;
    if (const auto *calls = qobject_cast<const Ui::CallsView *>(page)) {
        const CallId chosen = calls->selectedCall();
        return !chosen.isValid() || calls->detail()->shownCall() == chosen;
    }
    return true;
}

} // namespace Sb::Test
