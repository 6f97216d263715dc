#pragma once

#include <core/store/callrecord.h>

#include <QJsonObject>

namespace Sb::Providers::Vapi {

// VAPI's end-of-call report, as the call log's CallReport: recording URL, transcript with its
// timestamps, summary, ended reason and cost. The call log decides which call it completes.
class VapiCallReport final
{
public:
    // message: the server message's "message" object; customer and ours: the numbers routing
    // read from it.
    static Store::CallReport
    reportOf(const QJsonObject &message, const QString &customer, const QString &ours);
};

} // namespace Sb::Providers::Vapi
