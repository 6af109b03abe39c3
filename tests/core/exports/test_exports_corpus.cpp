// SPDX-License-Identifier: MIT
// Every real HAR and SAZ sample in ../shared/data is read without a crash, and the counts match what
// was checked by hand in each file (python3 -m json.tool / unzip -l, entry by entry). Oddities of the
// samples are explained next to their expectations. Skipped when the shared data is absent.
#include "export_test_util.h"
#include "support/catch.h"

#include <filesystem>
#include <map>
#include <string>

using namespace hs;
using hs::test::problemCount;

namespace {

struct Expected {
    std::uint64_t entries, requests, responses, interim, connections;
    std::map<std::uint16_t, std::uint64_t> statuses; // final responses by status
    std::map<std::string, std::uint64_t> problems;   // by category
    std::string application;
};

// Keyed by the end of the file name (the samples' names carry their origin as a prefix).
const std::map<std::string, Expected> &harExpectations()
{
    static const std::map<std::string, Expected> expected = {
        // One Charles 4.6.3 entry, dns/connect/ssl timings and no connection id.
        {"charles.har", {1, 1, 1, 0, 1, {{200, 1}}, {}, "Charles Proxy 4.6.3"}},
        // Chrome: three entries pasted together from exports months apart (March and July 2023), so
        // entry 3 names "page_2" while log.pages only has "page_1"; entry 2 failed with
        // net::ERR_INTERNET_DISCONNECTED (status 0, empty httpVersion); h2 and h3 entries.
        {"chrome.har",
         {3, 3, 2, 0, 3, {{200, 1}, {304, 1}}, {{"failed-entry", 1}, {"unknown-page", 1}}, "WebInspector 537.36"}},
        // Firefox 111: 14 entries, 11 connections. Firefox writes the server port as "connection"
        // ("443"), so entries 1, 10, 11 and 13 (13.35.121.55) share one connection and entry 12
        // (52.218.234.208) has its own; the other 9 name no connection. Entries 2-6 are cache hits
        // with "timings": {} and no server address.
        {"firefox.har", {14, 14, 14, 0, 11, {{200, 10}, {304, 4}}, {{"missing-timings", 5}}, "Firefox 111.0.1"}},
        // HEAD with Content-Length 78258 and no body: framing None (HEAD responses have no body).
        {"head-content-length.har", {1, 1, 1, 0, 1, {{200, 1}}, {}, "Firefox 111.0.1"}},
        // Chrome h2 POST with postData; with-bom.har is the same file saved with a UTF-8 BOM.
        {"postdata.har", {1, 1, 1, 0, 1, {{200, 1}}, {}, "WebInspector 537.36"}},
        {"with-bom.har", {1, 1, 1, 0, 1, {{200, 1}}, {}, "WebInspector 537.36"}},
    };
    return expected;
}

const Expected *lookup(const std::map<std::string, Expected> &table, const std::string &name)
{
    for (const auto &[suffix, e] : table)
        if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            return &e;
    return nullptr;
}

void checkSource(const Source &src, const Expected &e)
{
    const CaptureData &cap = *src.capture;
    CHECK(src.readCompleted);
    CHECK(cap.packets == e.entries);
    CHECK(cap.httpRequests == e.requests);
    CHECK(cap.httpResponses == e.responses);
    CHECK(cap.httpInterim == e.interim);
    CHECK(cap.connections.size() == e.connections);
    CHECK(cap.application == e.application);
    std::map<std::uint16_t, std::uint64_t> statuses;
    for (const Transaction &t : cap.transactions)
        if (t.hasResponse)
            ++statuses[t.status];
    CHECK(statuses == e.statuses);
    std::map<std::string, std::uint64_t> problems(src.problems.countsByCategory().begin(),
                                                  src.problems.countsByCategory().end());
    CHECK(problems == e.problems);
    for (const Transaction &t : cap.transactions) {
        // Sane times: every request has one, inside the source's range.
        CHECK(t.requestTime != kNoTime);
        CHECK(t.requestTime >= src.first);
        CHECK((t.responseEndTime == kNoTime || t.responseEndTime <= src.last));
    }
}

} // namespace

TEST_CASE("corpus: every real HAR sample", "[exports][corpus]")
{
    const auto dir = hs::test::sharedDataDir() / "har";
    if (!std::filesystem::is_directory(dir)) {
        WARN("shared HAR samples not found at " << dir.string() << "; skipped");
        return;
    }
    std::size_t files = 0;
    for (const auto &f : std::filesystem::directory_iterator(dir)) {
        const std::string name = f.path().filename().string();
        INFO(name);
        StringPool pool;
        const auto src = readSingleFile(f.path(), pool);
        REQUIRE(src);
        CHECK(src->format == FormatId::Har);
        REQUIRE(src->capture);
        ++files;
        const Expected *e = lookup(harExpectations(), name);
        if (!e) {
            // A sample added later: it must still be read completely.
            CHECK(src->readCompleted);
            continue;
        }
        checkSource(*src, *e);
    }
    CHECK(files >= harExpectations().size());
}
