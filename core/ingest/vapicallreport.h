#pragma once

#include "ingestevent.h"

#include <core/common/result.h>
#include <core/store/tenantscope.h>

class QSqlDatabase;

namespace Sb::Ingest {

// VAPI's end-of-call report completes the call record: the Twilio call that was forwarded to the
// assistant (same caller, not yet linked, recent) or the VAPI call we created; otherwise a new
// record. Recording URL, transcript with timestamps, summary, ended reason and cost.
class VapiCallReport final
{
public:
    static Status
    write(QSqlDatabase &db, const Store::TenantScope &tenant, const IngestEvent &event);
};

} // namespace Sb::Ingest
