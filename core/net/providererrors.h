#pragma once

#include "httptypes.h"

namespace Sb::Net {

// Reads a provider's error body into its code and message, in each provider's real shape
// (../shared/providers.md): Twilio {code, message}, VAPI {message (string or list), error},
// RingCentral {errorCode | errors[0].errorCode, message}, HubSpot {category, message},
// Zoho {code, message} (also inside data[0]). Anything else: the body's first line.
struct ProviderErrorText
{
    QString code;
    QString message;
};

ProviderErrorText readProviderError(const QString &provider, const HttpResponse &response);

} // namespace Sb::Net
