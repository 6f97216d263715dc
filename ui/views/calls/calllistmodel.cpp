#include "calllistmodel.h"

#include <ui/frame/tone.h>
#include <ui/frame/when.h>

#include <core/common/continuation.h>
#include <core/numbering/phonenumberparser.h>
#include <core/store/asyncstore.h>
#include <core/store/callmerge.h>
#include <core/store/callstore.h>

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <algorithm>

namespace Sb::Ui {

namespace {
QString durationText(const std::optional<int> &seconds)
{
    if (!seconds)
        return {};
    return QStringLiteral("%1:%2").arg(*seconds / 60).arg(*seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

CallListModel::CallListModel(const ConsoleContext &context, QObject *parent)
    : QAbstractTableModel(parent)
    , m_context(context)
    , m_region(Numbering::PhoneNumberParser::configuredRegion())
{}

void CallListModel::setLoading(bool isLoading)
{
    if (m_isLoading == isLoading)
        return;
    m_isLoading = isLoading;
    emit loadingChanged(isLoading);
}

Store::CallSearch CallListModel::searchOf(const QString &text, const QString &region)
{
    Store::CallSearch search;
    const QString trimmed = text.trimmed();
    QString digits;
    bool hasLetters = false;
    for (const QChar c : trimmed) {
        if (c.isDigit())
            digits += c;
        else if (c.isLetter())
            hasLetters = true;
    }
    if (!hasLetters && digits.size() >= 3) {
        search.digits = digits;
        if (auto e164 = Numbering::PhoneNumberParser(region).toE164(trimmed))
            search.e164 = *e164;
        return search;
    }
    for (const QString &word : trimmed.split(u' ', Qt::SkipEmptyParts))
        search.words.append(word);
    return search;
}

void CallListModel::setSearch(const Store::CallSearch &search)
{
    m_search = search;
    if (!m_tenant)
        return;
    // Loading never blanks a list that had rows: the rows shown stay until the new search's
    // first page replaces them (a tenant switch, by contrast, empties the list at once).
    ++m_generation;
    m_isLoading = false;
    m_hasNewer = false;
    loadPage({}, Store::CallOrder::NewestFirst, [this](const QList<Store::CallRecord> &page) {
        beginResetModel();
        m_calls = page;
        m_isAtEnd = page.size() < kPageSize;
        endResetModel();
    });
}

void CallListModel::showTenant(const Store::TenantScope &tenant)
{
    m_tenant = tenant;
    reset();
    fetchMore({});
}

void CallListModel::reset()
{
    beginResetModel();
    m_calls.clear();
    m_isAtEnd = false;
    m_hasNewer = false;
    ++m_generation;
    m_isLoading = false;
    endResetModel();
}

void CallListModel::showNewest()
{
    if (m_tenant)
        showTenant(*m_tenant);
}

void CallListModel::showOldest()
{
    if (!m_tenant)
        return;
    reset();
    m_isAtEnd = true;
    loadPage({}, Store::CallOrder::OldestFirst, [this](QList<Store::CallRecord> page) {
        m_hasNewer = page.size() == kPageSize;
        std::reverse(page.begin(), page.end()); // shown newest first, the oldest last
        if (!page.isEmpty()) {
            beginInsertRows({}, 0, int(page.size() - 1));
            m_calls = page;
            endInsertRows();
        }
    });
}

bool CallListModel::canFetchNewer() const
{
    return m_tenant && m_hasNewer && !m_isLoading && !m_calls.isEmpty();
}

void CallListModel::fetchNewer()
{
    if (!canFetchNewer())
        return;
    const Store::CallCursor after{m_calls.first().startedAt, m_calls.first().id};
    loadPage(after, Store::CallOrder::OldestFirst, [this](QList<Store::CallRecord> page) {
        m_hasNewer = page.size() == kPageSize;
        std::reverse(page.begin(), page.end());
        if (!page.isEmpty()) {
            beginInsertRows({}, 0, int(page.size() - 1));
            m_calls = page + m_calls;
            endInsertRows();
            emit newerInserted(int(page.size()));
        }
        // The window moves: what went out of it at the far end is read again when wanted.
        if (m_calls.size() > kMaxRows) {
            beginRemoveRows({}, kMaxRows, int(m_calls.size() - 1));
            m_calls.resize(kMaxRows);
            endRemoveRows();
            m_isAtEnd = false;
        }
    });
}

bool CallListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_tenant && !m_isAtEnd && !m_isLoading && m_calls.size() < kMaxRows;
}

void CallListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Store::CallCursor after;
    if (!m_calls.isEmpty())
        after = {m_calls.last().startedAt, m_calls.last().id};
    loadPage(after, Store::CallOrder::NewestFirst, [this](const QList<Store::CallRecord> &page) {
        if (page.size() < kPageSize)
            m_isAtEnd = true;
        if (!page.isEmpty()) {
            beginInsertRows({}, int(m_calls.size()), int(m_calls.size() + page.size() - 1));
            m_calls.append(page);
            endInsertRows();
        }
    });
}

void CallListModel::loadPage(const Store::CallCursor &after,
                             Store::CallOrder order,
                             std::function<void(QList<Store::CallRecord>)> apply)
{
    setLoading(true);
    const quint64 generation = m_generation;
    auto page =
        Store::AsyncStore<Store::CallStore>(m_context.database)
            .call(&Store::CallStore::search, *m_tenant, m_search, after, int(kPageSize), order);
    onFinished(this,
               std::move(page),
               [this, generation, apply = std::move(apply)](Result<QList<Store::CallRecord>> page) {
                   if (generation != m_generation)
                       return; // another tenant or search since
                   setLoading(false);
                   if (!page) {
                       emit loadFailed(page.error().message);
                       return;
                   }
                   apply(*page);
                   emit loaded();
               });
}

void CallListModel::refresh()
{
    if (!m_tenant)
        return;
    if (m_calls.isEmpty()) {
        m_isAtEnd = false;
        fetchMore({});
        return;
    }
    const quint64 generation = m_generation;
    auto page = Store::AsyncStore<Store::CallStore>(m_context.database)
                    .call(&Store::CallStore::search,
                          *m_tenant,
                          m_search,
                          Store::CallCursor{},
                          int(kPageSize),
                          Store::CallOrder::NewestFirst);
    onFinished(this, std::move(page), [this, generation](Result<QList<Store::CallRecord>> page) {
        if (generation != m_generation)
            return;
        if (!page) {
            emit loadFailed(page.error().message);
            return;
        }
        merge(*page);
        emit loaded();
    });
}

void CallListModel::recheck(CallId id)
{
    if (!m_tenant || rowOf(id) < 0)
        return;
    const quint64 generation = m_generation;
    auto call = Store::AsyncStore<Store::CallStore>(m_context.database)
                    .call(&Store::CallStore::call, *m_tenant, id);
    onFinished(this, std::move(call), [this, generation, id](Result<Store::CallRecord> call) {
        const int row = rowOf(id);
        if (generation != m_generation || row < 0)
            return;
        if (call) {
            merge({*call});
            return;
        }
        if (call.error().code != ErrorCode::NotFound) {
            emit loadFailed(call.error().message);
            return;
        }
        const Store::CallRecord gone = m_calls.at(row);
        beginRemoveRows({}, row, row);
        m_calls.removeAt(row);
        endRemoveRows();
        emit callRemoved(gone);
    });
}

// New calls go on top in one insertion; calls already shown change in place (a report completed
// them). Rows never move, so the selection and the scroll position stay.
void CallListModel::merge(const QList<Store::CallRecord> &newest)
{
    QList<Store::CallRecord> fresh;
    for (const Store::CallRecord &call : newest) {
        const int row = rowOf(call.id);
        if (row >= 0) {
            if (!(m_calls.at(row) == call)) {
                m_calls[row] = call;
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            continue;
        }
        const bool isNewer = m_calls.isEmpty() || call.startedAt > m_calls.first().startedAt
            || (call.startedAt == m_calls.first().startedAt
                && call.id.value() > m_calls.first().id.value());
        if (isNewer)
            fresh.append(call);
    }
    // Away from the top (after showOldest) new calls are not next to the rows shown: they come
    // with the pages above.
    if (fresh.isEmpty() || m_hasNewer)
        return;
    beginInsertRows({}, 0, int(fresh.size() - 1));
    m_calls = fresh + m_calls;
    endInsertRows();
}

const Store::CallRecord *CallListModel::callAt(int row) const
{
    return row >= 0 && row < m_calls.size() ? &m_calls.at(row) : nullptr;
}

int CallListModel::rowOf(CallId id) const
{
    for (qsizetype row = 0; row < m_calls.size(); ++row) {
        if (m_calls.at(row).id == id)
            return int(row);
    }
    return -1;
}

QString CallListModel::outcomeOf(const Store::CallRecord &call)
{
    // As the outcome filter and the dashboard sort them (CallSearchQuery::outcomeCondition).
    if (call.endedReason == u"assistant-forwarded-call")
        return tr("Transferred");
    if (call.status == u"completed")
        return call.vapiCallId.isEmpty() ? tr("Answered") : tr("Assistant");
    if (call.status == u"no-answer")
        return tr("No answer");
    if (call.status == u"busy")
        return tr("Busy");
    if (call.status == u"failed")
        return tr("Failed");
    if (call.status == u"canceled")
        return tr("Hung up");
    if (call.status == u"in-progress")
        return tr("In progress");
    if (call.status == u"ringing" || call.status == u"queued" || call.status == u"initiated")
        return tr("Ringing");
    return call.status;
}

int CallListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_calls.size());
}

int CallListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallListModel::data(const QModelIndex &index, int role) const
{
    const Store::CallRecord *call = callAt(index.row());
    if (!call)
        return {};
    if (role == CallIdRole)
        return call->id.value();
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case TimeColumn:
            return shortWhen(call->startedAt);
        case DirectionColumn:
            return call->isInbound ? QStringLiteral("↙") : QStringLiteral("↗");
        case CounterpartColumn:
            return Numbering::PhoneNumberParser::formatForRegion(call->counterpartE164, m_region);
        case NameColumn:
            return call->counterpartName;
        case OurNumberColumn:
            return Numbering::PhoneNumberParser::formatForRegion(
                call->isInbound ? call->toE164 : call->fromE164, m_region);
        case DurationColumn:
            // A call nobody answered has no length worth showing.
            return call->durationSeconds.value_or(0) > 0 ? durationText(call->durationSeconds)
                                                         : QString();
        case OutcomeColumn:
            return outcomeOf(*call);
        case SummaryColumn:
            // What the assistant made of it, to scan the list by; recordings marked.
            return (call->recordingUrl.isEmpty() ? QString() : QStringLiteral("▶ "))
                + call->summary;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == DirectionColumn)
            return call->isInbound ? tr("Incoming call") : tr("Outgoing call");
        if (column == TimeColumn)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(call->startedAt),
                                      QLocale::LongFormat);
        if (column == SummaryColumn && !call->summary.isEmpty())
            return call->summary;
        if (column == OutcomeColumn && !call->endedReason.isEmpty())
            return call->endedReason;
    }
    if (role == Qt::AccessibleTextRole && column == DirectionColumn)
        return call->isInbound ? tr("Incoming") : tr("Outgoing");
    if (role == Qt::ForegroundRole && column == OutcomeColumn) {
        // A short coloured word; the word itself says it too.
        if (call->status == u"completed")
            return toneColour(Tone::Good, QGuiApplication::palette());
        if (Store::CallMerge::statusRank(call->status) == Store::CallMerge::kFinalRank)
            return toneColour(Tone::Bad, QGuiApplication::palette());
        return QGuiApplication::palette().color(QPalette::PlaceholderText);
    }
    if (role == Qt::TextAlignmentRole && (column == DurationColumn || column == TimeColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CallListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return QString();
    case CounterpartColumn:
        return tr("Who");
    case NameColumn:
        return tr("Name");
    case OurNumberColumn:
        return tr("Line");
    case DurationColumn:
        return tr("Length");
    case OutcomeColumn:
        return tr("Outcome");
    case SummaryColumn:
        return tr("Summary");
    default:
        return {};
    }
}

} // namespace Sb::Ui
