#include "redactor.h"

#include <QCoreApplication>
#include <QMutexLocker>

#include <algorithm>

namespace Sb {

namespace {
// Shorter values would mask ordinary words; no credential we hold is that short.
constexpr int kMinimumRememberedLength = 6;
QtMessageHandler s_previousHandler = nullptr;
// Set once the application object is gone: Qt's regular-expression engine may be torn down
// by then, so only the literal masking of known secrets still runs.
QBasicAtomicInt s_shapesUnavailable = Q_BASIC_ATOMIC_INITIALIZER(0);

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString redacted = Redactor::instance().redact(message);
    if (s_previousHandler)
        s_previousHandler(type, context, redacted);
}
} // namespace

Redactor &Redactor::instance()
{
    // Never destroyed: Qt still logs while static objects are torn down at exit.
    static Redactor *const redactor = new Redactor;
    return *redactor;
}

Redactor::Redactor()
{
    const auto add = [this](const char *pattern, const char *replacement) {
        m_shapes.push_back({QRegularExpression(QString::fromLatin1(pattern),
                                               QRegularExpression::CaseInsensitiveOption),
                            QString::fromLatin1(replacement)});
    };
    // Header lines first: they also cover the bearer/basic credentials they carry.
    add(R"(\b((?:proxy-)?authorization|cookie|set-cookie|x-twilio-signature|x-vapi-secret|verification-token)(\s*[:=]\s*)[^\r\n]+)",
        "\\1\\2<redacted>");
    add(R"(\b(bearer|basic|zoho-oauthtoken)\s+[A-Za-z0-9._~+/=-]{6,})", "\\1 <redacted>");
    add(R"((["']?\b(?:access_token|refresh_token|id_token|client_secret|auth_token|authtoken|code_verifier|password|passphrase|secret|api_key|apikey|private_key|token)\b["']?\s*[:=]\s*["']?)[^"'&\s,;}]+)",
        "\\1<redacted>");
    add(R"(\b1000\.[0-9a-f]{32}\.[0-9a-f]{32}\b)", "<redacted>"); // Zoho tokens
    add(R"(\b[0-9a-f]{32}\b)", "<redacted>"); // Twilio auth tokens
}

void Redactor::remember(const QByteArray &secret)
{
    if (secret.size() < kMinimumRememberedLength)
        return;
    const QString text = QString::fromUtf8(secret);
    QMutexLocker locker(&m_mutex);
    if (m_known.contains(text))
        return;
    const auto position = std::lower_bound(
        m_known.begin(), m_known.end(), text, [](const QString &a, const QString &b) {
            return a.size() > b.size();
        });
    m_known.insert(position, text);
}

QString Redactor::redact(const QString &text) const
{
    QString result = text;
    {
        QMutexLocker locker(&m_mutex);
        for (const QString &secret : std::as_const(m_known))
            result.replace(secret, mask());
    }
    if (s_shapesUnavailable.loadRelaxed())
        return result;
    for (const Shape &shape : m_shapes)
        result.replace(shape.pattern, shape.replacement);
    return result;
}

void installRedactingMessageHandler()
{
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    s_previousHandler = qInstallMessageHandler(redactingHandler);
    qAddPostRoutine([] { s_shapesUnavailable.storeRelaxed(1); });
}

} // namespace Sb
