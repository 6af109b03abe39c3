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

TEST_CASE("corpus: every real SAZ sample", "[exports][corpus]")
{
    const auto dir = hs::test::sharedDataDir() / "saz";
    if (!std::filesystem::is_directory(dir)) {
        WARN("shared SAZ samples not found at " << dir.string() << "; skipped");
        return;
    }
    // Fiddler 5 capture of Edge 139 on httpbin.org (decrypted HTTPS): six sessions on four client
    // sockets (x-clientport 64971 twice, 55703 twice, 55709, 57709), all 200; session 2 (/stream/5)
    // has a chunked response, session 6 is a form POST. Timers are -07:00 local times.
    static const std::map<std::string, Expected> expected = {
        {"httpbin-test.saz", {6, 6, 6, 0, 4, {{200, 6}}, {}, "Fiddler (client: msedge)"}},
    };
    std::size_t files = 0;
    for (const auto &f : std::filesystem::directory_iterator(dir)) {
        const std::string name = f.path().filename().string();
        INFO(name);
        StringPool pool;
        const auto src = readSingleFile(f.path(), pool);
        REQUIRE(src);
        CHECK(src->format == FormatId::Saz);
        REQUIRE(src->capture);
        ++files;
        const Expected *e = lookup(expected, name);
        if (!e) {
            CHECK(src->readCompleted);
            continue;
        }
        checkSource(*src, *e);
        if (name.find("httpbin-test.saz") == std::string::npos)
            continue;
        const CaptureData &cap = *src->capture;
        REQUIRE(cap.connections.size() == 4);
        CHECK(cap.connections[0].key() == "127.0.0.1:64971->44.195.242.49:443");
        CHECK(cap.connections[0].harConnection == 64982);
        CHECK(cap.connections[0].transactionCount == 2);
        CHECK(cap.connections[1].key() == "127.0.0.1:55703->44.195.242.49:443");
        CHECK(cap.connections[1].transactionCount == 2);
        REQUIRE(cap.transactions.size() == 6);
        const Transaction &stream = cap.transactions[1];
        CHECK(pool.view(stream.target) == "https://httpbin.org/stream/5");
        CHECK(stream.responseFraming == BodyFraming::Chunked);
        CHECK(stream.responseComplete);
        const Transaction &post = cap.transactions[5];
        CHECK(pool.view(post.method) == "POST");
        CHECK(post.requestComplete);
        CHECK(post.requestBodyBytes > 0);
        // Session 1: FiddlerBeginRequest 11:33:40.2713745-07:00, ServerBeginResponse 11:33:41.4264004.
        CHECK(cap.transactions[0].requestTime == hs::test::utc("2025-08-30T18:33:40.271374Z"));
        CHECK(cap.transactions[0].responseTime == hs::test::utc("2025-08-30T18:33:41.426400Z"));
    }
    CHECK(files >= expected.size());
}
