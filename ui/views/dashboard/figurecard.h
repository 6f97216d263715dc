#pragma once

#include <QFrame>

class QLabel;

namespace Sb::Ui {

// One figure of the dashboard: what it counts, how many, and the change against the period
// before, coloured by whether more is good news (calls answered) or bad (calls missed).
class FigureCard final : public QFrame
{
    Q_OBJECT

public:
    enum class Better { More, Fewer };

    FigureCard(const QString &title, Better better, QWidget *parent = nullptr);

    // comparedWith: how the period before is said ("the 7 days before").
    void showFigure(int value, int previous, const QString &comparedWith);
    // No figure (another clinic's is never left showing while this one's is summed).
    void clear();
    // A line under the figure instead of the change (what it is made of).
    void setDetail(const QString &detail);

    QString title() const;
    QString valueText() const;
    QString changeText() const;

private:
    QLabel *m_title;
    QLabel *m_value;
    QLabel *m_change;
    QLabel *m_detail;
    Better m_better;
};

} // namespace Sb::Ui
