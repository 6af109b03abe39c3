// SPDX-License-Identifier: MIT
// Incident bundles (tests/data/incidents, written by gen_incidents.py): a pcap plus the W3C and
// HTTPERR logs of the same traffic, analysed end to end by hs::analyze() — capture reader, HTTP
// parser, log readers, correlation, detectors. expected.json in each bundle says which findings must
// appear, with which confidence, connection and cited evidence (file + frame or line); healthy
// bundles must not raise a warning.
#include "kb/catalog.h"
#include "kb_test_support.h"
#include "support/catch.h"
#include "support/test_paths.h"
#include "tasks/analyze.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

using namespace hs;
namespace fs = std::filesystem;

namespace {

std::string s(const QJsonValue &v)
{
    return v.toString().toStdString();
}

std::vector<fs::path> bundles()
{
    std::vector<fs::path> out;
    for (const auto &e : fs::directory_iterator(test::dataDir() / "incidents"))
        if (e.is_directory() && fs::exists(e.path() / "expected.json"))
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::unique_ptr<Analysis> analyzeFolder(const fs::path &folder)
{
    AnalyzeOptions options;
    options.inputs = {folder};
    options.threads = 2;
    CancelToken cancel;
    Progress progress;
    return analyze(options, cancel, progress);
}

const Source *sourceByPath(const Analysis &a, const std::string &path)
{
    for (const auto &src : a.sources)
        if (src->path == path)
            return src.get();
    return nullptr;
}

bool mentions(const Finding &f, const std::string &needle)
{
    if (f.summary.find(needle) != std::string::npos)
        return true;
    return std::any_of(f.evidence.begin(), f.evidence.end(),
                       [&](const Evidence &e) { return e.text.find(needle) != std::string::npos; });
}

} // namespace

TEST_CASE("incident bundles give the expected findings, evidence and connections")
{
    const auto all = bundles();
    REQUIRE(all.size() >= 22);
    for (const fs::path &dir : all) {
        const std::string name = dir.filename().string();
        DYNAMIC_SECTION(name)
        {
            const QByteArray json = QByteArray::fromStdString(test::readFile(dir / "expected.json"));
            const QJsonObject expected = QJsonDocument::fromJson(json).object();
            REQUIRE_FALSE(expected.isEmpty());
            const auto a = analyzeFolder(dir);
            REQUIRE(a);
            for (const auto &src : a->sources) {
                INFO(src->path << ": " << src->problems.total() << " problems");
                CHECK(src->readCompleted);
                CHECK_FALSE(src->problems.hasErrors());
            }
            INFO("findings: " << test::describeFindings(*a));
            for (const auto &value : expected.value("findings").toArray()) {
                const QJsonObject x = value.toObject();
                const std::string id = s(x.value("id"));
                INFO("expected finding " << id);
                const Finding *f = test::findingById(*a, id);
                REQUIRE(f);
                if (x.contains("confidence"))
                    CHECK(std::string(toString(f->confidence)) == s(x.value("confidence")));
                if (x.contains("severity"))
                    CHECK(std::string(toString(f->severity)) == s(x.value("severity")));
                if (x.contains("count"))
                    CHECK(f->count == static_cast<std::uint64_t>(x.value("count").toInt()));
                if (x.contains("connection")) {
                    INFO("connection " << s(x.value("connection")));
                    CHECK(std::find(f->connections.begin(), f->connections.end(), s(x.value("connection"))) !=
                          f->connections.end());
                }
                for (const auto &t : x.value("text_contains").toArray()) {
                    INFO("text " << s(t) << " in " << f->summary);
                    CHECK(mentions(*f, s(t)));
                }
                for (const auto &ev : x.value("evidence").toArray()) {
                    const QJsonObject spec = ev.toObject();
                    const std::string path = s(spec.value("source"));
                    const auto frame = static_cast<std::uint64_t>(spec.value("frame").toInt(0));
                    const auto line = static_cast<std::uint64_t>(spec.value("line").toInt(0));
                    INFO("evidence " << path << (frame ? " frame " + std::to_string(frame) : "")
                                     << (line ? " line " + std::to_string(line) : ""));
                    const Source *src = sourceByPath(*a, path);
                    REQUIRE(src);
                    const bool cited = std::any_of(f->evidence.begin(), f->evidence.end(), [&](const Evidence &e) {
                        return e.source == src->id && ((frame && e.frame == frame) || (line && e.line == line));
                    });
                    CHECK(cited);
                }
            }
            for (const auto &id : expected.value("absent").toArray()) {
                INFO("absent " << s(id));
                CHECK(test::findingById(*a, s(id)) == nullptr);
            }
            if (expected.value("no_alarms").toBool()) {
                const auto alarms = test::alarms(*a);
                CHECK(alarms.empty());
            }
            if (expected.contains("clock_offset")) {
                const QJsonObject c = expected.value("clock_offset").toObject();
                const Source *src = sourceByPath(*a, s(c.value("source")));
                REQUIRE(src);
                const auto it = std::find_if(a->clockOffsets.begin(), a->clockOffsets.end(),
                                             [&](const ClockOffset &o) { return o.source == src->id; });
                REQUIRE(it != a->clockOffsets.end());
                const auto want = static_cast<TimeUs>(c.value("offset_us").toDouble());
                const auto tolerance = static_cast<TimeUs>(c.value("tolerance_us").toDouble());
                INFO("estimated " << it->offset << " us, expected " << want << " us, note: " << it->note);
                CHECK(it->applied);
                CHECK_FALSE(it->manual);
                CHECK(std::llabs(it->offset - want) <= tolerance);
                CHECK(src->clockOffset == it->offset);
            }
        }
    }
}

TEST_CASE("every symptom id has an incident bundle, and there are healthy bundles")
{
    std::set<std::string> covered;
    std::size_t healthy = 0;
    for (const fs::path &dir : bundles()) {
        const QJsonObject expected =
            QJsonDocument::fromJson(QByteArray::fromStdString(test::readFile(dir / "expected.json"))).object();
        for (const auto &value : expected.value("findings").toArray())
            covered.insert(s(value.toObject().value("id")));
        healthy += expected.value("no_alarms").toBool() && expected.value("findings").toArray().isEmpty();
    }
    for (const auto id : kb::builtinSymptomIds()) {
        INFO("bundle for " << id);
        CHECK(covered.count(std::string(id)));
    }
    CHECK(healthy >= 2);
}

TEST_CASE("the demo incident in resources/samples shows its three incidents and nothing else alarming")
{
    const auto a = analyzeFolder(test::sourceDir() / "resources" / "samples");
    REQUIRE(a);
    INFO(test::describeFindings(*a));
    const Finding *chunked = test::findingById(*a, "chunked-post-reset");
    REQUIRE(chunked);
    CHECK(chunked->confidence == Confidence::High);
    CHECK(mentions(*chunked, "request #4,000"));
    const Finding *stray = test::findingById(*a, "kb898708");
    REQUIRE(stray);
    CHECK(stray->confidence == Confidence::High);
    CHECK(stray->count == 3);
    const Finding *queue = test::findingById(*a, "service-unavailable-503");
    REQUIRE(queue);
    CHECK(queue->severity == Severity::Critical);
    CHECK(queue->count == 180);
    CHECK(test::alarms(*a).size() == 3);
    // The capture's clock runs 2.4 s fast; the estimate finds it.
    REQUIRE(a->clockOffsets.size() == 1);
    CHECK(a->clockOffsets[0].applied);
    CHECK(std::llabs(a->clockOffsets[0].offset + 2'400'000) <= 600'000);
}
