#pragma once

#include <QByteArray>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>
#include <QString>

#include <vector>

namespace Sb {

// Masks secrets in text bound for a log, a terminal or an error message: every value the
// program has held as a Secret, and the shapes of provider credentials (Authorization headers,
// bearer and basic credentials, token=… fields, Twilio auth tokens, Zoho tokens).
// Thread-safe; one instance for the process.
class Redactor final
{
public:
    static Redactor &instance();

    void remember(const QByteArray &secret);
    QString redact(const QString &text) const;
    static QString mask() { return QStringLiteral("<redacted>"); }

private:
    Redactor();
    struct Shape
    {
        QRegularExpression pattern;
        QString replacement;
    };

    mutable QMutex m_mutex; // protects m_known
    QStringList m_known; // longest first, so a secret that contains another is masked whole
    std::vector<Shape> m_shapes;
};

// Installs a message handler for the whole program that passes every qDebug/qInfo/qWarning/
// qCritical line through the Redactor before the previous handler prints it.
void installRedactingMessageHandler();

} // namespace Sb
