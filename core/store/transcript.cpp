#include "transcript.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Store {

QList<TranscriptTurn> transcriptTurns(const QString &transcriptJson)
{
    QList<TranscriptTurn> turns;
    const QJsonArray messages = QJsonDocument::fromJson(transcriptJson.toUtf8()).array();
    for (const QJsonValue &value : messages) {
        const QJsonObject message = value.toObject();
        const QString role = message.value(u"role").toString();
        const QString text = message.value(u"message").toString().trimmed();
        if (text.isEmpty())
            continue;
        TranscriptTurn turn;
        if (role == u"bot" || role == u"assistant")
            turn.speaker = TranscriptTurn::Speaker::Assistant;
        else if (role == u"user" || role == u"customer")
            turn.speaker = TranscriptTurn::Speaker::Caller;
        else
            continue; // the system prompt, tool calls and their results
        turn.text = text;
        turn.startSeconds = message.value(u"secondsFromStart").toDouble();
        turns.append(turn);
    }
    return turns;
}

} // namespace Sb::Store
