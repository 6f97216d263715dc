#pragma once

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

#include <algorithm>

namespace Sb::Test {

// Answers the next question box (QMessageBox) the page opens with Yes, as the user would.
inline void acceptNextQuestion()
{
    QTimer::singleShot(50, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Yes)->click();
        else
            acceptNextQuestion();
    });
}

// Whether a visible label under root says these words.
inline bool saysSomewhere(const QWidget &root, const QString &words)
{
    const auto labels = root.findChildren<QLabel *>();
    return std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) {
        return label->isVisible() && label->text().contains(words);
    });
}

} // namespace Sb::Test
