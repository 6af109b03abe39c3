// SPDX-License-Identifier: MIT
// Why QJsonDocument: HAR is plain JSON and QtCore's parser is fast, strict and already linked.
// It is never given the whole file, though: a small structural walk (exports/json_skeleton.h)
// delimits each entry and QJsonDocument parses one entry at a time. A multi-gigabyte "save all as
// HAR with content" export then needs memory for one entry, each problem is located at its entry's
// byte offset, and a file cut short (a browser killed while saving) keeps the entries before the cut.
#include "formats/har_reader.h"

#include "formats/exports/export_connections.h"
#include "formats/exports/har_entry.h"
#include "formats/exports/json_skeleton.h"
#include "formats/text_scan.h"
#include "model/string_pool.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <set>

namespace hs {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::size_t bomLength(std::string_view bytes) noexcept
{
    return text::startsWith(bytes, kBom) ? kBom.size() : 0;
}

// Member names compare decoded: "\u006cog" is "log" too.
bool keyIs(std::string_view raw, std::string_view name)
{
    return raw.find('\\') == std::string_view::npos ? raw == name : json::decodeString(raw) == name;
}

std::string utf8(const QString &s)
{
    const QByteArray b = s.toUtf8();
    return std::string(b.constData(), static_cast<std::size_t>(b.size()));
}

// Line numbers for offsets that mostly grow (entries are visited in file order).
class LineCounter {
public:
    explicit LineCounter(std::string_view text) : text_(text) {}
    std::uint64_t lineAt(std::size_t offset)
    {
        offset = std::min(offset, text_.size());
        if (offset < offset_) {
            offset_ = 0;
            line_ = 1;
        }
        line_ += static_cast<std::uint64_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(offset_),
                                                       text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
        offset_ = offset;
        return line_;
    }

private:
    std::string_view text_;
    std::size_t offset_ = 0;
    std::uint64_t line_ = 1;
};

// A value the skeleton delimited, parsed on its own. Scalars are wrapped in an array because
// QJsonDocument only takes an object or an array at the top.
QJsonValue parseSpan(std::string_view text, QJsonParseError &error)
{
    const char first = text.empty() ? '\0' : text.front();
    if (first == '{' || first == '[') {
        const QJsonDocument doc =
            QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), static_cast<qsizetype>(text.size())), &error);
        if (error.error != QJsonParseError::NoError)
            return QJsonValue(QJsonValue::Undefined);
        return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    }
    QByteArray wrapped;
    wrapped.reserve(static_cast<qsizetype>(text.size()) + 2);
    wrapped.append('[').append(text.data(), static_cast<qsizetype>(text.size())).append(']');
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError) {
        error.offset = std::max<int>(0, error.offset - 1);
        return QJsonValue(QJsonValue::Undefined);
    }
    return doc.array().at(0);
}

std::string nameAndVersion(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    std::string s = utf8(o.value(QLatin1String("name")).toString());
    const std::string version = utf8(o.value(QLatin1String("version")).toString());
    if (!version.empty())
        s += (s.empty() ? "" : " ") + version;
    return s;
}

class HarRead {
public:
    explicit HarRead(ReadContext &ctx)
        : ctx_(ctx), src_(ctx.source), cap_(freshCapture(ctx.source)), bytes_(ctx.source.bytes.view()),
          skeleton_(bytes_), lines_(bytes_), cache_(ctx.strings),
          converter_(cache_, cap_.headArena, ctx.options.headArenaBudget, pageIds_)
    {
    }

    void run()
    {
        CaptureData &cap = cap_;
        const std::size_t start = skeleton_.skipWhitespace(bomLength(bytes_));
        json::ScanError error;
        std::size_t end = 0;
        const bool ok = skeleton_.forEachMember(
            start,
            [&](std::string_view key, std::size_t begin, std::size_t &valueEnd, json::ScanError &e) {
                if (!keyIs(key, "log"))
                    return skeleton_.skipValue(begin, valueEnd, e);
                sawLog_ = true;
                logIsObject_ = bytes_[begin] == '{';
                if (!logIsObject_) {
                    problem(ProblemLevel::Error, "har-structure", begin, "\"log\" is not an object");
                    return skeleton_.skipValue(begin, valueEnd, e);
                }
                return skeleton_.forEachMember(
                    begin,
                    [&](std::string_view logKey, std::size_t b, std::size_t &ve, json::ScanError &le) {
                        return logMember(logKey, b, ve, le);
                    },
                    valueEnd, e);
            },
            end, error);
        if (stopped_) {
            problem(ProblemLevel::Note, "stopped", Problem::kNoOffset,
                    "reading was stopped after " + std::to_string(cap.packets) + " entries");
        } else if (!ok) {
            problem(ProblemLevel::Error, "json", error.offset,
                    "invalid JSON at byte " + std::to_string(error.offset) + ": " + error.message +
                        (cap.packets ? "; the " + std::to_string(cap.packets) + " entries before it are kept"
                                     : std::string()));
        } else {
            if (!sawLog_)
                problem(ProblemLevel::Error, "har-structure", start, "no \"log\" object: not a HAR file");
            else if (logIsObject_ && !sawEntries_)
                problem(ProblemLevel::Error, "har-structure", start, "\"log\" has no \"entries\" array");
            const std::size_t rest = skeleton_.skipWhitespace(end);
            if (rest < bytes_.size())
                problem(ProblemLevel::Note, "trailing-data", rest,
                        std::to_string(bytes_.size() - rest) + " bytes after the end of the JSON text are ignored");
        }
        finish(ok && !stopped_);
    }

private:
    static CaptureData &freshCapture(Source &src)
    {
        src.capture = std::make_unique<CaptureData>();
        return *src.capture;
    }

    // offset == Problem::kNoOffset: a problem of the whole file.
    void problem(ProblemLevel level, std::string category, std::uint64_t offset, std::string message)
    {
        const bool located = offset <= bytes_.size();
        src_.problems.add(Problem{located ? lines_.lineAt(offset) : 0, located ? offset : Problem::kNoOffset, 0, level,
                                  std::move(category), std::move(message)});
    }

    bool logMember(std::string_view key, std::size_t begin, std::size_t &valueEnd, json::ScanError &error)
    {
        const std::string_view name = keyIs(key, "entries")   ? "entries"
                                      : keyIs(key, "version") ? "version"
                                      : keyIs(key, "creator") ? "creator"
                                      : keyIs(key, "browser") ? "browser"
                                      : keyIs(key, "pages")   ? "pages"
                                                              : std::string_view();
        if (name == "entries") {
            sawEntries_ = true;
            if (bytes_[begin] != '[') {
                problem(ProblemLevel::Error, "har-structure", begin, "\"log.entries\" is not an array");
                return skeleton_.skipValue(begin, valueEnd, error);
            }
            return skeleton_.forEachElement(
                begin,
                [&](std::size_t index, std::size_t b, std::size_t &ve, json::ScanError &e) {
                    return entry(index, b, ve, e);
                },
                valueEnd, error);
        }
        json::Span span;
        if (!skeleton_.value(begin, span, error))
            return false;
        valueEnd = span.end;
        if (name.empty())
            return true;
        QJsonParseError parseError{};
        const QJsonValue v = parseSpan(bytes_.substr(span.begin, span.size()), parseError);
        if (v.isUndefined()) {
            problem(ProblemLevel::Warning, "json", span.begin + static_cast<std::size_t>(parseError.offset),
                    "invalid JSON in \"log." + std::string(name) + "\": " + utf8(parseError.errorString()));
            return true;
        }
        if (name == "version") {
            version_ = utf8(v.toString());
        } else if (name == "creator") {
            creator_ = nameAndVersion(v);
        } else if (name == "browser") {
            browser_ = nameAndVersion(v);
        } else {
            const QJsonArray pages = v.toArray();
            for (const QJsonValue page : pages)
                if (const QJsonValue id = page.toObject().value(QLatin1String("id")); id.isString())
                    pageIds_.insert(utf8(id.toString()));
            pageCount_ = static_cast<std::size_t>(pages.size());
        }
        return true;
    }

    bool entry(std::size_t index, std::size_t begin, std::size_t &valueEnd, json::ScanError &error)
    {
        if (ctx_.cancel.stopRequested()) {
            stopped_ = true;
            error = {begin, "stopped"};
            return false;
        }
        json::Span span;
        if (!skeleton_.value(begin, span, error))
            return false;
        valueEnd = span.end;
        CaptureData &cap = cap_;
        ++cap.packets;
        ctx_.progress.addBytes(span.end - progressMark_);
        progressMark_ = span.end;
        const HarEntryLocation where{index + 1, span.begin, lines_.lineAt(span.begin)};
        if (bytes_[span.begin] != '{') {
            src_.problems.add(Problem{where.line, where.offset, where.number, ProblemLevel::Warning, "entry-field",
                                      "entry " + std::to_string(where.number) + " is not an object; skipped"});
            return true;
        }
        QJsonParseError parseError{};
        const QJsonValue v = parseSpan(bytes_.substr(span.begin, span.size()), parseError);
        if (!v.isObject()) {
            const std::size_t at = span.begin + static_cast<std::size_t>(parseError.offset);
            src_.problems.add(Problem{lines_.lineAt(at), at, where.number, ProblemLevel::Warning, "json",
                                      "entry " + std::to_string(where.number) + ": invalid JSON at byte " +
                                          std::to_string(at) + ": " + utf8(parseError.errorString()) +
                                          "; entry skipped"});
            return true;
        }
        HarEntry e;
        if (!converter_.convert(v.toObject(), where, e, src_.problems))
            return true;
        ExportItem item;
        item.tx = std::move(e.tx);
        item.server = Endpoint{e.serverIp, e.serverPort};
        item.groupKey = std::move(e.connectionId);
        item.numericId = e.numericConnectionId;
        item.upgraded = e.upgraded;
        item.firstTime = e.firstTime;
        item.lastTime = e.lastTime;
        item.number = where.number;
        items_.push_back(std::move(item));
        return true;
    }

    void finish(bool completed)
    {
        CaptureData &cap = cap_;
        for (const ExportItem &item : items_) {
            const Transaction &t = item.tx;
            cap.httpRequests += t.hasRequest ? 1 : 0;
            cap.httpResponses += t.hasResponse ? 1 : 0;
            cap.httpInterim += t.interims.size();
            src_.widenTimeRange(item.firstTime);
            src_.widenTimeRange(item.lastTime);
        }
        src_.records = items_.size();
        buildExportConnections(std::move(items_), cap);
        cap.application = creator_;
        std::string variant = "HAR " + (version_.empty() ? std::string("(no version)") : version_);
        if (!browser_.empty() && browser_ != creator_)
            variant += ", browser " + browser_;
        if (pageCount_)
            variant += ", " + std::to_string(pageCount_) + (pageCount_ == 1 ? " page" : " pages");
        src_.formatVariant = std::move(variant);
        ctx_.progress.addBytes(bytes_.size() > progressMark_ ? bytes_.size() - progressMark_ : 0);
        src_.readCompleted = completed;
        src_.problems.sortByLocation();
    }

    ReadContext &ctx_;
    Source &src_;
    CaptureData &cap_;
    std::string_view bytes_;
    json::Skeleton skeleton_;
    LineCounter lines_;
    InternCache cache_;
    std::set<std::string> pageIds_;
    HarEntryConverter converter_;
    std::vector<ExportItem> items_;
    std::string version_, creator_, browser_;
    std::size_t pageCount_ = 0;
    std::size_t progressMark_ = 0;
    bool sawLog_ = false, logIsObject_ = false, sawEntries_ = false, stopped_ = false;
};

} // namespace

std::string_view HarReader::recognisedBy() const
{
    return "JSON text whose top-level object holds a \"log\" object with \"entries\" (HTTP Archive 1.2; "
           "UTF-8 with or without BOM)";
}

SniffResult HarReader::sniff(const SniffInput &input) const
{
    const std::string_view head = input.head;
    const json::Skeleton skeleton(head);
    std::size_t pos = skeleton.skipWhitespace(bomLength(head));
    if (pos >= head.size() || head[pos] != '{')
        return SniffResult::notMine("does not start with a JSON object");
    // The top-level object of a HAR has one member, "log"; look for it near the start.
    const std::string_view window = head.substr(pos, 4096);
    std::size_t at = window.find("\"log\"");
    bool logObject = false, logMember = false;
    while (at != std::string_view::npos && !logObject) {
        std::size_t p = skeleton.skipWhitespace(pos + at + 5);
        if (p < head.size() && head[p] == ':') {
            logMember = true;
            p = skeleton.skipWhitespace(p + 1);
            logObject = p < head.size() && head[p] == '{';
        }
        at = window.find("\"log\"", at + 5);
    }
    if (!logMember)
        return SniffResult::notMine("JSON object without a \"log\" member near the start");
    // A "log" that is not an object is a damaged HAR: taking it lets the reader say what is wrong.
    if (!logObject)
        return SniffResult::mine(40, "JSON with a \"log\" member that is not an object");
    if (head.find("\"entries\"") != std::string_view::npos)
        return SniffResult::mine(100, "JSON with log.entries");
    if (head.find("\"creator\"") != std::string_view::npos || head.find("\"version\"") != std::string_view::npos)
        return SniffResult::mine(60, "JSON with a HAR log header; entries beyond the first 64 KiB");
    return SniffResult::notMine("JSON \"log\" object without HAR members (creator, version, entries)");
}

void HarReader::read(ReadContext &ctx) const
{
    HarRead(ctx).run();
}

} // namespace hs
