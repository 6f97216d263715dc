#pragma once

#include <QAbstractTableModel>
#include <QList>

namespace Sb::Ui {

// The rows of a list read from the store a page at a time (the Leads and Contacts pages): kept
// in the order read, replaced whole by a reload or extended by the next page, found by id. The
// model says what it reads and how a row looks; this keeps them and tells the views.
template<typename Row, typename RowId>
class PagedRowsModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    const Row *rowAt(int row) const { return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr; }
    int rowOf(RowId id) const
    {
        for (qsizetype row = 0; row < m_rows.size(); ++row) {
            if (m_rows.at(row).id == id)
                return int(row);
        }
        return -1;
    }
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }

protected:
    const QList<Row> &rows() const { return m_rows; }
    void replaceRows(QList<Row> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    void appendRows(const QList<Row> &rows)
    {
        if (rows.isEmpty())
            return;
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
        m_rows.append(rows);
        endInsertRows();
    }

private:
    QList<Row> m_rows;
};

} // namespace Sb::Ui
