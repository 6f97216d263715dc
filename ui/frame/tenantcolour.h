#pragma once

#include <core/common/id.h>

#include <QColor>

namespace Sb::Ui {

// A tenant's colour, stable across runs and machines, distinct for neighbouring ids (golden-angle
// hues): the band under the title shows whose clinic is open.
QColor tenantColour(TenantId tenant);

} // namespace Sb::Ui
