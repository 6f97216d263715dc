#pragma once

#include <core/store/callrecord.h>
#include <core/store/transcript.h>

#include <QWidget>

class QLabel;
class QListWidget;

namespace Sb::Ui {

// One call: who, when, how long, the outcome; the assistant's summary and why the call ended;
// the transcript as speaker turns with their times. Shows what it is given; CallsView loads it.
class CallDetailView final : public QWidget
{
    Q_OBJECT

public:
    explicit CallDetailView(QWidget *parent = nullptr);

    void showCall(const Store::CallRecord &call, const QString &region);
    void showNothing(const QString &why);
    QListWidget *transcript() const { return m_transcript; }
    QString summaryText() const;

private:
    QLabel *m_heading;
    QLabel *m_facts;
    QLabel *m_summary;
    QLabel *m_transcriptHeading;
    QListWidget *m_transcript;
};

} // namespace Sb::Ui
