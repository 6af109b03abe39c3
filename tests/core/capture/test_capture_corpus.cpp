// SPDX-License-Identifier: MIT
// Every capture in ../shared/data/pcap (real-world samples, read at test time only): read without
// a crash, frame counts as capinfos reports them, and HTTP request/response counts checked two
// ways: against counts asserted here after checking each file by hand, and, when tshark is
// installed, against tshark run on the same file now. Every disagreement with tshark is explained
// next to its numbers.
#include "capture_test_util.h"
#include "support/catch.h"
#include "support/test_paths.h"
#include "tasks/open_input.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

using namespace hs;

namespace {

struct Expected {
    std::uint64_t packets;
    std::uint64_t requests, finals, interims; // ours
    int tsharkRequests, tsharkResponses;      // tshark: frames with http.request / response codes (1xx included)
    const char *why;                          // why the two differ; empty when they agree
};

// tshark runs with -o tcp.reassemble_out_of_order:TRUE so that both tools reassemble alike; its
// response count counts status codes, so a frame holding three pipelined responses counts three.
const std::map<std::string, Expected> kExpected = {
    {"OISF__suricata-verify__tests__http-chunked__input.pcap", {5, 1, 0, 0, 1, 0, ""}},
    {"OISF__suricata-verify__tests__http-evader__http-evader-447__input.pcap",
     {8, 1, 0, 1, 1, 1, ""}}, // an unsolicited 100 Continue is the only response: interim
    {"OISF__suricata-verify__tests__http-event-chunk__input.pcap", {12, 1, 1, 0, 1, 1, ""}},
    {"OISF__suricata-verify__tests__http-mime-truncated__input.pcap",
     {2696, 8, 8, 0, 8, 8, ""}}, // the file ends mid-packet: a located "truncated" problem
    {"OISF__suricata-verify__tests__http-range-file__input.pcap", {316, 15, 15, 0, 15, 15, ""}},
    {"OISF__suricata-verify__tests__tcp-rst-unacked-stream-11__TLPW1-tcp-47.32.209.86-10.11.23.101-tcp-80-49470.pcap",
     {30, 2, 2, 0, 2, 1,
      "the second 200's head is in frame 9, but five of its body segments were never captured: we count the "
      "response (flagged with gaps, incomplete), tshark never finishes reassembling it and shows no response"}},
    {"arkime__arkime__tests__pcap__80211http.pcap", {26, 7, 7, 0, 7, 7, ""}}, // 802.11 + radiotap
    {"arkime__arkime__tests__pcap__CVE-2018-6794.pcap", {33, 2, 3, 0, 2, 3, ""}},
    {"arkime__arkime__tests__pcap__arkime_synthetic.pcap",
     {918, 27, 27, 0, 26, 26,
      "SIP over TCP (10.9.16.1:5060, frame 889): 'OPTIONS sip:probe@edge.test SIP/2.0' and its 'SIP/2.0 200 OK' "
      "are taken by the HTTP layer as a request and a response with bad start lines; tshark dissects them as "
      "SIP"}},
    {"arkime__arkime__tests__pcap__http-post-upload.pcap", {34, 3, 3, 0, 3, 3, ""}},
    {"arkime__arkime__tests__pcap__wireshark-retrans.pcap",
     {108, 4, 4, 0, 4, 4, ""}}, // 47 retransmissions; tshark without out-of-order reassembly reports 6 responses
    {"zeek__zeek__testing__btest__Traces__http__100-continue.pcap", {66, 1, 1, 1, 1, 2, ""}},
    {"zeek__zeek__testing__btest__Traces__http__206_example_b.pcap", {1556, 3, 3, 0, 3, 3, ""}},
    {"zeek__zeek__testing__btest__Traces__http__261__variant-01-chunk_2pow64_overflow.pcap",
     {8, 2, 0, 0, 1, 0,
      "crafted smuggling case: the chunk size overflows 2^64, the parser flags it and resumes at the smuggled "
      "'GET /smuggled-chunk-2pow64' that follows; tshark keeps it inside the first request"}},
    {"zeek__zeek__testing__btest__Traces__http__261__variant-04-te_cl_desync.pcap",
     {8, 2, 0, 0, 1, 0,
      "Transfer-Encoding and Content-Length together: the chunked body ends at '0', and 'GET /smuggled-te-cl' "
      "after it is a second request (as a TE-honouring server sees it); tshark uses Content-Length"}},
    {"zeek__zeek__testing__btest__Traces__http__261__variant-07-expect_100_cl0.pcap",
     {8, 2, 0, 0, 1, 0,
      "Expect: 100-continue with Content-Length: 0 (flagged expect-without-body); 'GET /smuggled-expect-100' "
      "follows as a second request; tshark waits for a body"}},
    {"zeek__zeek__testing__btest__Traces__http__261__variant-09-te_obs_fold.pcap",
     {8, 2, 0, 0, 1, 0,
      "Transfer-Encoding folded onto a continuation line (flagged); unfolded it is chunked, so "
      "'GET /smuggled-obsfold' after '0' is a second request"}},
    {"zeek__zeek__testing__btest__Traces__http__261__variant-10-multi_value_te.pcap",
     {8, 2, 0, 0, 1, 0,
      "'Transfer-Encoding: chunked, identity' (flagged unknown coding); 'GET /smuggled-multi-te' after the last "
      "chunk is a second request"}},
    {"zeek__zeek__testing__btest__Traces__http__byteranges.pcap", {68, 1, 1, 0, 1, 1, ""}},
    {"zeek__zeek__testing__btest__Traces__http__ctu-62604-80.pcap", {20, 1, 1, 0, 1, 1, ""}},
    {"zeek__zeek__testing__btest__Traces__http__deeply-nested-mime.pcap", {55, 1, 1, 0, 1, 1, ""}},
    {"zeek__zeek__testing__btest__Traces__http__docker-http-upgrade.pcap", {200, 6, 6, 0, 6, 6, ""}},
    {"zeek__zeek__testing__btest__Traces__http__http-11-request-then-cruft.pcap",
     {20, 2, 2, 0, 1, 2,
      "after the GET the client sends 'T / HTTP' (frame 10), which nginx answers with 400: we count it as a "
      "request with a bad request line, tshark does not"}},
    {"zeek__zeek__testing__btest__Traces__http__http-body-match.pcap", {207, 10, 10, 3, 10, 13, ""}},
    {"zeek__zeek__testing__btest__Traces__http__http-desync-request-response-5.pcap",
     {53, 5, 7, 0, 5, 7, ""}}, // frame 31 holds three responses
    {"zeek__zeek__testing__btest__Traces__http__m57-long-49583-80.pcap", {227, 3, 3, 0, 3, 3, ""}},
    {"zeek__zeek__testing__btest__Traces__http__methods.pcap",
     {655, 23, 49, 0, 27, 49,
      "four requests are not recognised by the HTTP layer: three 'CCM_POST' extension-method requests (frames "
      "319, 329, 359) and a bare 'OPTIONS' line without target or version (frame 34); Google's 400/405 answers "
      "to them are counted as responses without a request"}},
    {"zeek__zeek__testing__btest__Traces__http__missing-zlib-header.pcap", {28, 2, 2, 0, 2, 2, ""}},
    {"zeek__zeek__testing__btest__Traces__http__no_crlf.pcap", {1519, 5, 5, 0, 5, 5, ""}},
    {"zeek__zeek__testing__btest__Traces__http__pipelined-requests.pcap", {49, 5, 5, 0, 5, 5, ""}},
    {"zeek__zeek__testing__btest__Traces__http__smuggle-http-request.pcap", {23, 2, 2, 0, 2, 2, ""}},
    {"zeek__zeek__testing__btest__Traces__http__version-mismatch.pcap", {24, 2, 2, 0, 2, 2, ""}},
    {"zeek__zeek__testing__btest__Traces__http__vnd.ms-cab-compressed-multi-conn.pcap", {158, 5, 5, 0, 5, 5, ""}},
    {"zeek__zeek__testing__btest__Traces__http__zero-length-bodies-with-drops.pcap",
     {44, 7, 8, 0, 3, 3,
      "the capture dropped segments: with out-of-order reassembly on, tshark stalls at the first hole and "
      "dissects only 3 requests and 3 responses (without it, it reports 7 and 8 like us); we deliver the holes "
      "as gaps and the HTTP layer resumes at the next message"}},
};

bool haveTshark()
{
    static const bool have = std::system("tshark -v > /dev/null 2>&1") == 0;
    return have;
}

// Runs tshark and counts non-empty output lines (or comma-separated values in them).
int tsharkCount(const std::filesystem::path &file, const std::string &filter, const std::string &field,
                bool splitCommas)
{
    const std::string command = "tshark -o tcp.reassemble_out_of_order:TRUE -r '" + file.string() + "' -Y " + filter +
                                " -T fields -e " + field + " 2>/dev/null";
    FILE *pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    int count = 0;
    char line[4096];
    while (std::fgets(line, sizeof line, pipe)) {
        std::string s(line);
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
            s.pop_back();
        if (s.empty())
            continue;
        if (!splitCommas) {
            ++count;
            continue;
        }
        for (std::size_t start = 0;;) {
            const std::size_t comma = s.find(',', start);
            if (comma != start && start < s.size())
                ++count;
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }
    pclose(pipe);
    return count;
}

} // namespace

TEST_CASE("shared pcap corpus: read, counted, compared with tshark", "[capture][corpus]")
{
    const std::filesystem::path dir = test::sharedDataDir() / "pcap";
    if (!std::filesystem::is_directory(dir)) {
        WARN("skipped: " << dir << " is absent");
        return;
    }
    if (!haveTshark())
        WARN("tshark is not installed: comparing with the hand-checked counts only");
    std::size_t seen = 0;
    for (const auto &entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        INFO(name);
        StringPool strings;
        const auto source = readSingleFile(entry.path(), strings);
        REQUIRE(source);
        REQUIRE(source->capture);
        INFO(test::describeCapture(*source, strings));
        const CaptureData &c = *source->capture;
        CHECK(source->format == FormatId::Pcap);
        CHECK(source->readCompleted);
        CHECK(source->records == c.transactions.size());
        const auto it = kExpected.find(name);
        if (it == kExpected.end()) {
            FAIL_CHECK("a new file in the corpus: check it by hand and add its counts here");
            continue;
        }
        ++seen;
        const Expected &e = it->second;
        CHECK(c.packets == e.packets);
        CHECK(c.httpRequests == e.requests);
        CHECK(c.httpResponses == e.finals);
        CHECK(c.httpInterim == e.interims);
        if (!haveTshark())
            continue;
        const int tsharkRequests = tsharkCount(entry.path(), "http.request", "frame.number", false);
        const int tsharkResponses = tsharkCount(entry.path(), "http.response", "http.response.code", true);
        CHECK(tsharkRequests == e.tsharkRequests);
        CHECK(tsharkResponses == e.tsharkResponses);
        const bool agree = tsharkRequests == static_cast<int>(c.httpRequests) &&
                           tsharkResponses == static_cast<int>(c.httpResponses + c.httpInterim);
        if (agree)
            CHECK(std::string(e.why).empty());
        else
            CHECK_FALSE(std::string(e.why).empty()); // every disagreement is explained above
    }
    CHECK(seen == kExpected.size());
}

TEST_CASE("shared corpus: the truncated capture reports where it ends", "[capture][corpus]")
{
    const std::filesystem::path file =
        test::sharedDataDir() / "pcap" / "OISF__suricata-verify__tests__http-mime-truncated__input.pcap";
    if (!std::filesystem::exists(file)) {
        WARN("skipped: " << file << " is absent");
        return;
    }
    StringPool strings;
    const auto source = readSingleFile(file, strings);
    REQUIRE(source);
    bool truncated = false;
    for (const Problem &p : source->problems.stored())
        if (p.category == "truncated") {
            truncated = true;
            CHECK(p.frame == 2697);
            CHECK(p.offset != Problem::kNoOffset);
        }
    CHECK(truncated);
}
