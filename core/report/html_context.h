// SPDX-License-Identifier: MIT
// Shared state of one report being written, and the small helpers every section uses. Internal to
// core/report: the public entry point is html_report.h.
//
// Rule for section code: a value from a log or capture is written only through text()/the
// redaction-aware accessors below, never appended raw.
#pragma once

#include "model/analysis.h"
#include "report/html_escape.h"
#include "report/html_report.h"
#include "report/redact.h"
#include "stats/timeline.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hs::html {

struct Context {
    Context(const Analysis &analysis, const HtmlOptions &options, std::string &output, Redactor *redact)
        : a(analysis), o(options), out(output), redactor(redact)
    {
    }

    const Analysis &a;
    const HtmlOptions &o;
    std::string &out;
    Redactor *redactor = nullptr;
    std::vector<std::size_t> findingOrder;  // display position -> index into a.findings
    std::vector<std::size_t> findingNumber; // index into a.findings -> 1-based display number

    // --- writing -----------------------------------------------------------------------------------
    Context &raw(std::string_view markup)
    {
        out.append(markup);
        return *this;
    }
    Context &text(std::string_view value, std::size_t maxChars = kNoLimit)
    {
        appendEscaped(out, value, maxChars);
        return *this;
    }
    Context &logText(std::string_view value) { return text(value, o.maxTextChars); }
    Context &count(std::uint64_t n); // "12,345"
    // <td class="n" data-v="n">12,345</td>
    Context &countCell(std::uint64_t n);
    Context &timeCell(TimeUs t);

    // --- values that may carry personal data: redacted when a Redactor is set ------------------------
    std::string sourcePath(SourceId id);
    std::string path(std::string_view p);
    std::string client(std::string_view address);
    std::string connectionKey(std::string_view key);
    std::string uri(std::string_view uri);
    std::string freeText(std::string_view text);
    std::string evidenceText(const Evidence &e);
    std::string headerBlock(std::string_view raw);

    // The timeline strip and the activity chart usually cover the same range: one pass over the
    // records serves both (at 5 M records a pass is ~0.1 s).
    const stats::Activity &activity(TimeUs from, TimeUs to)
    {
        if (!activityCache_ || activityFrom_ != from || activityTo_ != to) {
            activityCache_ = std::make_unique<stats::Activity>(stats::activity(a, from, to, o.maxChartBuckets));
            activityFrom_ = from;
            activityTo_ = to;
        }
        return *activityCache_;
    }

    const Source *source(SourceId id) const noexcept
    {
        return id.valid() && id.value < a.sources.size() ? a.sources[id.value].get() : nullptr;
    }

private:
    std::unique_ptr<stats::Activity> activityCache_;
    TimeUs activityFrom_ = kNoTime, activityTo_ = kNoTime;
};

std::string timeText(TimeUs t); // "2026-11-21 10:00:01" or "—"
std::string rangeText(TimeUs first, TimeUs last);
std::string plural(std::uint64_t n, std::string_view one, std::string_view many);
std::string_view timeBasisText(TimeBasis basis) noexcept;

// Sections, in report order.
void writeHeader(Context &c);
void writeFindings(Context &c);
void writeCharts(Context &c);
void writeReasons(Context &c);
void writeSources(Context &c);

} // namespace hs::html
