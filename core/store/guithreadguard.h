#pragma once

class QString;

namespace Sb::Store {

// While one is alive, a statement run on the application's main (GUI) thread stops the program
// with the statement's text: the console must never wait for the database. GUI tests hold one
// around everything the console does; `switchboard` holds one when SB_GUI_THREAD_GUARD=1.
class GuiThreadGuard final
{
public:
    GuiThreadGuard();
    ~GuiThreadGuard();
    GuiThreadGuard(const GuiThreadGuard &) = delete;
    GuiThreadGuard &operator=(const GuiThreadGuard &) = delete;

    // Called by the store before each statement: cheap while no guard is held.
    static bool isArmed();
    static void check(const char *what, const QString &statement);
};

} // namespace Sb::Store
