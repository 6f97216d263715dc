#pragma once

#include <core/store/callrecord.h>

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QTimer;

namespace Sb::Ui {

// What the Calls page shows: one search box (a number in any format, or words said) and the
// filters beside it: since when or between two dates, which way, how it ended. Says changed()
// once per pause in typing, at once for a filter.
class CallFilterBar final : public QWidget
{
    Q_OBJECT

public:
    explicit CallFilterBar(const QString &region, QWidget *parent = nullptr);

    Store::CallSearch search() const;
    QString text() const; // what was typed, trimmed
    // Everything of one person: their number in the box, every other filter off; changed() at once.
    void showNumber(const QString &number);

    QLineEdit *searchBox() const { return m_searchBox; }
    QComboBox *whenFilter() const { return m_when; }
    QDateEdit *fromDate() const { return m_from; }
    QDateEdit *toDate() const { return m_to; }
    QComboBox *directionFilter() const { return m_direction; }
    QComboBox *outcomeFilter() const { return m_outcome; }

signals:
    void changed();

private:
    QString m_region;
    QLineEdit *m_searchBox;
    QTimer *m_searchDelay; // results as the user types, one search per pause
    QComboBox *m_when;
    QDateEdit *m_from; // shown for "Between dates": the first day…
    QDateEdit *m_to; // … and the last, both whole
    QComboBox *m_direction;
    QComboBox *m_outcome;
};

} // namespace Sb::Ui
