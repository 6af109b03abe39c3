// SPDX-License-Identifier: MIT
// Fuzzes HttpConversation with two-direction conversations: the input is a little script of
// records (data for either direction, gaps of any length, FIN, RST), decoded by decodeScript
// below; tests/fuzz/seeds/http/make_seeds.py writes seeds in this format.
//
// Each input runs three times: every data record in one call, every record cut where its split
// byte says, and (for small inputs) byte by byte. The three results must be identical (the
// parser is split-invariant by contract) and must satisfy the CaptureData contract; any
// difference traps.
//
// Record format: byte 0 holds options (bit 0: handshake seen; bits 1-3: maxHeaderBytes choice;
// bits 4-6: resync look-ahead choice). Then records, each starting with a tag byte:
//   tag & 0x0f: 0 data (u16 LE length, bytes), 1 gap (u32 LE length), 2 FIN, 3 RST,
//               other values: data whose length is the next byte;
//   tag bit 4: direction (0 client->server, 1 server->client);
//   tag bits 5-7: where the split run cuts a data record (eighths of its length).
#include "capture/http/http_conversation.h"
#include "model/source.h"
#include "model/string_pool.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Step {
    enum class Kind : std::uint8_t { Data, Gap, Fin, Rst } kind = Kind::Data;
    hs::Dir dir = hs::kToServer;
    std::string_view bytes;
    std::uint64_t gap = 0;
    unsigned cut = 0; // eighths
};

struct Script {
    bool handshake = true;
    hs::HttpConversationOptions options;
    std::vector<Step> steps;
};

Script decodeScript(const std::uint8_t *data, std::size_t size)
{
    Script s;
    if (size == 0)
        return s;
    const unsigned flags = data[0];
    s.handshake = flags & 1;
    static constexpr std::size_t kHeadLimits[8] = {256u << 10, 64, 128, 512, 1024, 4096, 16384, 65536};
    static constexpr std::uint64_t kLookahead[8] = {1u << 20, 16, 64, 256, 1024, 4096, 65536, 1u << 24};
    s.options.maxHeaderBytes = kHeadLimits[(flags >> 1) & 7];
    s.options.resyncLookahead = kLookahead[(flags >> 4) & 7];
    s.options.headArenaBudget = 4096;
    std::size_t pos = 1;
    const auto take = [&](std::size_t n) {
        const std::size_t k = std::min(n, size - pos);
        const std::string_view v(reinterpret_cast<const char *>(data + pos), k);
        pos += k;
        return v;
    };
    const auto number = [&](unsigned bytes) {
        std::uint64_t v = 0;
        for (unsigned i = 0; i < bytes && pos < size; ++i)
            v |= static_cast<std::uint64_t>(data[pos++]) << (8 * i);
        return v;
    };
    while (pos < size) {
        const unsigned tag = data[pos++];
        Step step;
        step.dir = (tag & 0x10) ? hs::kToClient : hs::kToServer;
        step.cut = tag >> 5;
        switch (tag & 0x0f) {
        case 0: step.bytes = take(number(2)); break;
        case 1:
            step.kind = Step::Kind::Gap;
            step.gap = number(4);
            break;
        case 2: step.kind = Step::Kind::Fin; break;
        case 3: step.kind = Step::Kind::Rst; break;
        default: step.bytes = take(number(1)); break;
        }
        s.steps.push_back(step);
    }
    return s;
}

enum class Feed { Whole, Cut, Bytewise };

struct Result {
    hs::CaptureData capture;
    hs::Connection connection;
    bool mayBeHttp = false;
    bool upgraded = false;
};

void run(const Script &s, Feed feed, hs::StringPool &pool, Result &out)
{
    out.connection.sawSyn = s.handshake;
    out.connection.midstream = !s.handshake;
    hs::InternCache cache(pool);
    hs::HttpConversationOptions options = s.options;
    options.internCache = &cache;
    hs::HttpConversation conv(pool, out.capture, out.connection, 7, options);
    std::uint64_t frame = 0;
    for (const Step &step : s.steps) {
        ++frame;
        const hs::TimeUs time = static_cast<hs::TimeUs>(frame) * 1000;
        switch (step.kind) {
        case Step::Kind::Data:
            if (feed == Feed::Whole) {
                conv.onData(step.dir, step.bytes, time, frame);
            } else if (feed == Feed::Cut) {
                const std::size_t cut = step.bytes.size() * step.cut / 8;
                conv.onData(step.dir, step.bytes.substr(0, cut), time, frame);
                conv.onData(step.dir, step.bytes.substr(cut), time, frame);
            } else {
                for (std::size_t i = 0; i < step.bytes.size(); ++i)
                    conv.onData(step.dir, step.bytes.substr(i, 1), time, frame);
            }
            break;
        case Step::Kind::Gap: conv.onGap(step.dir, step.gap, time, frame); break;
        case Step::Kind::Fin: conv.onFin(step.dir, time, frame); break;
        case Step::Kind::Rst: conv.onReset(step.dir, time, frame); break;
        }
        (void)conv.mayBeHttp();
    }
    conv.finish(static_cast<hs::TimeUs>(frame + 1) * 1000);
    out.mayBeHttp = conv.mayBeHttp();
    out.upgraded = conv.upgraded();
}

void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

// The CaptureData contract and the Transaction invariants the detectors rely on.
void checkContract(const Result &r, const hs::HttpConversationOptions &options)
{
    const hs::CaptureData &c = r.capture;
    check(r.connection.firstTransaction == 0);
    check(r.connection.transactionCount == c.transactions.size());
    check(c.headArena.size() <= options.headArenaBudget);
    std::uint64_t requests = 0, responses = 0, interims = 0;
    for (std::size_t i = 0; i < c.transactions.size(); ++i) {
        const hs::Transaction &t = c.transactions[i];
        check(t.id.value == i && t.indexInConnection == i && t.connection.value == 7);
        check(t.requestHeadOffset + t.requestHeadSize <= c.headArena.size());
        check(t.responseHeadOffset + t.responseHeadSize <= c.headArena.size());
        check(t.hasRequest || t.hasResponse || !t.interims.empty());
        check(!t.requestComplete || t.hasRequest);
        check(!t.responseComplete || t.hasResponse);
        check(t.requestBodyBytes == 0 || t.requestBodyFirstFrame != 0);
        for (const hs::InterimResponse &im : t.interims)
            check(im.status >= 100 && im.status < 200 && im.status != 101 && (!im.afterFinal || t.hasResponse));
        requests += t.hasRequest;
        responses += t.hasResponse;
        interims += t.interims.size();
    }
    check(c.httpRequests == requests && c.httpResponses == responses && c.httpInterim == interims);
    check(!r.upgraded || r.connection.upgraded);
}

bool same(const Result &a, const Result &b)
{
    const auto &x = a.capture.transactions;
    const auto &y = b.capture.transactions;
    if (x.size() != y.size() || a.mayBeHttp != b.mayBeHttp || a.upgraded != b.upgraded ||
        a.connection.protocol != b.connection.protocol || a.capture.headArena != b.capture.headArena ||
        a.connection.end.unansweredRequests != b.connection.end.unansweredRequests ||
        a.connection.end.duringRequestBody != b.connection.end.duringRequestBody ||
        a.connection.reset.unansweredRequests != b.connection.reset.unansweredRequests ||
        a.connection.reset.duringRequestBody != b.connection.reset.duringRequestBody)
        return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const hs::Transaction &p = x[i], &q = y[i];
        if (p.hasRequest != q.hasRequest || p.method != q.method || p.target != q.target ||
            p.requestVersion != q.requestVersion || p.requestFraming != q.requestFraming ||
            p.requestTime != q.requestTime || p.requestFrame != q.requestFrame ||
            p.requestHeadEndFrame != q.requestHeadEndFrame || p.requestBodyFirstFrame != q.requestBodyFirstFrame ||
            p.requestBodyLastFrame != q.requestBodyLastFrame || p.requestHeaderBytes != q.requestHeaderBytes ||
            p.requestBodyBytes != q.requestBodyBytes || p.requestChunks != q.requestChunks ||
            p.requestComplete != q.requestComplete || p.interims.size() != q.interims.size() ||
            p.hasResponse != q.hasResponse || p.status != q.status || p.reason != q.reason ||
            p.responseFraming != q.responseFraming || p.responseFrame != q.responseFrame ||
            p.responseEndFrame != q.responseEndFrame || p.responseHeaderBytes != q.responseHeaderBytes ||
            p.responseBodyBytes != q.responseBodyBytes || p.responseComplete != q.responseComplete ||
            p.violations != q.violations || p.request.expect != q.request.expect || p.request.host != q.request.host ||
            p.request.contentLength != q.request.contentLength || p.response.server != q.response.server ||
            p.response.contentLength != q.response.contentLength || p.requestHeadOffset != q.requestHeadOffset ||
            p.responseHeadSize != q.responseHeadSize)
            return false;
        for (std::size_t k = 0; k < p.interims.size(); ++k)
            if (p.interims[k].status != q.interims[k].status || p.interims[k].frame != q.interims[k].frame ||
                p.interims[k].afterFinal != q.interims[k].afterFinal)
                return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Script script = decodeScript(data, size);
    hs::StringPool pool; // one pool: equal strings get equal ids in every run
    Result whole, cut;
    run(script, Feed::Whole, pool, whole);
    checkContract(whole, script.options);
    run(script, Feed::Cut, pool, cut);
    check(same(whole, cut));
    if (size <= 4096) {
        Result bytewise;
        run(script, Feed::Bytewise, pool, bytewise);
        check(same(whole, bytewise));
    }
    return 0;
}
