// SPDX-License-Identifier: MIT
#include "kb/correlate/correlation.h"

#include "formats/text_scan.h"
#include "kb/correlate/candidates.h"
#include "tasks/cancel.h"

#include <algorithm>
#include <unordered_set>

namespace hs::kb {

std::span<const LogRef> HttpErrIndex::reason(const Analysis &a, std::string_view name) const
{
    for (const auto &[id, refs] : byReason)
        if (text::equalsNoCase(a.str(id), name))
            return refs;
    return {};
}

std::span<const std::pair<std::uint32_t, LogRef>> HttpErrIndex::linesOn(ConnectionId connection) const
{
    const auto lo = std::lower_bound(byConnection.begin(), byConnection.end(), connection.value,
                                     [](const auto &p, std::uint32_t c) { return p.first < c; });
    auto hi = lo;
    while (hi != byConnection.end() && hi->first == connection.value)
        ++hi;
    return {lo, hi};
}

ConnectionId HttpErrIndex::connectionOf(LogRef line) const
{
    const auto it = connectionOfLine.find(line.packed());
    return it == connectionOfLine.end() ? ConnectionId{} : it->second;
}

void W3cGroup::add(const AccessRecord &r, LogRef ref)
{
    ++count;
    if (r.time != kNoTime) {
        if (first == kNoTime || r.time < first)
            first = r.time;
        if (last == kNoTime || r.time > last)
            last = r.time;
    }
    if (keepAll || samples.size() < kMaxSamples)
        samples.push_back(ref);
}

const std::vector<PostMark> *postsOf(const Analysis &a, const W3cDigest &d, StrId httpErrClient, const IpAddress &ip)
{
    if (const auto it = d.postsByClient.find(httpErrClient); it != d.postsByClient.end())
        return &it->second;
    if (!ip.valid())
        return nullptr;
    const StrId canonical = a.strings->find(ip.toString());
    if (canonical == StringPool::kNotFound)
        return nullptr;
    const auto it = d.postsByClient.find(canonical);
    return it == d.postsByClient.end() ? nullptr : &it->second;
}

std::pair<std::size_t, std::size_t> candidateRange(const std::vector<W3cCandidate> &bucket, TimeUs from, TimeUs to)
{
    const auto lo = std::lower_bound(bucket.begin(), bucket.end(), from,
                                     [](const W3cCandidate &c, TimeUs t) { return c.time < t; });
    const auto hi = std::upper_bound(lo, bucket.end(), to, [](TimeUs t, const W3cCandidate &c) { return t < c.time; });
    return {static_cast<std::size_t>(lo - bucket.begin()), static_cast<std::size_t>(hi - bucket.begin())};
}

bool candidateFits(const Analysis &a, Correlation &corr, const CandidateIndex &index, const Transaction &t,
                   const W3cCandidate &c)
{
    if (!t.connection.valid())
        return true;
    const Connection &conn = a.connections[t.connection.value];
    if (conn.server.port && c.serverPort && conn.server.port != c.serverPort)
        return false;
    const auto vis = index.clientsVisible.find(t.source.value);
    if (vis == index.clientsVisible.end() || !vis->second || !conn.client.valid())
        return true;
    return corr.addresses.resolve(c.clientIp) == conn.client.ip;
}

namespace {

StrId findId(const Analysis &a, std::string_view text)
{
    const StrId id = a.strings->find(text);
    return id == StringPool::kNotFound ? StringPool::kNotFound : id;
}

// A set of interned ids, one bit per id: tested for every log line, so no hashing.
class IdSet {
public:
    bool insert(StrId id)
    {
        if (id >= bits_.size())
            bits_.resize(static_cast<std::size_t>(id) + 1, false);
        if (bits_[id])
            return false;
        bits_[id] = true;
        ++count_;
        return true;
    }
    bool contains(StrId id) const noexcept { return id < bits_.size() && bits_[id]; }
    bool empty() const noexcept { return count_ == 0; }

private:
    std::vector<bool> bits_; // by id: tested for every line of the logs
    std::size_t count_ = 0;
};

// Clients named by connection-level HTTPERR lines of the watched reasons, as the interned texts a
// W3C log would write for them: the W3C pass then tests an integer id per POST instead of parsing
// addresses (HTTPERR may write a zone id or another IPv6 spelling, so the canonical text counts too).
using WatchedClients = IdSet;

void indexHttpErr(const Analysis &a, Correlation &corr, const CorrelateOptions &options, WatchedClients &watched)
{
    IdSet indexed;
    for (const auto &name : options.indexReasons)
        if (const StrId id = findId(a, name); id != StringPool::kNotFound)
            indexed.insert(id);
    const bool indexAll = options.indexReasons.empty();
    std::vector<StrId> watchReasons;
    for (const auto &name : options.watchPostsForReasons)
        if (const StrId id = findId(a, name); id != StringPool::kNotFound)
            watchReasons.push_back(id);
    HttpErrIndex &idx = corr.httpErr;
    for (const auto &src : a.sources) {
        if (!src->log || src->log->httpErr.empty())
            continue;
        std::uint32_t i = 0;
        src->log->httpErr.forEach([&](const HttpErrRecord &r) {
            const LogRef ref{src->id, i++};
            if (indexAll || indexed.contains(r.reason))
                idx.byReason[r.reason].push_back(ref);
            ++idx.total;
            if (r.time != kNoTime) {
                if (idx.first == kNoTime || r.time < idx.first)
                    idx.first = r.time;
                if (idx.last == kNoTime || r.time > idx.last)
                    idx.last = r.time;
            }
            // Connection-level lines (request fields empty) name the client whose POSTs matter.
            if (r.method == kEmptyStr &&
                std::find(watchReasons.begin(), watchReasons.end(), r.reason) != watchReasons.end() &&
                watched.insert(r.clientIp)) {
                // A dotted quad is already canonical; IPv6 and zone ids may be spelled otherwise.
                const std::string_view text = a.str(r.clientIp);
                if (text.find_first_of(":%") != std::string_view::npos)
                    if (const IpAddress &ip = corr.addresses.resolve(r.clientIp); ip.valid())
                        if (const StrId canonical = a.strings->find(ip.toString()); canonical != StringPool::kNotFound)
                            watched.insert(canonical);
            }
        });
    }
}

struct TimeWindow {
    TimeUs from, to;
};

void scanW3c(const Analysis &a, Correlation &corr, const CorrelateOptions &options, const WatchedClients &watched,
             const std::vector<TimeWindow> &windows, CandidateIndex &candidates)
{
    const StrId post = findId(a, "POST"), put = findId(a, "PUT");
    W3cDigest &d = corr.w3c;
    const bool collect = !windows.empty() && !corr.keys.empty();
    for (const auto &src : a.sources) {
        if (!src->log || src->log->access.empty())
            continue;
        std::uint32_t i = 0;
        src->log->access.forEach([&](const AccessRecord &r) {
            const LogRef ref{src->id, i++};
            ++d.records;
            if (r.time != kNoTime) {
                if (d.first == kNoTime || r.time < d.first)
                    d.first = r.time;
                if (d.last == kNoTime || r.time > d.last)
                    d.last = r.time;
            }
            if (r.win32 != kNoValue32 && r.win32 != 0 &&
                std::find(options.connectionWin32Codes.begin(), options.connectionWin32Codes.end(), r.win32) !=
                    options.connectionWin32Codes.end()) {
                W3cGroup &g = d.byWin32[r.win32];
                g.keepAll = true; // connection-dropped matches them line by line
                g.add(r, ref);
            }
            const bool isPost = r.method == post;
            if (r.status == 413 && (isPost || r.method == put))
                d.rejected413.add(r, ref);
            else if (r.status == 417)
                d.expectationFailed417.add(r, ref);
            if (isPost && !watched.empty() && watched.contains(r.clientIp))
                d.postsByClient[r.clientIp].push_back(PostMark{r.time, ref, r.serverPort});
            if (collect && r.time != kNoTime) {
                bool inside = false;
                for (const auto &w : windows)
                    inside |= r.time >= w.from && r.time <= w.to;
                if (inside) {
                    const RequestKey key = corr.keys.findStem(r.method, r.uriStem);
                    if (key != RequestKeys::kNoKey)
                        candidates.byKey[key].push_back(
                            W3cCandidate{r.time, r.timeTakenMs == kNoValue32 ? 0 : r.timeTakenMs, r.serverPort,
                                         (r.flags & kRecordMillisecondTime) == 0, r.clientIp, ref});
                }
            }
        });
    }
    for (auto &[client, marks] : d.postsByClient)
        std::stable_sort(marks.begin(), marks.end(),
                         [](const PostMark &x, const PostMark &y) { return x.time < y.time; });
    for (auto &[key, bucket] : candidates.byKey)
        std::stable_sort(bucket.begin(), bucket.end(),
                         [](const W3cCandidate &x, const W3cCandidate &y) { return x.time < y.time; });
}

void linkHttpErr(const Analysis &a, Correlation &corr, const CorrelateOptions &options)
{
    if (a.connections.empty() || corr.httpErr.total == 0)
        return;
    std::unordered_map<FourTuple, std::vector<ConnectionId>, FourTupleHash> byTuple;
    // Client ports first: one bit per port rules out almost every line before any address is parsed.
    std::vector<bool> clientPorts(65536, false);
    for (const Connection &c : a.connections)
        if (c.client.valid() && c.server.valid() && c.client.port && c.server.port) {
            byTuple[FourTuple{c.client, c.server}].push_back(c.id);
            clientPorts[c.client.port] = true;
        }
    if (byTuple.empty())
        return;
    HttpErrIndex &idx = corr.httpErr;
    for (const auto &src : a.sources) {
        if (!src->log || src->log->httpErr.empty())
            continue;
        std::uint32_t i = 0;
        src->log->httpErr.forEach([&](const HttpErrRecord &r) {
            const LogRef ref{src->id, i++};
            if (!r.clientPort || !r.serverPort || r.time == kNoTime || !clientPorts[r.clientPort])
                return;
            const IpAddress client = corr.addresses.resolve(r.clientIp);
            const IpAddress server = corr.addresses.resolve(r.serverIp);
            const auto it = byTuple.find(FourTuple{{client, r.clientPort}, {server, r.serverPort}});
            if (it == byTuple.end())
                return;
            // A 4-tuple can be reused over hours (port reuse): take the connection whose lifetime,
            // extended by HTTP.sys' timers, holds the line's time, nearest first.
            ConnectionId best;
            TimeUs bestDistance = 0;
            for (const ConnectionId cid : it->second) {
                const Connection &c = a.connections[cid.value];
                const TimeUs from = alignedTime(a, c.source, c.firstTime) - 2 * kUsPerSecond;
                const TimeUs to = alignedTime(a, c.source, c.lastTime) + options.httpErrLinger;
                if (r.time < from || r.time > to)
                    continue;
                const TimeUs distance = std::max<TimeUs>(0, r.time - alignedTime(a, c.source, c.lastTime));
                if (!best.valid() || distance < bestDistance) {
                    best = cid;
                    bestDistance = distance;
                }
            }
            if (!best.valid())
                return;
            idx.byConnection.emplace_back(best.value, ref);
            idx.connectionOfLine.emplace(ref.packed(), best);
        });
    }
    std::stable_sort(idx.byConnection.begin(), idx.byConnection.end(),
                     [](const auto &x, const auto &y) { return x.first < y.first; });
}

} // namespace

Correlation correlate(Analysis &analysis, const CorrelateOptions &options, const CancelToken &cancel)
{
    Correlation corr(*analysis.strings);
    CandidateIndex candidates;

    // Request keys of every captured/exported request: only W3C lines with one of them are kept.
    candidates.transactionKeys.assign(analysis.transactions.size(), RequestKeys::kNoKey);
    for (const Transaction &t : analysis.transactions)
        if (t.hasRequest && t.method != kEmptyStr)
            candidates.transactionKeys[t.id.value] = corr.keys.addTarget(t.method, t.target);

    std::vector<TimeWindow> windows;
    for (const auto &src : analysis.sources) {
        if (!src->capture || src->first == kNoTime || src->capture->transactionCount == 0)
            continue;
        const TimeUs slack = options.maxClockOffset + 10 * kUsPerMinute;
        const TimeUs manual = manualClockOffset(*src, options).value_or(0);
        windows.push_back({src->first + manual - slack, src->last + manual + slack});
    }

    WatchedClients watched;
    indexHttpErr(analysis, corr, options, watched);
    if (cancel.cancelled())
        return corr;
    scanW3c(analysis, corr, options, watched, windows, candidates);
    if (cancel.cancelled())
        return corr;
    settleClockOffsets(analysis, corr, candidates, options);
    matchW3cToTransactions(analysis, corr, candidates);
    linkHttpErr(analysis, corr, options);
    return corr;
}

} // namespace hs::kb
