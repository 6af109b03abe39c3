// SPDX-License-Identifier: MIT
// The single pass over every W3C line (millions in a big incident): the digest detectors read
// (sc-win32-status groups, 413/417 rows, watched clients' POSTs) and the lines that may describe a
// captured request. It streams hundreds of MB of rows, so it runs on several threads.
#include "kb/correlate/log_passes.h"
#include "kb/correlate/record_slices.h"

#include <algorithm>

namespace hs::kb {

void W3cGroup::add(const AccessRecord &r, LogRef ref)
{
    ++count;
    widenTimeRange(first, last, r.time);
    if (keepAll || samples.size() < kMaxSamples)
        samples.push_back(ref);
}

namespace {

// What one slice of W3C lines contributes, merged in slice order.
struct W3cPart {
    std::uint64_t records = 0;
    TimeUs first = kNoTime, last = kNoTime;
    std::map<std::uint32_t, W3cGroup> byWin32;
    std::map<std::uint32_t, std::vector<std::pair<std::uint64_t, TimeUs>>> win32PathTimes;
    W3cGroup rejected413, expectationFailed417;
    // No table per slice (a busy log has tens of thousands of watched clients). Posts are sorted
    // by the slice's thread (sortPosts) and merged as sorted runs; candidates stay in line order and
    // are filed into their table when merged, the same insertions in the same order as one pass.
    std::vector<ClientPosts::Post> posts; // by LogAddress code
    std::vector<std::pair<RequestKey, W3cCandidate>> candidates;
};

// Appends a later slice's group: counts add up, and the samples are the first kMaxSamples in log
// order (or all) as one pass would have kept them.
void merge(W3cGroup &into, const W3cGroup &part)
{
    into.count += part.count;
    widenTimeRange(into.first, into.last, part.first);
    widenTimeRange(into.first, into.last, part.last);
    for (const LogRef &ref : part.samples) {
        if (!into.keepAll && into.samples.size() >= W3cGroup::kMaxSamples)
            break;
        into.samples.push_back(ref);
    }
}

} // namespace

void scanW3c(const Analysis &a, Correlation &corr, const CorrelateOptions &options, const WatchedClients &watched,
             const std::vector<TimeWindow> &windows, CandidateIndex &candidates, const CancelToken &cancel)
{
    const StrId post = a.strings->find("POST"), put = a.strings->find("PUT");
    const bool collect = !windows.empty() && !corr.keys.empty();
    const RequestKeys &keys = corr.keys; // read-only while the threads run; each brings its own memo
    const auto &codes = options.connectionWin32Codes;

    const auto slices = sliceRecords(a, &LogData::access, options.sliceRecords);
    std::vector<W3cPart> parts(slices.size());
    runSlices<RequestKeys::StemMemo>(
        slices.size(), scanThreads(options.threads), cancel, [&](std::size_t s, RequestKeys::StemMemo &memo) {
            const RecordSlice<AccessRecord> &slice = slices[s];
            W3cPart &part = parts[s];
            std::uint32_t i = slice.firstIndex;
            for (const AccessRecord &r : slice.rows) {
                const LogRef ref{slice.source, i++};
                ++part.records;
                widenTimeRange(part.first, part.last, r.time);
                if (r.win32 != kNoValue32 && r.win32 != 0 &&
                    std::find(codes.begin(), codes.end(), r.win32) != codes.end()) {
                    W3cGroup &g = part.byWin32[r.win32];
                    g.keepAll = true; // connection-dropped matches them line by line
                    g.add(r, ref);
                    part.win32PathTimes[r.win32].emplace_back(r.uriStem, r.time); // hashed below
                }
                const bool isPost = r.method == post;
                if (r.status == 413 && (isPost || r.method == put))
                    part.rejected413.add(r, ref);
                else if (r.status == 417)
                    part.expectationFailed417.add(r, ref);
                if (isPost && !watched.empty() && watched.contains(r.clientIp))
                    part.posts.emplace_back(r.clientIp.code(), PostMark{r.time, ref, r.serverPort});
                if (collect && r.time != kNoTime) {
                    bool inside = false;
                    for (const auto &w : windows)
                        inside |= r.time >= w.from && r.time <= w.to;
                    if (inside) {
                        const RequestKey key = keys.findStem(r.method, r.uriStem, memo);
                        if (key != RequestKeys::kNoKey)
                            part.candidates.emplace_back(
                                key, W3cCandidate{r.time, r.timeTakenMs == kNoValue32 ? 0 : r.timeTakenMs, r.serverPort,
                                                  (r.flags & kRecordMillisecondTime) == 0, r.clientIp, ref});
                    }
                }
            }
            for (auto &[code, pathTimes] : part.win32PathTimes)
                hashRequestPaths(*a.strings, pathTimes);
            ClientPosts::sortPosts(part.posts); // here, on the slice's thread, not in the merge
        });

    W3cDigest &d = corr.w3c;
    std::vector<std::vector<ClientPosts::Post>> postRuns; // sorted per slice, slices in log order
    postRuns.reserve(parts.size());
    for (W3cPart &part : parts) {
        d.records += part.records;
        widenTimeRange(d.first, d.last, part.first);
        widenTimeRange(d.first, d.last, part.last);
        for (const auto &[code, group] : part.byWin32) {
            W3cGroup &g = d.byWin32[code];
            g.keepAll = true;
            merge(g, group);
        }
        for (const auto &[code, pathTimes] : part.win32PathTimes) {
            auto &into = d.win32PathTimes[code];
            into.insert(into.end(), pathTimes.begin(), pathTimes.end());
        }
        merge(d.rejected413, part.rejected413);
        merge(d.expectationFailed417, part.expectationFailed417);
        postRuns.push_back(std::move(part.posts));
        for (const auto &[key, candidate] : part.candidates)
            candidates.byKey[key].push_back(candidate);
        part = W3cPart{}; // free the slice's copy now: the merged tables are as large
    }
    d.postsByClient = ClientPosts::group(std::move(postRuns));
    for (auto &[key, bucket] : candidates.byKey)
        std::stable_sort(bucket.begin(), bucket.end(),
                         [](const W3cCandidate &x, const W3cCandidate &y) { return x.time < y.time; });
}

} // namespace hs::kb
