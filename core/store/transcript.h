#pragma once

#include <QList>
#include <QString>

namespace Sb::Store {

// One turn of a call's transcript: who spoke, what, and when (seconds from the call's start).
struct TranscriptTurn
{
    enum class Speaker { Assistant, Caller, System };
    Speaker speaker = Speaker::System;
    QString text;
    double startSeconds = 0;

    bool operator==(const TranscriptTurn &) const = default;
};

// The turns kept with a call (CallRecord::transcriptJson: the assistant's messages as the
// end-of-call report gave them, `role`, `message`, `secondsFromStart`), in order; system prompts
// and tool calls left out. Malformed or empty JSON gives no turns.
QList<TranscriptTurn> transcriptTurns(const QString &transcriptJson);

} // namespace Sb::Store
