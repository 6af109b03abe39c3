// SPDX-License-Identifier: MIT
#include "report/analysis_json.h"

#include "httpsleuth/version.h"
#include "report/json_writer.h"
#include "report/redact.h"

namespace hs {
namespace {

std::string_view levelName(ProblemLevel l)
{
    switch (l) {
    case ProblemLevel::Note: return "note";
    case ProblemLevel::Warning: return "warning";
    case ProblemLevel::Error: return "error";
    }
    return "warning";
}

std::string_view timeBasisName(TimeBasis b)
{
    switch (b) {
    case TimeBasis::Utc: return "utc";
    case TimeBasis::LocalUnknown: return "local-unknown-offset";
    case TimeBasis::LocalGiven: return "local-offset-given";
    case TimeBasis::InLine: return "offset-in-line";
    }
    return "utc";
}

// `--redact`: personal data (client addresses, query strings, cookies, credentials) leaves only
// through these; without a Redactor they return the value unchanged.
struct Redact {
    Redactor *r = nullptr;
    std::string text(std::string_view s) const { return r ? r->text(s) : std::string(s); }
    std::string client(std::string_view s) const { return r ? r->client(s) : std::string(s); }
    std::string connection(std::string_view s) const { return r ? r->connectionKey(s) : std::string(s); }
    std::string uri(std::string_view s) const { return r ? r->uri(s) : std::string(s); }
    std::string evidence(const Analysis &a, const Evidence &e) const
    {
        if (!r)
            return e.text;
        if (e.source.valid() && e.source.value < a.sources.size() && e.line && a.sources[e.source.value]->log)
            return r->logLine(*a.sources[e.source.value], e.line, e.text);
        return r->text(e.text);
    }
};

void writeTime(JsonWriter &w, std::string_view key, TimeUs t)
{
    w.key(key);
    if (t == kNoTime)
        w.null();
    else
        w.value(formatIso(t));
}

void writeSource(JsonWriter &w, const Analysis &a, const Source &s, const JsonOptions &options, const Redact &rd)
{
    w.beginObject();
    w.member("path", rd.text(s.path));
    w.member("format", formatName(s.format));
    if (!s.formatVariant.empty())
        w.member("variant", s.formatVariant);
    if (!s.compression.empty())
        w.member("compression", s.compression);
    w.member("bytes", static_cast<std::uint64_t>(s.bytes.size()));
    w.member("records", s.records);
    w.member("rejected", s.rejected);
    writeTime(w, "first", s.first == kNoTime ? kNoTime : s.first + s.clockOffset);
    writeTime(w, "last", s.last == kNoTime ? kNoTime : s.last + s.clockOffset);
    if (s.clockOffset != 0)
        w.member("clock_offset_us", static_cast<std::int64_t>(s.clockOffset));
    w.member("complete", s.readCompleted);
    if (s.log) {
        const LogData &log = *s.log;
        w.member("data_lines", log.dataLines);
        w.member("lines", log.totalLines);
        w.member("time_basis", timeBasisName(log.timeBasis));
        if (!log.software.empty())
            w.member("software", log.software);
        if (!log.siteName.empty())
            w.member("site", log.siteName);
    }
    if (s.capture) {
        const CaptureData &c = *s.capture;
        w.member(s.kind() == SourceKind::Capture ? "packets" : "entries", c.packets);
        w.member("connections", static_cast<std::uint64_t>(c.connectionCount));
        w.member("http_requests", c.httpRequests);
        w.member("http_responses", c.httpResponses);
        w.member("http_interim", c.httpInterim);
        if (c.nonHttpConnections)
            w.member("non_http_connections", c.nonHttpConnections);
        if (!c.application.empty())
            w.member("application", c.application);
    }
    for (const auto &st : a.statusSummaries) {
        if (st.source != s.id)
            continue;
        w.key("status_codes").beginObject();
        for (const auto &[status, count] : st.byStatus)
            w.member(status ? std::to_string(status) : std::string("-"), count);
        w.endObject();
    }
    w.key("problems").beginArray();
    std::size_t written = 0;
    for (const Problem &p : s.problems.stored()) {
        if (written++ >= options.maxProblemsPerSource)
            break;
        w.beginObject();
        if (p.line)
            w.member("line", p.line);
        if (p.frame)
            w.member("frame", p.frame);
        if (p.offset != Problem::kNoOffset)
            w.member("offset", p.offset);
        w.member("level", levelName(p.level));
        w.member("category", p.category);
        w.member("message", rd.text(p.message));
        w.endObject();
    }
    w.endArray();
    w.member("problems_total", s.problems.total());
    if (!s.problems.countsByCategory().empty()) {
        w.key("problems_by_category").beginObject();
        for (const auto &[cat, count] : s.problems.countsByCategory())
            w.member(cat, count);
        w.endObject();
    }
    w.endObject();
}

void writeFinding(JsonWriter &w, const Analysis &a, const Finding &f, const Redact &rd)
{
    w.beginObject();
    w.member("id", f.id);
    w.member("title", rd.text(f.title));
    w.member("severity", toString(f.severity));
    w.member("confidence", toString(f.confidence));
    if (!f.confidenceReason.empty())
        w.member("confidence_reason", rd.text(f.confidenceReason));
    if (!f.summary.empty())
        w.member("summary", rd.text(f.summary));
    w.key("kb").beginArray();
    for (const auto &k : f.kb)
        w.value(k);
    w.endArray();
    if (!f.references.empty()) {
        w.key("references").beginArray();
        for (const auto &r : f.references)
            w.value(r);
        w.endArray();
    }
    writeTime(w, "first", f.first);
    writeTime(w, "last", f.last);
    w.member("count", f.count);
    w.key("connections").beginArray();
    for (const auto &c : f.connections)
        w.value(rd.connection(c));
    w.endArray();
    if (!f.clients.empty()) {
        w.key("clients").beginArray();
        for (const auto &c : f.clients)
            w.value(rd.client(c));
        w.endArray();
    }
    w.key("evidence").beginArray();
    for (const Evidence &e : f.evidence) {
        w.beginObject();
        w.member("source", e.source.valid() && e.source.value < a.sources.size()
                               ? rd.text(a.sources[e.source.value]->path)
                               : std::string());
        if (e.line)
            w.member("line", e.line);
        if (e.frame)
            w.member("frame", e.frame);
        writeTime(w, "time", e.time);
        if (e.connection.valid() && e.connection.value < a.connections.size())
            w.member("connection", rd.connection(a.connections[e.connection.value].key()));
        w.member("text", rd.evidence(a, e));
        w.endObject();
    }
    w.endArray();
    if (f.evidenceTotal > f.evidence.size())
        w.member("evidence_total", f.evidenceTotal);
    w.key("remediation").beginArray();
    for (const auto &r : f.remediation) {
        w.beginObject();
        w.member("kind", r.kind);
        w.member("text", r.text);
        if (!r.prerequisites.empty())
            w.member("prerequisites", r.prerequisites);
        w.endObject();
    }
    w.endArray();
    w.endObject();
}

} // namespace

void writeAnalysisJson(const Analysis &a, std::ostream &out, const JsonOptions &options)
{
    JsonWriter w(out, options.pretty);
    const Redact rd{options.redactor};
    w.beginObject();
    w.member("schema", kAnalysisSchema);
    w.key("tool").beginObject().member("name", kToolName).member("version", kVersion).endObject();
    w.key("inputs").beginArray();
    for (const auto &i : a.inputs)
        w.value(rd.text(i));
    w.endArray();
    writeTime(w, "first", a.first);
    writeTime(w, "last", a.last);
    w.member("stopped", a.stopped);
    if (options.redactor)
        w.member("redacted", true);

    w.key("sources").beginArray();
    for (const auto &s : a.sources)
        writeSource(w, a, *s, options, rd);
    w.endArray();

    w.key("not_recognised").beginArray();
    for (const auto &sk : a.skipped) {
        w.beginObject();
        w.member("path", rd.text(sk.path));
        w.member("reason", rd.text(sk.reason));
        if (!sk.candidates.empty()) {
            w.key("formats_tried").beginArray();
            for (const auto &c : sk.candidates)
                w.value(rd.text(c));
            w.endArray();
        }
        w.endObject();
    }
    w.endArray();

    w.key("findings").beginArray();
    for (const auto &f : a.findings)
        writeFinding(w, a, f, rd);
    w.endArray();

    w.key("httperr_reasons").beginArray();
    for (const auto &r : a.httpErrReasons) {
        w.beginObject();
        w.member("reason", r.reason);
        w.member("count", r.count);
        writeTime(w, "first", r.first);
        writeTime(w, "last", r.last);
        w.key("statuses").beginObject();
        for (const auto &[status, count] : r.statuses)
            w.member(status ? std::to_string(status) : std::string("-"), count);
        w.endObject();
        w.key("top_clients").beginArray();
        for (const auto &c : r.topClients)
            w.beginObject().member("address", rd.client(c.value)).member("count", c.count).endObject();
        w.endArray();
        w.key("top_uris").beginArray();
        for (const auto &c : r.topUris)
            w.beginObject().member("uri", rd.uri(c.value)).member("count", c.count).endObject();
        w.endArray();
        w.endObject();
    }
    w.endArray();

    w.key("clock_offsets").beginArray();
    for (const auto &c : a.clockOffsets) {
        w.beginObject();
        w.member("source", c.source.valid() ? rd.text(a.sources[c.source.value]->path) : std::string());
        if (c.reference.valid())
            w.member("reference", rd.text(a.sources[c.reference.value]->path));
        w.member("offset_us", static_cast<std::int64_t>(c.offset));
        w.member("offset", formatDuration(c.offset));
        w.member("matches", c.matches);
        w.member("manual", c.manual);
        w.member("applied", c.applied);
        if (!c.note.empty())
            w.member("note", c.note);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    out << '\n';
}

} // namespace hs
