// SPDX-License-Identifier: MIT
#include "kb/correlate/correlation.h"

#include "formats/text_scan.h"
#include "kb/correlate/candidates.h"
#include "kb/correlate/log_passes.h"
#include "kb/correlate/record_slices.h"
#include "tasks/cancel.h"

#include <algorithm>
#include <optional>

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

std::span<const PostMark> ClientPosts::of(std::uint32_t client) const
{
    const auto it = std::lower_bound(clients.begin(), clients.end(), client);
    if (it == clients.end() || *it != client)
        return {};
    const auto i = static_cast<std::size_t>(it - clients.begin());
    return std::span<const PostMark>(marks).subspan(starts[i], starts[i + 1] - starts[i]);
}

namespace {

bool postBefore(const ClientPosts::Post &x, const ClientPosts::Post &y)
{
    return x.first != y.first ? x.first < y.first : x.second.time < y.second.time;
}

} // namespace

void ClientPosts::sortPosts(std::vector<Post> &posts)
{
    std::stable_sort(posts.begin(), posts.end(), postBefore);
}

ClientPosts ClientPosts::group(std::vector<std::vector<Post>> &&runs)
{
    // One k-way merge straight into the grouped form, each run freed as soon as it is used up.
    // Pairwise merges built every level's vectors beside the last one's, and the grouped copy
    // beside the merged one: on the 2 GB W3C + HTTPERR benchmark (1 M posts) that was the
    // analysis's peak of anonymous memory, 100 MB above what the posts take.
    ClientPosts out;
    std::size_t total = 0;
    for (const auto &run : runs)
        total += run.size();
    out.marks.reserve(total);
    // A cursor is (run, position). The heap yields the smallest post first and, among equal
    // ones, the earlier run's: log order survives, as in one stable sort of all the runs.
    using Cursor = std::pair<std::size_t, std::size_t>;
    const auto after = [&runs](const Cursor &a, const Cursor &b) {
        const Post &x = runs[a.first][a.second], &y = runs[b.first][b.second];
        if (postBefore(y, x))
            return true;
        if (postBefore(x, y))
            return false;
        return a.first > b.first;
    };
    std::vector<Cursor> heap;
    for (std::size_t r = 0; r < runs.size(); ++r)
        if (!runs[r].empty())
            heap.emplace_back(r, 0);
    std::make_heap(heap.begin(), heap.end(), after);
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), after);
        Cursor &c = heap.back();
        const auto &[client, mark] = runs[c.first][c.second];
        if (out.clients.empty() || out.clients.back() != client) {
            out.clients.push_back(client);
            out.starts.push_back(static_cast<std::uint32_t>(out.marks.size()));
        }
        out.marks.push_back(mark);
        if (++c.second < runs[c.first].size()) {
            std::push_heap(heap.begin(), heap.end(), after);
        } else {
            std::vector<Post>().swap(runs[c.first]);
            heap.pop_back();
        }
    }
    out.starts.push_back(static_cast<std::uint32_t>(out.marks.size()));
    return out;
}

std::span<const PostMark> postsOf(const Analysis &a, const W3cDigest &d, LogAddress httpErrClient,
                                  AddressCache &addresses)
{
    if (const auto posts = d.postsByClient.of(httpErrClient.code()); !posts.empty())
        return posts;
    const IpAddress ip = addresses.resolve(httpErrClient);
    if (!ip.valid())
        return {};
    const auto canonical = findLogAddress(*a.strings, ip.toString());
    if (!canonical)
        return {};
    return d.postsByClient.of(canonical->code());
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

void linkHttpErr(const Analysis &a, Correlation &corr, const CorrelateOptions &options, const CancelToken &cancel)
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
    // Slices of lines on several threads, each with its own address cache (parsing the addresses is
    // most of the work); the links are filed in line order afterwards, as one pass would.
    struct LinkState {
        std::optional<AddressCache> addresses;
    };
    const auto slices = sliceRecords(a, &LogData::httpErr, options.sliceRecords);
    std::vector<std::vector<std::pair<std::uint32_t, LogRef>>> links(slices.size());
    runSlices<LinkState>(slices.size(), scanThreads(options.threads), cancel, [&](std::size_t s, LinkState &state) {
        if (!state.addresses)
            state.addresses.emplace(*a.strings);
        AddressCache &addresses = *state.addresses;
        const RecordSlice<HttpErrRecord> &slice = slices[s];
        const LogData &log = *a.source(slice.source).log;
        std::uint32_t i = slice.firstIndex;
        for (const HttpErrRecord &r : slice.rows) {
            const LogRef ref{slice.source, i++};
            if (!r.clientPort || !r.serverPort || r.time == kNoTime || !clientPorts[r.clientPort])
                continue;
            const IpAddress client = addresses.resolve(r.clientIp);
            const IpAddress server = addresses.resolve(log.context(r).serverIp);
            const auto it = byTuple.find(FourTuple{{client, r.clientPort}, {server, r.serverPort}});
            if (it == byTuple.end())
                continue;
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
            if (best.valid())
                links[s].emplace_back(best.value, ref);
        }
    });
    HttpErrIndex &idx = corr.httpErr;
    for (const auto &part : links)
        for (const auto &[connection, ref] : part) {
            idx.byConnection.emplace_back(connection, ref);
            idx.connectionOfLine.emplace(ref.packed(), ConnectionId(connection));
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
    indexHttpErr(analysis, corr, options, watched, cancel);
    if (cancel.cancelled())
        return corr;
    scanW3c(analysis, corr, options, watched, windows, candidates, cancel);
    if (cancel.cancelled())
        return corr;
    settleClockOffsets(analysis, corr, candidates, options);
    matchW3cToTransactions(analysis, corr, candidates);
    linkHttpErr(analysis, corr, options, cancel);
    return corr;
}

} // namespace hs::kb
