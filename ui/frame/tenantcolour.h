#pragma once

#include <core/common/id.h>

#include <core/store/tenant.h>

#include <QColor>
#include <QList>

class QComboBox;

namespace Sb::Ui {

// A tenant's colour, stable across runs and machines, distinct for neighbouring ids (golden-angle
// hues): the band under the title shows whose clinic is open.
QColor tenantColour(TenantId tenant);

// Lists the staff member's tenants in the switcher, each with its colour swatch, the one
// remembered chosen (when it is still among them); the switcher is off with a single tenant.
void fillTenantSwitcher(QComboBox *switcher, const QList<Store::Membership> &memberships, qint64 rememberedTenant);

} // namespace Sb::Ui
