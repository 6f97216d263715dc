#include "phonenumbermodel.h"

#include <ui/frame/tone.h>

#include <core/numbering/phonenumberparser.h>

#include <QColor>
#include <QGuiApplication>

namespace Sb::Ui {

void PhoneNumberModel::setNumbers(QList<Store::PhoneNumber> numbers)
{
    beginResetModel();
    m_numbers = std::move(numbers);
    endResetModel();
}

void PhoneNumberModel::setWebhooks(QHash<QString, WebhookState> states, const QString &unchecked)
{
    m_webhooks = std::move(states);
    m_unchecked = unchecked;
    if (!m_numbers.isEmpty())
        emit dataChanged(index(0, WebhooksColumn),
                         index(int(m_numbers.size()) - 1, WebhooksColumn));
}

std::optional<PhoneNumberModel::WebhookState>
PhoneNumberModel::webhooksOf(const QString &e164) const
{
    const auto found = m_webhooks.constFind(e164);
    if (found == m_webhooks.cend())
        return std::nullopt;
    return *found;
}

int PhoneNumberModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_numbers.size());
}

int PhoneNumberModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PhoneNumberModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_numbers.size())
        return {};
    const Store::PhoneNumber &number = m_numbers.at(index.row());
    if (role == E164Role)
        return number.e164;
    if (index.column() == WebhooksColumn && role == Qt::ForegroundRole) {
        const auto state = webhooksOf(number.e164);
        if (state && !state->isOurs)
            // Not where Switchboard listens: it needs fixing.
            return toneColour(Tone::Bad, QGuiApplication::palette());
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NumberColumn:
        // As the Calls page writes numbers: the way people of this region dial them.
        return Numbering::PhoneNumberParser::formatForRegion(number.e164, m_region);
    case ProviderColumn:
        return Store::providerName(number.provider);
    case PurposeColumn:
        return Store::purposeName(number.purpose);
    case AccountColumn:
        return number.providerAccountId;
    case LabelColumn:
        return number.label;
    case WebhooksColumn: {
        if (number.provider != Store::NumberProvider::Twilio)
            return tr("— (Twilio's numbers are checked)"); // VAPI's point at VAPI itself
        const auto state = webhooksOf(number.e164);
        return state ? state->text : m_unchecked;
    }
    default:
        return {};
    }
}

QVariant PhoneNumberModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        return tr("Number");
    case ProviderColumn:
        return tr("Provider");
    case PurposeColumn:
        return tr("Purpose");
    case AccountColumn:
        return tr("Account");
    case LabelColumn:
        return tr("Label");
    case WebhooksColumn:
        return tr("Webhooks");
    default:
        return {};
    }
}

} // namespace Sb::Ui
