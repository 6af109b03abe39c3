// SPDX-License-Identifier: MIT
// Loading and validating knowledge-base JSON (QtCore's JSON: these are a few small files read once
// per analysis, not a hot path). Validation is strict — unknown members are errors — so a typo in a
// user's override ("remedation") is reported instead of silently ignored.
#include "kb/catalog.h"
#include "kb/samples/capture_script.h"
#include "kb/samples/sample_analysis.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace hs::kb {
namespace {

constexpr std::string_view kSymptomSchema = "httpsleuth.kb.symptom/1";
constexpr std::string_view kReasonsSchema = "httpsleuth.kb.httperr-reasons/1";
constexpr std::string_view kWin32Schema = "httpsleuth.kb.win32-status/1";

std::string utf8(const QString &s)
{
    const QByteArray b = s.toUtf8();
    return std::string(b.constData(), static_cast<std::size_t>(b.size()));
}

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// Collects "path.to[2].member: message" errors while reading one JSON document.
class Reader {
public:
    std::vector<std::string> errors;

    void error(const std::string &where, const std::string &message) { errors.push_back(where + ": " + message); }

    void allowOnly(const QJsonObject &o, const std::string &where, std::initializer_list<std::string_view> keys)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            const std::string k = utf8(it.key());
            if (std::find(keys.begin(), keys.end(), k) == keys.end())
                error(where.empty() ? k : where + "." + k, "unknown member");
        }
    }

    std::string string(const QJsonObject &o, const std::string &where, std::string_view key, bool required)
    {
        const QJsonValue v = o.value(qs(key));
        if (v.isUndefined()) {
            if (required)
                error(join(where, key), "missing");
            return {};
        }
        if (!v.isString()) {
            error(join(where, key), "must be a string");
            return {};
        }
        std::string s = utf8(v.toString());
        if (required && s.empty())
            error(join(where, key), "must not be empty");
        return s;
    }

    std::vector<std::string> strings(const QJsonObject &o, const std::string &where, std::string_view key)
    {
        std::vector<std::string> out;
        const QJsonValue v = o.value(qs(key));
        if (v.isUndefined())
            return out;
        if (!v.isArray()) {
            error(join(where, key), "must be an array of strings");
            return out;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString())
                error(join(where, key) + "[" + std::to_string(i) + "]", "must be a string");
            else
                out.push_back(utf8(a.at(i).toString()));
        }
        return out;
    }

    std::optional<double> number(const QJsonObject &o, const std::string &where, std::string_view key, bool required)
    {
        const QJsonValue v = o.value(qs(key));
        if (v.isUndefined()) {
            if (required)
                error(join(where, key), "missing");
            return std::nullopt;
        }
        if (!v.isDouble()) {
            error(join(where, key), "must be a number");
            return std::nullopt;
        }
        return v.toDouble();
    }

    QJsonObject object(const QJsonObject &o, const std::string &where, std::string_view key)
    {
        const QJsonValue v = o.value(qs(key));
        if (v.isUndefined())
            return {};
        if (!v.isObject()) {
            error(join(where, key), "must be an object");
            return {};
        }
        return v.toObject();
    }

    QJsonArray array(const QJsonObject &o, const std::string &where, std::string_view key)
    {
        const QJsonValue v = o.value(qs(key));
        if (v.isUndefined())
            return {};
        if (!v.isArray()) {
            error(join(where, key), "must be an array");
            return {};
        }
        return v.toArray();
    }

    // Each element must be an object; calls fn(object, "key[i]").
    template <typename Fn>
    void objects(const QJsonObject &o, const std::string &where, std::string_view key, Fn &&fn)
    {
        const QJsonArray a = array(o, where, key);
        for (qsizetype i = 0; i < a.size(); ++i) {
            const std::string at = join(where, key) + "[" + std::to_string(i) + "]";
            if (!a.at(i).isObject())
                error(at, "must be an object");
            else
                fn(a.at(i).toObject(), at);
        }
    }

    static std::string join(const std::string &where, std::string_view key)
    {
        return where.empty() ? std::string(key) : where + "." + std::string(key);
    }
};

bool validId(std::string_view id)
{
    if (id.empty() || id.size() > 64)
        return false;
    return std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::optional<Severity> severityOf(Reader &r, const std::string &where, const std::string &text)
{
    Severity s{};
    if (parseSeverity(text, s))
        return s;
    r.error(where, "'" + text + "' is not info, warning or critical");
    return std::nullopt;
}

void readSample(Reader &r, const QJsonObject &o, const std::string &at, Sample &s)
{
    r.allowOnly(o, at, {"name", "w3c", "httperr", "capture", "expect"});
    s.name = r.string(o, at, "name", true);
    s.w3c = r.strings(o, at, "w3c");
    s.httperr = r.strings(o, at, "httperr");
    s.capture = r.strings(o, at, "capture");
    if (s.w3c.empty() && s.httperr.empty() && s.capture.empty())
        r.error(at, "a sample needs w3c, httperr or capture lines");
    for (const auto *lines : {&s.w3c, &s.httperr}) {
        std::string err;
        if (!expandLogLines(*lines, err))
            r.error(at + (lines == &s.w3c ? ".w3c" : ".httperr"), err);
    }
    if (!s.capture.empty()) {
        ScriptError err;
        if (!parseCaptureScript(s.capture, err))
            r.error(at + ".capture[" + std::to_string(err.line) + "]", err.message);
    }
    const QJsonObject e = r.object(o, at, "expect");
    const std::string eat = at + ".expect";
    r.allowOnly(e, eat, {"confidence", "severity", "count", "connections", "text_contains", "evidence_from"});
    if (const std::string c = r.string(e, eat, "confidence", false); !c.empty()) {
        if (c == "high")
            s.expect.confidence = Confidence::High;
        else if (c == "medium")
            s.expect.confidence = Confidence::Medium;
        else if (c == "low")
            s.expect.confidence = Confidence::Low;
        else
            r.error(eat + ".confidence", "'" + c + "' is not high, medium or low");
    }
    if (const std::string sv = r.string(e, eat, "severity", false); !sv.empty())
        s.expect.severity = severityOf(r, eat + ".severity", sv);
    if (const auto n = r.number(e, eat, "count", false)) {
        if (*n < 0)
            r.error(eat + ".count", "must not be negative");
        else
            s.expect.count = static_cast<std::uint64_t>(*n);
    }
    s.expect.connections = r.strings(e, eat, "connections");
    s.expect.textContains = r.strings(e, eat, "text_contains");
    s.expect.evidenceFrom = r.strings(e, eat, "evidence_from");
    for (const auto &src : s.expect.evidenceFrom)
        if (src != "capture" && src != "w3c" && src != "httperr")
            r.error(eat + ".evidence_from", "'" + src + "' is not capture, w3c or httperr");
}

std::optional<SymptomEntry> readSymptom(const QJsonObject &o, const std::string &origin, Reader &r)
{
    r.allowOnly(
        o, "",
        {"schema",     "id",       "title",           "severity",   "quiet_severity",  "category",    "kb",
         "summary",    "cause",    "affected",        "evidence",   "confidence",      "remediation", "by_design",
         "references", "detector", "httperr_reasons", "parameters", "client_profiles", "samples"});
    SymptomEntry e;
    e.origin = origin;
    e.id = r.string(o, "", "id", true);
    if (!e.id.empty() && !validId(e.id))
        r.error("id", "'" + e.id + "' must be lower case letters, digits and '-'");
    e.title = r.string(o, "", "title", true);
    if (auto s = severityOf(r, "severity", r.string(o, "", "severity", true)))
        e.severity = *s;
    if (const std::string q = r.string(o, "", "quiet_severity", false); !q.empty())
        if (auto s = severityOf(r, "quiet_severity", q))
            e.quietSeverity = *s;
    e.category = r.string(o, "", "category", false);
    e.kb = r.strings(o, "", "kb");
    e.summary = r.string(o, "", "summary", true);
    e.cause = r.string(o, "", "cause", false);
    e.byDesign = r.string(o, "", "by_design", false);
    r.objects(o, "", "affected", [&](const QJsonObject &a, const std::string &at) {
        r.allowOnly(a, at, {"product", "versions", "note"});
        e.affected.push_back(
            {r.string(a, at, "product", true), r.string(a, at, "versions", false), r.string(a, at, "note", false)});
    });
    const QJsonObject evidence = r.object(o, "", "evidence");
    for (const std::string_view key : {"httperr", "w3c", "capture", "har", "saz"})
        if (evidence.contains(qs(key)))
            e.evidence.emplace_back(std::string(key), r.string(evidence, "evidence", key, true));
    r.allowOnly(evidence, "evidence", {"httperr", "w3c", "capture", "har", "saz"});
    if (e.evidence.empty())
        r.error("evidence", "must say what proves the symptom in at least one source");
    const QJsonObject confidence = r.object(o, "", "confidence");
    for (const std::string_view key : {"high", "medium", "low"})
        if (confidence.contains(qs(key)))
            e.confidence.emplace_back(std::string(key), r.string(confidence, "confidence", key, true));
    r.allowOnly(confidence, "confidence", {"high", "medium", "low"});
    r.objects(o, "", "remediation", [&](const QJsonObject &m, const std::string &at) {
        r.allowOnly(m, at, {"kind", "text", "prerequisites"});
        Remediation rem{r.string(m, at, "kind", true), r.string(m, at, "text", true),
                        r.string(m, at, "prerequisites", false)};
        static const std::set<std::string> kinds = {"hotfix", "upgrade",   "config", "workaround",
                                                    "client", "by-design", "info"};
        if (!rem.kind.empty() && !kinds.count(rem.kind))
            r.error(at + ".kind",
                    "'" + rem.kind + "' is not hotfix, upgrade, config, workaround, client, by-design or info");
        e.remediation.push_back(std::move(rem));
    });
    if (e.remediation.empty())
        r.error("remediation", "at least one remediation is required");
    r.objects(o, "", "references", [&](const QJsonObject &ref, const std::string &at) {
        r.allowOnly(ref, at, {"title", "url"});
        Reference x{r.string(ref, at, "title", true), r.string(ref, at, "url", true)};
        if (!x.url.empty() && x.url.rfind("https://", 0) != 0 && x.url.rfind("http://", 0) != 0)
            r.error(at + ".url", "must be an http(s) link");
        e.references.push_back(std::move(x));
    });
    const std::string detector = r.string(o, "", "detector", false);
    e.httpErrReasons = r.strings(o, "", "httperr_reasons");
    if (detector.empty() || detector == "builtin") {
        e.detector = DetectorKind::Builtin;
        const auto &ids = builtinSymptomIds();
        if (!e.id.empty() && std::find(ids.begin(), ids.end(), e.id) == ids.end())
            r.error("detector", "no built-in detector for '" + e.id +
                                    "'; a new entry can use \"detector\": \"httperr-reasons\" with httperr_reasons");
    } else if (detector == "httperr-reasons") {
        e.detector = DetectorKind::HttpErrReasons;
        if (e.httpErrReasons.empty())
            r.error("httperr_reasons", "the httperr-reasons detector needs at least one reason");
    } else {
        r.error("detector", "'" + detector + "' is not builtin or httperr-reasons");
    }
    const QJsonObject params = r.object(o, "", "parameters");
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (!it.value().isDouble())
            r.error("parameters." + utf8(it.key()), "must be a number");
        else
            e.parameters[utf8(it.key())] = it.value().toDouble();
    }
    r.objects(o, "", "client_profiles", [&](const QJsonObject &p, const std::string &at) {
        r.allowOnly(p, at, {"name", "user_agents", "empty_user_agent", "wait_ms", "tolerance_ms", "turn_off"});
        ClientWaitProfile c;
        c.name = r.string(p, at, "name", true);
        c.userAgents = r.strings(p, at, "user_agents");
        c.emptyUserAgent = p.value(QStringLiteral("empty_user_agent")).toBool(false);
        c.waitMs = r.number(p, at, "wait_ms", true).value_or(0);
        c.toleranceMs = r.number(p, at, "tolerance_ms", true).value_or(0);
        c.turnOff = r.string(p, at, "turn_off", true);
        if (c.waitMs <= 0)
            r.error(at + ".wait_ms", "must be positive");
        e.clientProfiles.push_back(std::move(c));
    });
    const QJsonObject samples = r.object(o, "", "samples");
    r.allowOnly(samples, "samples", {"matches", "non_matches"});
    r.objects(samples, "samples", "matches",
              [&](const QJsonObject &s, const std::string &at) { readSample(r, s, at, e.matches.emplace_back()); });
    r.objects(samples, "samples", "non_matches",
              [&](const QJsonObject &s, const std::string &at) { readSample(r, s, at, e.nonMatches.emplace_back()); });
    if (!r.errors.empty())
        return std::nullopt;
    return e;
}

void readReasons(const QJsonObject &o, Reader &r, std::vector<ReasonEntry> &out)
{
    r.allowOnly(o, "", {"schema", "note", "reasons"});
    r.objects(o, "", "reasons", [&](const QJsonObject &x, const std::string &at) {
        r.allowOnly(x, at,
                    {"reason", "status", "meaning", "os", "request_fields", "causes", "action", "symptoms", "benign"});
        ReasonEntry e;
        e.reason = r.string(x, at, "reason", true);
        e.status = r.string(x, at, "status", true);
        e.meaning = r.string(x, at, "meaning", true);
        e.os = r.string(x, at, "os", false);
        e.requestFields = r.string(x, at, "request_fields", false);
        e.causes = r.string(x, at, "causes", false);
        e.action = r.string(x, at, "action", true);
        e.symptoms = r.strings(x, at, "symptoms");
        e.benign = x.value(QStringLiteral("benign")).toBool(false);
        out.push_back(std::move(e));
    });
}

void readWin32(const QJsonObject &o, Reader &r, std::vector<Win32Entry> &out)
{
    r.allowOnly(o, "", {"schema", "note", "codes"});
    r.objects(o, "", "codes", [&](const QJsonObject &x, const std::string &at) {
        r.allowOnly(x, at, {"code", "symbol", "meaning", "reading", "symptoms", "connection_problem"});
        Win32Entry e;
        const auto code = r.number(x, at, "code", true);
        if (code && (*code < 0 || *code > 4294967295.0))
            r.error(at + ".code", "out of range");
        e.code = static_cast<std::uint64_t>(code.value_or(0));
        e.symbol = r.string(x, at, "symbol", true);
        e.meaning = r.string(x, at, "meaning", true);
        e.reading = r.string(x, at, "reading", true);
        e.symptoms = r.strings(x, at, "symptoms");
        e.connectionProblem = x.value(QStringLiteral("connection_problem")).toBool(false);
        out.push_back(std::move(e));
    });
}

// Byte offset → 1-based line, for JSON syntax errors.
std::uint64_t lineOf(const QByteArray &bytes, int offset)
{
    std::uint64_t line = 1;
    for (int i = 0; i < offset && i < bytes.size(); ++i)
        line += bytes[i] == '\n';
    return line;
}

struct Loader {
    KnowledgeBase kb;
    std::map<std::string, QJsonObject> rawSymptoms; // id → the JSON the entry was read from
    std::vector<LoadProblem> &problems;

    void report(const std::string &path, const std::vector<std::string> &errors)
    {
        for (const auto &e : errors)
            problems.push_back({path, e});
    }

    void load(const std::string &path, const QByteArray &bytes, bool user)
    {
        QJsonParseError perr{};
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &perr);
        if (perr.error != QJsonParseError::NoError) {
            problems.push_back(
                {path, "line " + std::to_string(lineOf(bytes, perr.offset)) + ": " + utf8(perr.errorString())});
            return;
        }
        if (!doc.isObject()) {
            problems.push_back({path, "not a JSON object"});
            return;
        }
        const QJsonObject o = doc.object();
        const std::string schema = utf8(o.value(QStringLiteral("schema")).toString());
        Reader r;
        if (schema == kSymptomSchema) {
            QJsonObject merged = o;
            const std::string id = utf8(o.value(QStringLiteral("id")).toString());
            const auto base = rawSymptoms.find(id);
            if (user && base != rawSymptoms.end()) {
                // An override names only what it changes: top-level members are replaced, and the
                // members of `parameters`, `evidence` and `confidence` one by one.
                merged = base->second;
                for (auto it = o.begin(); it != o.end(); ++it) {
                    const QJsonValue old = merged.value(it.key());
                    if (it.value().isObject() && old.isObject() &&
                        (it.key() == QLatin1String("parameters") || it.key() == QLatin1String("evidence") ||
                         it.key() == QLatin1String("confidence"))) {
                        QJsonObject inner = old.toObject();
                        const QJsonObject changes = it.value().toObject();
                        for (auto c = changes.begin(); c != changes.end(); ++c)
                            inner.insert(c.key(), c.value());
                        merged.insert(it.key(), inner);
                    } else {
                        merged.insert(it.key(), it.value());
                    }
                }
            }
            auto entry = readSymptom(merged, path, r);
            if (!entry) {
                report(path, r.errors);
                return;
            }
            rawSymptoms[entry->id] = merged;
            kb.put(std::move(*entry));
        } else if (schema == kReasonsSchema) {
            std::vector<ReasonEntry> reasons;
            readReasons(o, r, reasons);
            if (!r.errors.empty()) {
                report(path, r.errors);
                return;
            }
            for (auto &e : reasons)
                kb.put(std::move(e));
        } else if (schema == kWin32Schema) {
            std::vector<Win32Entry> codes;
            readWin32(o, r, codes);
            if (!r.errors.empty()) {
                report(path, r.errors);
                return;
            }
            for (auto &e : codes)
                kb.put(std::move(e));
        } else {
            problems.push_back({path, "schema '" + schema + "' is not " + std::string(kSymptomSchema) + ", " +
                                          std::string(kReasonsSchema) + " or " + std::string(kWin32Schema)});
        }
    }

    void loadBuiltin()
    {
        // Compiled in with qt_add_resources (core/kb/sources.cmake) under :/kb.
        QStringList files;
        QDirIterator it(QStringLiteral(":/kb"), {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        files.sort();
        if (files.isEmpty())
            problems.push_back({":/kb", "no built-in knowledge-base entries in this build"});
        for (const QString &f : files) {
            QFile file(f);
            if (!file.open(QIODevice::ReadOnly)) {
                problems.push_back({utf8(f), "cannot open"});
                continue;
            }
            load(utf8(f), file.readAll(), false);
        }
    }

    void loadFolder(const std::filesystem::path &folder)
    {
        std::error_code ec;
        if (!std::filesystem::is_directory(folder, ec)) {
            problems.push_back({folder.string(), "not a folder"});
            return;
        }
        std::vector<std::filesystem::path> files;
        for (std::filesystem::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
            if (it->is_regular_file(ec) && it->path().extension() == ".json")
                files.push_back(it->path());
        std::sort(files.begin(), files.end());
        for (const auto &p : files) {
            std::ifstream in(p, std::ios::binary);
            if (!in) {
                problems.push_back({p.string(), "cannot open"});
                continue;
            }
            std::ostringstream buf;
            buf << in.rdbuf();
            const std::string bytes = buf.str();
            if (bytes.size() > (4u << 20)) {
                problems.push_back({p.string(), "larger than 4 MB; not a knowledge-base file"});
                continue;
            }
            load(p.string(), QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())), true);
        }
    }
};

} // namespace

KnowledgeBase loadBuiltinKnowledgeBase(std::vector<LoadProblem> &problems)
{
    Loader loader{{}, {}, problems};
    loader.loadBuiltin();
    loader.kb.orderSymptoms(builtinSymptomIds());
    return std::move(loader.kb);
}

KnowledgeBase loadKnowledgeBase(const std::vector<std::filesystem::path> &userFolders,
                                std::vector<LoadProblem> &problems)
{
    Loader loader{{}, {}, problems};
    loader.loadBuiltin();
    loader.kb.orderSymptoms(builtinSymptomIds());
    for (const auto &folder : userFolders)
        loader.loadFolder(folder);
    return std::move(loader.kb);
}

} // namespace hs::kb
