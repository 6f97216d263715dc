#include "tenantcolour.h"

namespace Sb::Ui {

QColor tenantColour(TenantId tenant)
{
    const int hue = int((tenant.value() * 137) % 360);
    return QColor::fromHsv(hue, 150, 200);
}

} // namespace Sb::Ui
