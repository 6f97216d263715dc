#pragma once

#include <core/numbering/phonenumberparser.h>
#include <core/store/phonenumberstore.h>

#include <QAbstractTableModel>

namespace Sb::Ui {

// The numbers of one tenant, as loaded by NumbersView. data() reads only this cache.
class PhoneNumberModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role { E164Role = Qt::UserRole + 1 };
    enum Column {
        NumberColumn,
        ProviderColumn,
        PurposeColumn,
        AccountColumn,
        LabelColumn,
        WebhooksColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setNumbers(QList<Store::PhoneNumber> numbers);
    const Store::PhoneNumber &numberAt(int row) const { return m_numbers.at(row); }
    // Where each number's webhooks point, as checked with the provider (by E.164): a line to
    // show, and whether it is ours. Numbers not in it say why none was checked.
    struct WebhookState
    {
        QString text;
        bool isOurs = false;
    };
    void setWebhooks(QHash<QString, WebhookState> states, const QString &unchecked);
    std::optional<WebhookState> webhooksOf(const QString &e164) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Store::PhoneNumber> m_numbers;
    QHash<QString, WebhookState> m_webhooks;
    QString m_unchecked; // for numbers without a state
    QString m_region = Numbering::PhoneNumberParser::configuredRegion(); // read once
};

} // namespace Sb::Ui
