#pragma once

#include <core/common/id.h>
#include <core/store/callrecord.h>

#include <QJsonObject>

#include <optional>

namespace Sb::Providers::RingCentral {

// A telephony session notification (…/telephony/sessions) read as the call it tells of, on the
// line of the extension it was sent for (the party that is theirs): ringing (Setup, Proceeding),
// talking (Answered, Hold, Parked), ended (Disconnected, Gone, VoiceMail), with the session id
// the call log names the call by later. nullopt: not such a notification, or nothing to keep
// the call by.
std::optional<Store::CallSessionEvent> callSessionOf(const QJsonObject &notification, StaffId staff);

} // namespace Sb::Providers::RingCentral
