#include "webhookendpoints.h"

#include <core/providers/ringcentral/ringcentralendpoint.h>
#include <core/providers/twilio/twilioendpoint.h>
#include <core/providers/vapi/vapiendpoint.h>

namespace Sb::Providers {

Ingest::WebhookEndpoints webhookEndpoints()
{
    Ingest::WebhookEndpoints endpoints = Twilio::TwilioWebhookEndpoint::all();
    endpoints.append(std::make_shared<Vapi::VapiWebhookEndpoint>());
    endpoints.append(std::make_shared<RingCentral::RingCentralWebhookEndpoint>());
    return endpoints;
}

} // namespace Sb::Providers
