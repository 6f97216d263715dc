// libFuzzer target: a JSON webhook body through the VAPI server-message parser and the
// RingCentral notification parser, and the proof kept for a shared secret. Run by ./dev fuzz.
#include <core/ingest/sharedsecret.h>
#include <core/providers/ringcentral/ringcentralwebhook.h>
#include <core/providers/vapi/vapiwebhook.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Sb::Providers::RingCentral::RingCentralWebhook;
    using Sb::Providers::Vapi::VapiWebhook;
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    auto vapi = VapiWebhook::parse(body);
    if (vapi && (vapi->eventKey.isEmpty() || vapi->accountSid.isEmpty()))
        __builtin_trap(); // an accepted event always has its key and its call
    auto ringCentral = RingCentralWebhook::parse(body);
    if (ringCentral && (ringCentral->eventKey.isEmpty() || ringCentral->accountSid.isEmpty()))
        __builtin_trap();
    // The proof that stands in for a shared secret is made for any body.
    if (Sb::Ingest::SharedSecret::proofOf("secret", body).isEmpty())
        __builtin_trap();
    return 0;
}
