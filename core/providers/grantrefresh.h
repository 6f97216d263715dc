#pragma once

#include "crmplatforms.h"

#include <core/oauth/accesstokens.h>

#include <QUrl>

#include <memory>

namespace Sb::Vault {
class Sealer;
}

namespace Sb::Providers {

// Where any stored grant is refreshed, for a process that holds several kinds (the console,
// `serve`): a CRM's at that CRM with the clinic's app, a staff member's RingCentral grant at
// RingCentral (`ringcentral`: its platform, a fake's in tests) with the app that issued it.
OAuth::RefreshTargetLookup refreshTargetsForAll(const CrmPlatforms &crms,
                                                std::shared_ptr<const Vault::Sealer> sealer,
                                                const QUrl &ringcentral);

// RingCentral's platform: SB_RINGCENTRAL_BASE when set (a fake, by hand and in tests), else
// the real one.
QUrl ringCentralPlatformFromEnvironment();

} // namespace Sb::Providers
