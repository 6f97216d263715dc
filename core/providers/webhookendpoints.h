#pragma once

#include <core/ingest/webhookendpoint.h>

namespace Sb::Providers {

// Every provider's webhook endpoints, for `serve` and for replaying kept events. A new
// provider adds its folder and one line here.
Ingest::WebhookEndpoints webhookEndpoints();

} // namespace Sb::Providers
