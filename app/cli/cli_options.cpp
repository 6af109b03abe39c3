// SPDX-License-Identifier: MIT
#include "cli/cli_options.h"

#include "model/time.h"

#include <charconv>

namespace hs::cli {

std::string usageText()
{
    return R"(Usage:
  httpsleuth-cli analyze [--json FILE|-] [--html FILE] [--fail-on info|warning|critical]
                         [--redact] [--quiet] [options] PATH...
  httpsleuth-cli formats             list the formats read and how each is recognised
  httpsleuth-cli kb [ID]             the knowledge base: all symptoms, or one in full
  httpsleuth-cli --help | --version

PATH is a file, a folder (read recursively) or a .zip bundle.

Analyze options:
  --json FILE|-          write the analysis JSON (schema httpsleuth.analysis/1); '-' = stdout
  --html FILE            write the self-contained HTML incident report
  --fail-on LEVEL        exit with status 3 if a finding of LEVEL or worse is found
  --redact               pseudonymise client addresses and drop cookies, query strings and
                         Authorization values from the outputs
  --quiet                no summary on stdout and no progress on stderr
  --local-offset OFFSET  UTC offset of logs written in server-local time (IIS log format),
                         e.g. +02:00 or -0500
  --clock-offset [SRC=]SECONDS
                         shift a capture/export's clock by SECONDS (may be fractional, negative);
                         SRC matches the end of a source path; without SRC it applies to all
                         captures and exports; disables the automatic estimate for them
  --no-clock-estimate    do not estimate clock offsets between captures and logs
  --kb-folder DIR        extra knowledge-base entries (JSON) to load
  --threads N            worker threads (default: all cores)
  --compact              compact JSON instead of indented

Exit status: 0 analysis done (per-file problems are inside the output), 2 usage error or nothing
could be read, 3 --fail-on matched.
)";
}

namespace {

bool parseSeconds(std::string_view text, TimeUs &out)
{
    try {
        std::size_t used = 0;
        const double seconds = std::stod(std::string(text), &used);
        if (used != text.size())
            return false;
        out = static_cast<TimeUs>(seconds * kUsPerSecond);
        return true;
    } catch (...) {
        return false;
    }
}

} // namespace

ParseResult parseArguments(const std::vector<std::string> &args)
{
    ParseResult r;
    Options &o = r.options;
    if (args.empty()) {
        o.command = Command::Help;
        return r;
    }
    std::size_t i = 0;
    const std::string &first = args[0];
    if (first == "--help" || first == "-h" || first == "help") {
        o.command = Command::Help;
        return r;
    }
    if (first == "--version" || first == "-V" || first == "version") {
        o.command = Command::Version;
        return r;
    }
    if (first == "formats") {
        o.command = Command::Formats;
        if (args.size() > 1)
            r.error = "'formats' takes no arguments";
        return r;
    }
    if (first == "kb") {
        o.command = Command::Kb;
        if (args.size() > 2)
            r.error = "'kb' takes at most one symptom id";
        else if (args.size() == 2)
            o.kbId = args[1];
        return r;
    }
    if (first != "analyze") {
        r.error = "unknown command '" + first + "'";
        return r;
    }
    o.command = Command::Analyze;
    ++i;
    auto needValue = [&](const std::string &flag) -> const std::string * {
        if (i + 1 >= args.size()) {
            r.error = flag + " needs a value";
            return nullptr;
        }
        return &args[++i];
    };
    bool onlyPaths = false;
    for (; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (onlyPaths || a.empty() || a[0] != '-' || a == "-") {
            o.analyze.inputs.emplace_back(a);
            continue;
        }
        if (a == "--") {
            onlyPaths = true;
        } else if (a == "--help" || a == "-h") { // "analyze --help" is where users look first
            o.command = Command::Help;
            return r;
        } else if (a == "--json") {
            const auto *v = needValue(a);
            if (!v)
                return r;
            o.jsonPath = *v;
        } else if (a == "--html") {
            const auto *v = needValue(a);
            if (!v)
                return r;
            o.htmlPath = *v;
        } else if (a == "--fail-on") {
            const auto *v = needValue(a);
            if (!v)
                return r;
            Severity s{};
            if (!parseSeverity(*v, s)) {
                r.error = "--fail-on takes info, warning or critical, not '" + *v + "'";
                return r;
            }
            o.failOn = s;
        } else if (a == "--redact") {
            o.redact = true;
        } else if (a == "--quiet" || a == "-q") {
            o.quiet = true;
        } else if (a == "--compact") {
            o.compactJson = true;
        } else if (a == "--no-clock-estimate") {
            o.analyze.estimateClockOffsets = false;
        } else if (a == "--local-offset") {
            const auto *v = needValue(a);
            if (!v)
                return r;
            const auto minutes = parseUtcOffsetMinutes(*v);
            if (!minutes) {
                r.error = "--local-offset takes an offset such as +02:00 or -0500, not '" + *v + "'";
                return r;
            }
            o.analyze.read.localOffsetMinutes = *minutes;
        } else if (a == "--clock-offset") {
            const auto *v = needValue(a);
            if (!v)
                return r;
            ClockOverride c;
            const std::size_t eq = v->rfind('=');
            const std::string seconds = eq == std::string::npos ? *v : v->substr(eq + 1);
            c.sourcePattern = eq == std::string::npos ? "*" : v->substr(0, eq);
            if (c.sourcePattern.empty() || !parseSeconds(seconds, c.offset)) {
                r.error = "--clock-offset takes [SOURCE=]SECONDS, not '" + *v + "'";
                return r;
            }
            o.analyze.clockOverrides.push_back(std::move(c));
        } else if (a == "--kb-folder") {
            const auto *v = needValue(a);
            if (!v)
                return r;
            o.analyze.kbFolders.emplace_back(*v);
        } else if (a == "--threads") {
            const auto *v = needValue(a);
            if (!v)
                return r;
            unsigned n = 0;
            const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
            if (ec != std::errc() || p != v->data() + v->size() || n == 0 || n > 256) {
                r.error = "--threads takes a number from 1 to 256";
                return r;
            }
            o.analyze.threads = n;
        } else {
            r.error = "unknown option '" + a + "'";
            return r;
        }
    }
    if (o.analyze.inputs.empty())
        r.error = "analyze needs at least one PATH";
    return r;
}

} // namespace hs::cli
