// SPDX-License-Identifier: MIT
#include "cli/cli_summary.h"

#include "formats/text_scan.h"

#include <iomanip>

namespace hs::cli {

void printSummary(const Analysis &a, std::ostream &out)
{
    out << "Sources (" << a.sources.size() << ")\n";
    for (const auto &s : a.sources) {
        out << "  " << text::toDisplayUtf8(s->path) << "  [" << formatName(s->format) << "]  ";
        if (s->capture)
            out << text::groupThousands(s->capture->packets)
                << (s->kind() == SourceKind::Capture ? " packets, " : " entries, ")
                << text::groupThousands(s->capture->connectionCount) << " connections, "
                << text::groupThousands(s->capture->httpRequests) << " requests";
        else
            out << text::groupThousands(s->records) << " records";
        if (s->rejected)
            out << ", " << text::groupThousands(s->rejected) << " rejected";
        if (s->first != kNoTime)
            out << "  " << formatHuman(s->first + s->clockOffset) << " .. " << formatHuman(s->last + s->clockOffset);
        out << '\n';
        std::size_t shown = 0;
        for (const Problem &p : s->problems.stored()) {
            if (p.level == ProblemLevel::Note && s->problems.total() > 3)
                continue;
            if (shown++ == 3)
                break;
            out << "      ";
            if (p.line)
                out << "line " << p.line << ": ";
            else if (p.frame)
                out << "frame " << p.frame << ": ";
            out << text::toDisplayUtf8(p.message) << '\n';
        }
        if (s->problems.total() > shown && shown > 0)
            out << "      … " << text::groupThousands(s->problems.total() - shown) << " more problem(s)\n";
    }
    if (!a.skipped.empty()) {
        out << "\nNot read (" << a.skipped.size() << ")\n";
        std::size_t n = 0;
        for (const auto &s : a.skipped) {
            if (n++ == 10) {
                out << "  … " << a.skipped.size() - 10 << " more\n";
                break;
            }
            out << "  " << text::toDisplayUtf8(s.path) << ": " << s.reason << '\n';
        }
    }
    if (!a.httpErrReasons.empty()) {
        out << "\nHTTPERR reasons\n";
        for (const auto &r : a.httpErrReasons) {
            out << "  " << std::left << std::setw(34) << text::toDisplayUtf8(r.reason) << std::right << std::setw(10)
                << text::groupThousands(r.count) << "  " << formatHuman(r.first) << " .. " << formatHuman(r.last);
            if (!r.topClients.empty())
                out << "  top client " << text::toDisplayUtf8(r.topClients.front().value) << " ("
                    << r.topClients.front().count << ")";
            out << '\n';
        }
    }
    out << "\nFindings (" << a.findings.size() << ")\n";
    if (a.findings.empty())
        out << "  none\n";
    for (const auto &f : a.findings) {
        out << "  [" << toString(f.severity) << "] " << f.id << ": " << text::toDisplayUtf8(f.title) << "  ("
            << toString(f.confidence) << " confidence, " << text::groupThousands(f.count) << "x";
        if (f.first != kNoTime)
            out << ", " << formatHuman(f.first);
        out << ")\n";
        if (!f.connections.empty())
            out << "      connection " << f.connections.front()
                << (f.connections.size() > 1 ? " (+" + std::to_string(f.connections.size() - 1) + " more)" : "")
                << '\n';
        for (const auto &r : f.remediation) {
            out << "      " << r.kind << ": " << text::toDisplayUtf8(r.text) << '\n';
            break; // the first (preferred) remedy; the report and JSON carry all of them
        }
    }
    if (a.stopped)
        out << "\n(stopped early: results are partial)\n";
}

} // namespace hs::cli
