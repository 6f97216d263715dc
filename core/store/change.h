#pragma once

#include <core/common/id.h>

#include <QFlags>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Sb::Store {

// What a change is about: one kind per view of the console.
enum class ChangeKind : quint32 {
    Calls = 0x01,
    Messages = 0x02,
    Leads = 0x04,
    Events = 0x08, // the webhook log
    Numbers = 0x10,
    Connections = 0x20,
    Contacts = 0x40,
};
Q_DECLARE_FLAGS(ChangeKinds, ChangeKind)
Q_DECLARE_OPERATORS_FOR_FLAGS(ChangeKinds)

QString changeKindName(ChangeKind kind); // "calls", "messages", …
std::optional<ChangeKind> changeKindFromName(const QString &name);
ChangeKinds allChangeKinds();

// Rows of one kind changed for one tenant. rowId is the row written when known (0: several, or
// another process's change, which says nothing more).
struct Change
{
    TenantId tenant;
    ChangeKind kind = ChangeKind::Events;
    qint64 rowId = 0;
    qint64 at = 0; // epoch milliseconds, when it was committed or noticed
    bool isFromElsewhere = false; // another process's (read from the change log)
};

} // namespace Sb::Store

Q_DECLARE_METATYPE(Sb::Store::Change)
