// SPDX-License-Identifier: MIT
// HTTP parser micro-benchmark: the HTTP layer alone (no pcap, no TCP), fed as the TCP layer feeds
// it. A deterministic generator builds connections of IIS-like traffic (browser GETs with real
// header sets, POSTs with Content-Length and chunked bodies, Expect: 100-continue, 304s, chunked
// responses), cuts each direction into 1460-byte segments and interleaves them in capture order.
// The streams are built once in memory; only HttpConversation is timed.
//
//   bench_http_parser [--mb N] [--runs N]
//
// Three workloads: "mixed" (typical page + API traffic), "small" (tiny bodies: head parsing
// dominates, the worst case per byte) and "bulk" (large downloads and uploads: body counting).
// Prints one JSON line per workload: MB/s of payload, transactions/s.
#include "capture/http/http_conversation.h"
#include "model/source.h"
#include "model/string_pool.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct Segment {
    hs::Dir dir;
    std::uint32_t offset; // into the connection's byte store
    std::uint32_t length;
};

struct Conn {
    std::string bytes; // both directions' payload, segments point into it
    std::vector<Segment> segments;
    std::uint32_t transactions = 0;
};

// Small deterministic generator (xorshift), so every run parses the same bytes.
struct Rng {
    std::uint64_t s = 0x9E3779B97F4A7C15ull;
    std::uint64_t next()
    {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }
};

constexpr std::uint32_t kMss = 1460;

void emit(Conn &c, hs::Dir dir, const std::string &message)
{
    for (std::size_t at = 0; at < message.size(); at += kMss) {
        const auto n = static_cast<std::uint32_t>(std::min<std::size_t>(kMss, message.size() - at));
        c.segments.push_back({dir, static_cast<std::uint32_t>(c.bytes.size()), n});
        c.bytes.append(message, at, n);
    }
}

std::string browserHead(Rng &r, const char *method, std::uint32_t n)
{
    static const char *kPaths[] = {"/",
                                   "/default.aspx",
                                   "/api/orders",
                                   "/Content/site.css",
                                   "/Scripts/app.js",
                                   "/images/logo.png",
                                   "/api/customers/search",
                                   "/WebService.asmx"};
    std::string h = std::string(method) + " " + kPaths[r.below(8)] + "?id=" + std::to_string(n) +
                    "&v=" + std::to_string(r.below(100000)) + " HTTP/1.1\r\n";
    h += "Host: www.contoso.example\r\n"
         "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0\r\n"
         "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8\r\n"
         "Accept-Language: en-US,en;q=0.9\r\n"
         "Accept-Encoding: gzip, deflate, br\r\n"
         "Cookie: ASP.NET_SessionId=xkq2v1mbx3pqj5n0ecw4lyt2; .ASPXAUTH=8F3E6A1C0D9B4E7F2A5C8D1E4F7A0B3C\r\n"
         "Referer: https://www.contoso.example/default.aspx\r\n"
         "Connection: keep-alive\r\n";
    return h;
}

std::string responseHead(std::uint16_t status, const char *reason, const std::string &framing)
{
    return "HTTP/1.1 " + std::to_string(status) + " " + reason +
           "\r\nCache-Control: private\r\nContent-Type: text/html; charset=utf-8\r\nServer: Microsoft-IIS/10.0\r\n"
           "X-AspNet-Version: 4.0.30319\r\nX-Powered-By: ASP.NET\r\nDate: Tue, 21 Nov 2026 10:00:00 GMT\r\n" +
           framing + "\r\n";
}

std::string chunked(std::uint32_t bytes)
{
    std::string out;
    char line[32];
    while (bytes) {
        const std::uint32_t n = std::min<std::uint32_t>(bytes, 8192);
        std::snprintf(line, sizeof line, "%x\r\n", n);
        out += line;
        out.append(n, 'c');
        out += "\r\n";
        bytes -= n;
    }
    return out + "0\r\n\r\n";
}

// One transaction of the given workload, appended to the connection in capture order.
void transaction(Conn &c, Rng &r, const std::string &workload)
{
    const std::uint32_t n = c.transactions++;
    const auto bodySize = [&](std::uint32_t smallMax, std::uint32_t mixedMax, std::uint32_t bulkMax) {
        if (workload == "small")
            return r.below(smallMax) + 1;
        if (workload == "bulk")
            return bulkMax / 2 + r.below(bulkMax / 2);
        return r.below(mixedMax) + 1;
    };
    const std::uint32_t kind = r.below(10);
    if (kind < 6) { // GET → 200 with Content-Length
        emit(c, hs::kToServer, browserHead(r, "GET", n) + "\r\n");
        const std::uint32_t size = bodySize(200, 40000, 2'000'000);
        emit(c, hs::kToClient,
             responseHead(200, "OK", "Content-Length: " + std::to_string(size) + "\r\n") + std::string(size, 'x'));
    } else if (kind < 7) { // conditional GET → 304
        emit(c, hs::kToServer, browserHead(r, "GET", n) + "If-None-Match: \"1d9-5f\"\r\n\r\n");
        emit(c, hs::kToClient, responseHead(304, "Not Modified", ""));
    } else if (kind < 8) { // GET → chunked response
        emit(c, hs::kToServer, browserHead(r, "GET", n) + "\r\n");
        const std::uint32_t size = bodySize(300, 60000, 3'000'000);
        emit(c, hs::kToClient, responseHead(200, "OK", "Transfer-Encoding: chunked\r\n") + chunked(size));
    } else if (kind < 9) { // POST with Expect: 100-continue
        const std::uint32_t size = bodySize(100, 20000, 4'000'000);
        emit(c, hs::kToServer,
             browserHead(r, "POST", n) + "Content-Type: application/json\r\nContent-Length: " + std::to_string(size) +
                 "\r\nExpect: 100-continue\r\n\r\n");
        emit(c, hs::kToClient, "HTTP/1.1 100 Continue\r\n\r\n");
        emit(c, hs::kToServer, std::string(size, 'p'));
        emit(c, hs::kToClient, responseHead(200, "OK", "Content-Length: 2\r\n") + "{}");
    } else { // chunked POST (the KB967853 pattern)
        const std::uint32_t size = bodySize(100, 20000, 4'000'000);
        emit(c, hs::kToServer,
             browserHead(r, "POST", n) + "Transfer-Encoding: chunked\r\nContent-Type: text/xml\r\n\r\n" +
                 chunked(size));
        emit(c, hs::kToClient, responseHead(200, "OK", "Content-Length: 0\r\n"));
    }
}

struct Workload {
    std::string name;
    std::vector<Conn> conns;
    std::uint64_t bytes = 0;
    std::uint64_t transactions = 0;
};

Workload build(const std::string &name, std::uint64_t targetBytes)
{
    Workload w;
    w.name = name;
    Rng r;
    while (w.bytes < targetBytes) {
        Conn c;
        const std::uint32_t count = name == "bulk" ? 4 + r.below(8) : 20 + r.below(80);
        for (std::uint32_t i = 0; i < count; ++i)
            transaction(c, r, name);
        w.bytes += c.bytes.size();
        w.transactions += c.transactions;
        w.conns.push_back(std::move(c));
    }
    return w;
}

double runOnce(const Workload &w, std::uint64_t &parsed)
{
    hs::StringPool pool;
    hs::InternCache cache(pool);
    hs::CaptureData out;
    out.connections.resize(w.conns.size());
    hs::HttpConversationOptions options;
    options.internCache = &cache;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < w.conns.size(); ++i) {
        const Conn &c = w.conns[i];
        hs::Connection &k = out.connections[i];
        k.sawSyn = k.sawSynAck = true;
        hs::HttpConversation conv(pool, out, k, static_cast<std::uint32_t>(i), options);
        std::uint64_t frame = 0;
        for (const Segment &s : c.segments) {
            ++frame;
            conv.onData(s.dir, std::string_view(c.bytes).substr(s.offset, s.length),
                        static_cast<hs::TimeUs>(frame) * 100, frame);
        }
        conv.onFin(hs::kToClient, static_cast<hs::TimeUs>(frame + 1) * 100, frame + 1);
        conv.finish(static_cast<hs::TimeUs>(frame + 1) * 100);
    }
    const auto end = std::chrono::steady_clock::now();
    parsed = out.transactions.size();
    return std::chrono::duration<double>(end - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    std::uint64_t mb = 256;
    int runs = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--mb"))
            mb = std::strtoull(argv[i + 1], nullptr, 10);
        else if (!std::strcmp(argv[i], "--runs"))
            runs = std::atoi(argv[i + 1]);
    }
    for (const char *name : {"mixed", "small", "bulk"}) {
        const Workload w = build(name, mb << 20);
        double best = 1e9;
        std::uint64_t parsed = 0;
        for (int i = 0; i < runs; ++i)
            best = std::min(best, runOnce(w, parsed));
        if (parsed != w.transactions) {
            std::fprintf(stderr, "%s: parsed %llu transactions, generated %llu\n", name,
                         static_cast<unsigned long long>(parsed), static_cast<unsigned long long>(w.transactions));
            return 1;
        }
        std::printf("{\"workload\":\"%s\",\"bytes\":%llu,\"connections\":%zu,\"transactions\":%llu,"
                    "\"seconds\":%.4f,\"mb_per_s\":%.1f,\"transactions_per_s\":%.0f}\n",
                    name, static_cast<unsigned long long>(w.bytes), w.conns.size(),
                    static_cast<unsigned long long>(w.transactions), best, w.bytes / best / 1e6, w.transactions / best);
    }
    return 0;
}
