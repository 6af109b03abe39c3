// SPDX-License-Identifier: MIT
#include "kb/samples/sample_analysis.h"

#include "formats/registry.h"
#include "formats/text_scan.h"
#include "kb/samples/capture_script.h"
#include "stats/summaries.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"
#include "tasks/task_pool.h"

#include <cstdlib>

namespace hs::kb {
namespace {

std::unique_ptr<Source> logSource(const std::vector<std::string> &lines, FormatId format, std::string path)
{
    std::vector<char> bytes;
    for (const auto &l : lines) {
        bytes.insert(bytes.end(), l.begin(), l.end());
        bytes.push_back('\r'); // IIS and HTTP.sys write CRLF
        bytes.push_back('\n');
    }
    auto src = std::make_unique<Source>();
    src->path = std::move(path);
    src->format = format;
    src->fileSize = bytes.size();
    src->bytes = ByteBuffer::fromOwned(std::move(bytes));
    return src;
}

// The same merge analyze() performs after reading: ids rebased into the analysis' vectors.
void joinCapture(Analysis &a, Source &src)
{
    CaptureData &c = *src.capture;
    const auto connBase = static_cast<std::uint32_t>(a.connections.size());
    const auto txBase = static_cast<std::uint32_t>(a.transactions.size());
    c.firstConnection = connBase;
    c.connectionCount = static_cast<std::uint32_t>(c.connections.size());
    c.firstTransaction = txBase;
    c.transactionCount = static_cast<std::uint32_t>(c.transactions.size());
    for (auto &conn : c.connections) {
        conn.id = ConnectionId(static_cast<std::uint32_t>(a.connections.size()));
        conn.source = src.id;
        conn.firstTransaction += txBase;
        a.connections.push_back(std::move(conn));
    }
    for (auto &t : c.transactions) {
        t.id = TransactionId(static_cast<std::uint32_t>(a.transactions.size()));
        if (t.connection.valid())
            t.connection = ConnectionId(t.connection.value + connBase);
        t.source = src.id;
        a.transactions.push_back(std::move(t));
    }
    c.connections.clear();
    c.transactions.clear();
}

std::string twoDigits(unsigned v)
{
    return std::string(1, static_cast<char>('0' + v / 10 % 10)) + static_cast<char>('0' + v % 10);
}

std::string substituteK(std::string_view line, std::uint64_t k)
{
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line.substr(i, 2) == "{k") {
            const auto close = line.find('}', i);
            if (close != std::string_view::npos) {
                std::uint64_t base = 0;
                const std::string_view inner = line.substr(i + 2, close - i - 2);
                if (inner.empty() || (inner[0] == '+' && text::parseUnsigned(inner.substr(1), base))) {
                    out += std::to_string(base + k);
                    i = close;
                    continue;
                }
            }
        }
        out += line[i];
    }
    return out;
}

} // namespace

std::optional<std::vector<std::string>> expandLogLines(const std::vector<std::string> &lines, std::string &error)
{
    std::vector<std::string> out;
    for (const std::string &line : lines) {
        if (!text::startsWith(line, "@repeat ")) {
            out.push_back(line);
            continue;
        }
        // @repeat N every S <date> <time> <rest>
        std::vector<std::string_view> parts;
        std::string_view rest = line;
        for (int field = 0; field < 6; ++field) {
            const auto space = rest.find(' ');
            if (space == std::string_view::npos) {
                error = "'" + line + "': expected '@repeat N every SECONDS DATE TIME …'";
                return std::nullopt;
            }
            parts.push_back(rest.substr(0, space));
            rest.remove_prefix(space + 1);
        }
        std::uint64_t n = 0;
        double every = 0;
        const std::string everyText(parts[3]);
        char *end = nullptr;
        every = std::strtod(everyText.c_str(), &end);
        const auto day = text::parseIsoDate(parts[4]);
        const auto tod = text::parseTimeOfDay(parts[5]);
        if (!text::parseUnsigned(parts[1], n) || n == 0 || n > 200000 || parts[2] != "every" ||
            end == everyText.c_str() || *end != '\0' || every < 0 || !day || !tod) {
            error = "'" + line + "': expected '@repeat N every SECONDS DATE TIME …' (N ≤ 200000)";
            return std::nullopt;
        }
        const TimeUs base = *day * kUsPerDay + tod->micros;
        for (std::uint64_t k = 0; k < n; ++k) {
            const TimeUs t =
                base + static_cast<TimeUs>(static_cast<double>(k) * every * static_cast<double>(kUsPerSecond));
            const CivilTime c = toCivil(t);
            std::string expanded = std::to_string(c.year) + "-" + twoDigits(c.month) + "-" + twoDigits(c.day) + " " +
                                   twoDigits(c.hour) + ":" + twoDigits(c.minute) + ":" + twoDigits(c.second) + " ";
            expanded += substituteK(rest, k);
            out.push_back(std::move(expanded));
        }
    }
    return out;
}

std::unique_ptr<Analysis> buildSampleAnalysis(const Sample &sample, std::string &error)
{
    auto a = std::make_unique<Analysis>();
    std::vector<std::unique_ptr<Source>> logs;
    const auto w3c = expandLogLines(sample.w3c, error);
    const auto httperr = expandLogLines(sample.httperr, error);
    if (!w3c || !httperr)
        return nullptr;
    if (!w3c->empty())
        logs.push_back(logSource(*w3c, FormatId::W3c, "W3SVC1/u_ex.log"));
    if (!httperr->empty())
        logs.push_back(logSource(*httperr, FormatId::HttpErr, "HTTPERR/httperr1.log"));
    const FormatRegistry registry = FormatRegistry::createDefault();
    TaskPool pool(1);
    CancelToken cancel;
    Progress progress;
    ReadOptions readOptions;
    for (auto &src : logs) {
        src->id = SourceId(static_cast<std::uint32_t>(a->sources.size()));
        ReadContext ctx{*src, *a->strings, cancel, progress, pool, readOptions};
        if (const FormatReader *reader = registry.reader(src->format))
            reader->read(ctx);
        a->sources.push_back(std::move(src));
    }
    if (!sample.capture.empty()) {
        ScriptError err;
        const auto script = parseCaptureScript(sample.capture, err);
        if (!script) {
            error = "capture line " + std::to_string(err.line + 1) + ": " + err.message;
            return nullptr;
        }
        for (const ScriptSource &ss : script->sources) {
            auto data = buildCaptureData(ss, *a->strings, err);
            if (!data) {
                error = err.message;
                return nullptr;
            }
            auto src = std::make_unique<Source>();
            src->id = SourceId(static_cast<std::uint32_t>(a->sources.size()));
            src->path = ss.name;
            src->format = ss.format;
            src->records = data->transactions.size();
            for (const auto &c : data->connections) {
                src->widenTimeRange(c.firstTime);
                src->widenTimeRange(c.lastTime);
            }
            src->readCompleted = true;
            src->capture = std::make_unique<CaptureData>(std::move(*data));
            a->sources.push_back(std::move(src));
            joinCapture(*a, *a->sources.back());
        }
    }
    computeSummaries(*a);
    return a;
}

} // namespace hs::kb
