#include "tenantcolour.h"

#include <QComboBox>
#include <QIcon>
#include <QPixmap>

namespace Sb::Ui {

QColor tenantColour(TenantId tenant)
{
    const int hue = int((tenant.value() * 137) % 360);
    return QColor::fromHsv(hue, 150, 200);
}

void fillTenantSwitcher(QComboBox *switcher, const QList<Store::Membership> &memberships, qint64 rememberedTenant)
{
    const int swatch = switcher->fontMetrics().height();
    for (const Store::Membership &membership : memberships) {
        QPixmap colour(swatch, swatch);
        colour.fill(tenantColour(membership.tenant.id));
        switcher->addItem(QIcon(colour), membership.tenant.displayName,
                          QVariant::fromValue(membership.tenant.id.value()));
    }
    switcher->setEnabled(memberships.size() > 1);
    if (const int remembered = switcher->findData(QVariant::fromValue(rememberedTenant)); remembered >= 0)
        switcher->setCurrentIndex(remembered);
}

} // namespace Sb::Ui
