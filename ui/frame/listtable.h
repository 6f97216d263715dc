#pragma once

class QString;
class QTableView;

namespace Sb::Ui {

// How the console's lists look and behave: one row chosen at a time, read-only, dense rows of
// one line each sized by the font (not by pixels), no grid, alternating colours, the last
// column taking the room left.
void makeListTable(QTableView *table, const QString &accessibleName);

} // namespace Sb::Ui
