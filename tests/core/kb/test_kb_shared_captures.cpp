// SPDX-License-Identifier: MIT
// The detectors on real captures (../shared/data/pcap, read at test time, never copied): healthy
// traffic — a prompt 100-continue, keep-alive reuse, chunked uploads, IIS 6.0 range downloads with
// client resets — must raise no warning; the crafted framing/expectation cases must be recognised.
// Skipped when the shared folder is absent.
#include "kb_test_support.h"
#include "support/catch.h"
#include "support/test_paths.h"
#include "tasks/analyze.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <filesystem>
#include <map>

using namespace hs;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<Analysis> analyzeFile(const fs::path &file)
{
    AnalyzeOptions options;
    options.inputs = {file};
    options.threads = 2;
    CancelToken cancel;
    Progress progress;
    return analyze(options, cancel, progress);
}

} // namespace

TEST_CASE("real captures: no alarms on healthy traffic, crafted anomalies recognised")
{
    const fs::path dir = test::sharedDataDir() / "pcap";
    if (!fs::is_directory(dir)) {
        WARN("skipped: " << dir.string() << " is absent");
        return;
    }
    const std::vector<std::string> healthy = {
        "zeek__zeek__testing__btest__Traces__http__100-continue.pcap",
        "zeek__zeek__testing__btest__Traces__http__http-body-match.pcap",
        "zeek__zeek__testing__btest__Traces__http__pipelined-requests.pcap",
        "zeek__zeek__testing__btest__Traces__http__vnd.ms-cab-compressed-multi-conn.pcap",
        "zeek__zeek__testing__btest__Traces__http__206_example_b.pcap",
        "zeek__zeek__testing__btest__Traces__http__byteranges.pcap",
        "zeek__zeek__testing__btest__Traces__http__m57-long-49583-80.pcap",
        "zeek__zeek__testing__btest__Traces__http__missing-zlib-header.pcap",
        "zeek__zeek__testing__btest__Traces__http__version-mismatch.pcap",
        "zeek__zeek__testing__btest__Traces__http__no_crlf.pcap",
        "zeek__zeek__testing__btest__Traces__http__zero-length-bodies-with-drops.pcap",
        "zeek__zeek__testing__btest__Traces__http__docker-http-upgrade.pcap",
        "zeek__zeek__testing__btest__Traces__http__ctu-62604-80.pcap",
        "arkime__arkime__tests__pcap__http-post-upload.pcap",
        "arkime__arkime__tests__pcap__wireshark-retrans.pcap",
        "arkime__arkime__tests__pcap__80211http.pcap",
        "arkime__arkime__tests__pcap__arkime_synthetic.pcap",
        "OISF__suricata-verify__tests__http-event-chunk__input.pcap",
        "OISF__suricata-verify__tests__http-range-file__input.pcap",
    };
    const std::map<std::string, std::string> crafted = {
        {"zeek__zeek__testing__btest__Traces__http__261__variant-04-te_cl_desync.pcap", "ambiguous-framing-te-cl"},
        {"zeek__zeek__testing__btest__Traces__http__261__variant-10-multi_value_te.pcap", "ambiguous-framing-te-cl"},
        {"zeek__zeek__testing__btest__Traces__http__261__variant-07-expect_100_cl0.pcap", "expect-without-body"},
        {"OISF__suricata-verify__tests__http-chunked__input.pcap", "ambiguous-framing-te-cl"},
    };
    std::size_t seen = 0;
    for (const auto &name : healthy) {
        const fs::path file = dir / name;
        if (!fs::exists(file))
            continue;
        ++seen;
        const auto a = analyzeFile(file);
        REQUIRE(a);
        INFO(name << ": " << test::describeFindings(*a));
        CHECK(test::alarms(*a).empty());
    }
    for (const auto &[name, id] : crafted) {
        const fs::path file = dir / name;
        if (!fs::exists(file))
            continue;
        ++seen;
        const auto a = analyzeFile(file);
        REQUIRE(a);
        INFO(name << ": " << test::describeFindings(*a));
        CHECK(test::findingById(*a, id));
    }
    // Every other capture in the folder: the detectors run to the end on whatever it holds.
    for (const auto &e : fs::directory_iterator(dir)) {
        const auto a = analyzeFile(e.path());
        REQUIRE(a);
        for (const auto &f : a->findings) {
            CHECK_FALSE(f.id.empty());
            CHECK_FALSE(f.evidence.empty());
        }
    }
    CHECK(seen > 10);
}
