// SPDX-License-Identifier: MIT
#include "report/html_report.h"

#include "formats/text_scan.h"
#include "httpsleuth/version.h"
#include "report/html_assets.h"
#include "report/html_context.h"
#include "report/html_csp.h"

#include <algorithm>
#include <chrono>
#include <numeric>

namespace hs {
namespace html {

Context &Context::count(std::uint64_t n)
{
    out += text::groupThousands(n);
    return *this;
}

Context &Context::countCell(std::uint64_t n)
{
    out += "<td class=\"n\" data-v=\"" + std::to_string(n) + "\">";
    count(n);
    out += "</td>";
    return *this;
}

Context &Context::timeCell(TimeUs t)
{
    out += "<td class=\"mono\" data-v=\"";
    out += t == kNoTime ? std::string("-1e300") : std::to_string(t);
    out += "\">";
    text(timeText(t));
    out += "</td>";
    return *this;
}

std::string Context::sourcePath(SourceId id)
{
    const Source *s = source(id);
    return s ? path(s->path) : std::string("(unknown source)");
}

std::string Context::path(std::string_view p)
{
    return redactor ? redactor->text(p) : std::string(p);
}

std::string Context::client(std::string_view address)
{
    return redactor ? redactor->client(address) : std::string(address);
}

std::string Context::connectionKey(std::string_view key)
{
    return redactor ? redactor->connectionKey(key) : std::string(key);
}

std::string Context::uri(std::string_view u)
{
    return redactor ? redactor->uri(u) : std::string(u);
}

std::string Context::freeText(std::string_view t)
{
    return redactor ? redactor->text(t) : std::string(t);
}

std::string Context::headerBlock(std::string_view raw)
{
    return redactor ? redactor->text(raw) : std::string(raw);
}

std::string Context::evidenceText(const Evidence &e)
{
    if (!redactor)
        return e.text;
    const Source *s = source(e.source);
    if (s && e.line && s->log)
        return redactor->logLine(*s, e.line, e.text);
    return redactor->text(e.text);
}

std::string timeText(TimeUs t)
{
    return t == kNoTime ? std::string("\xE2\x80\x94") : formatHuman(t);
}

std::string rangeText(TimeUs first, TimeUs last)
{
    if (first == kNoTime && last == kNoTime)
        return "no timed records";
    if (first == kNoTime || last == kNoTime || first == last)
        return timeText(first != kNoTime ? first : last);
    std::string s = timeText(first) + " \xE2\x80\x93 ";
    const std::string a = formatHuman(first), b = formatHuman(last);
    // Same day: the second time without its date.
    if (a.size() > 11 && b.size() > 11 && a.compare(0, 10, b, 0, 10) == 0)
        s += b.substr(11);
    else
        s += b;
    return s + " (" + formatDuration(last - first) + ")";
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many)
{
    return text::groupThousands(n) + " " + std::string(n == 1 ? one : many);
}

std::string_view timeBasisText(TimeBasis basis) noexcept
{
    switch (basis) {
    case TimeBasis::Utc: return "UTC";
    case TimeBasis::LocalUnknown: return "server-local, offset unknown (read as UTC)";
    case TimeBasis::LocalGiven: return "server-local, converted with the given offset";
    case TimeBasis::InLine: return "offset in each line";
    }
    return "UTC";
}

namespace {

// Most severe first, then the more certain, then the earliest; stable for equal keys.
std::vector<std::size_t> displayOrder(const Analysis &a)
{
    std::vector<std::size_t> order(a.findings.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        const Finding &f = a.findings[x], &g = a.findings[y];
        if (f.severity != g.severity)
            return f.severity > g.severity;
        if (f.confidence != g.confidence)
            return f.confidence > g.confidence;
        const TimeUs tf = f.first == kNoTime ? std::numeric_limits<TimeUs>::max() : f.first;
        const TimeUs tg = g.first == kNoTime ? std::numeric_limits<TimeUs>::max() : g.first;
        return tf < tg;
    });
    return order;
}

void writeDocument(Context &c)
{
    const std::string_view style = reportStyle();
    const std::string_view script = c.o.includeScript ? reportScript() : std::string_view{};
    std::string title = c.o.title;
    if (title.empty())
        title = c.a.rootLabel.empty() ? std::string("HttpSleuth report")
                                      : "HttpSleuth report \xE2\x80\x94 " + c.a.rootLabel;
    title = c.path(title);

    c.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    c.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"");
    c.text(contentSecurityPolicy(style, script));
    c.raw("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n");
    c.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    c.raw("<meta name=\"color-scheme\" content=\"light dark\">\n");
    c.raw("<meta name=\"generator\" content=\"");
    c.text(std::string(kToolName) + " " + kVersion);
    c.raw("\">\n<title>");
    c.text(title, 200);
    c.raw("</title>\n<style>");
    c.raw(style);
    c.raw("</style>\n</head>\n<body>\n");

    writeHeader(c);
    c.raw("<main class=\"wrap\">\n");
    writeFindings(c);
    writeCharts(c);
    writeReasons(c);
    writeSources(c);

    const TimeUs now =
        c.o.generatedAt != kNoTime
            ? c.o.generatedAt
            : std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
                  .count();
    c.raw("<footer>Generated by ");
    c.text(std::string(kToolName) + " " + kVersion);
    c.raw(" on ");
    c.text(formatHuman(now / kUsPerSecond * kUsPerSecond));
    c.raw(" UTC. All times are UTC");
    c.raw(c.a.clockOffsets.empty() ? "." : ", capture clocks aligned to the logs as listed under Sources.");
    if (c.redactor)
        c.raw(" Redacted: client addresses are pseudonyms (client-1, client-2, \xE2\x80\xA6), cookies, query strings, "
              "user names and credentials were removed.");
    c.raw(" This file loads nothing from outside itself.</footer>\n</main>\n");
    if (!script.empty()) {
        c.raw("<script>");
        c.raw(script);
        c.raw("</script>\n");
    }
    c.raw("</body>\n</html>\n");
}

} // namespace
} // namespace html

std::string htmlReport(const Analysis &analysis, const HtmlOptions &options)
{
    std::string out;
    out.reserve(256 * 1024);
    html::Context c(analysis, options, out, options.redactor);
    c.findingOrder = html::displayOrder(analysis);
    c.findingNumber.assign(analysis.findings.size(), 0);
    for (std::size_t pos = 0; pos < c.findingOrder.size(); ++pos)
        c.findingNumber[c.findingOrder[pos]] = pos + 1;
    html::writeDocument(c);
    return out;
}

void writeHtmlReport(const Analysis &analysis, std::ostream &out, const HtmlOptions &options)
{
    const std::string html = htmlReport(analysis, options);
    out.write(html.data(), static_cast<std::streamsize>(html.size()));
}

} // namespace hs
