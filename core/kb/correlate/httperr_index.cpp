// SPDX-License-Identifier: MIT
// The pass over every HTTPERR line: lines grouped by the reasons detectors ask for, the log's time
// range, and the clients whose W3C POSTs the W3C pass must track.
#include "kb/correlate/log_passes.h"
#include "kb/correlate/record_slices.h"

#include <algorithm>
#include <unordered_map>

namespace hs::kb {
namespace {

// What one slice of HTTPERR lines contributes, merged in slice order. Lines are not collected per
// slice: the first pass counts them per reason, the second writes each one straight to its place in
// the final index. Per-slice lists held a second copy of an 11 M-line index, plus their growth
// slack, until the merge: 2-3 times the index's own size at the correlation's peak.
struct HttpErrPart {
    std::vector<StrId> reasons;      // indexed reasons, in order of first appearance
    std::vector<std::size_t> counts; // lines per entry of `reasons`
    std::vector<LogRef *> cursors;   // per entry of `reasons`: where the second pass writes
    std::vector<int> slots;          // per indexed reason (ContextTable::reasons): its entry, or -1
    std::uint64_t total = 0;
    TimeUs first = kNoTime, last = kNoTime;
    std::vector<LogAddress> watchedClients; // clients of watched connection-level lines, in line order

    // The entry of indexed reason `r`, added when the part first meets it.
    std::size_t slotOf(std::size_t r, StrId reason)
    {
        if (slots[r] < 0) {
            slots[r] = static_cast<int>(reasons.size());
            reasons.push_back(reason);
            counts.push_back(0);
        }
        return static_cast<std::size_t>(slots[r]);
    }
};

// What the passes need of each HTTPERR context, resolved once per context instead of per line (a
// file has a few hundred contexts and millions of lines): the index of its reason among the
// indexed ones, and whether its lines name a watched client.
struct ContextTable {
    static constexpr std::int32_t kNotIndexed = -1;
    std::vector<StrId> reasons;                      // indexed reasons met in any context
    std::vector<std::vector<std::int32_t>> reasonOf; // [source][context]: index into reasons
    std::vector<std::vector<std::uint8_t>> watched;  // [source][context]: connection-level, watched reason
};

// indexAll: every reason is indexed, else those in `indexed`.
ContextTable contextTable(const Analysis &a, const IdSet &indexed, bool indexAll,
                          const std::vector<StrId> &watchReasons)
{
    ContextTable t;
    t.reasonOf.resize(a.sources.size());
    t.watched.resize(a.sources.size());
    for (std::size_t s = 0; s < a.sources.size(); ++s) {
        if (!a.sources[s]->log)
            continue;
        for (const HttpErrContext &c : a.sources[s]->log->httpErrContexts) {
            std::int32_t r = ContextTable::kNotIndexed;
            if (indexAll || indexed.contains(c.reason)) {
                const auto it = std::find(t.reasons.begin(), t.reasons.end(), c.reason);
                r = static_cast<std::int32_t>(it - t.reasons.begin());
                if (it == t.reasons.end())
                    t.reasons.push_back(c.reason);
            }
            t.reasonOf[s].push_back(r);
            // Connection-level lines (request fields empty) name the client whose POSTs matter.
            t.watched[s].push_back(c.method == kEmptyStr &&
                                   std::find(watchReasons.begin(), watchReasons.end(), c.reason) != watchReasons.end());
        }
    }
    return t;
}

struct NoState {};

} // namespace

void WatchedClients::seal()
{
    filter_.clear();
    if (codes_.size() == 0)
        return;
    std::size_t words = 1;
    while (words * 64 < codes_.size() * 10)
        words *= 2;
    filter_.assign(words, 0);
    codes_.forEach([&](std::uint32_t code, std::uint64_t) {
        const std::uint64_t h = mixed(code);
        filter_[(h >> 32) & (words - 1)] |= filterBits(h);
    });
}

void indexHttpErr(const Analysis &a, Correlation &corr, const CorrelateOptions &options, WatchedClients &watched,
                  const CancelToken &cancel)
{
    IdSet indexed;
    for (const auto &name : options.indexReasons)
        if (const StrId id = a.strings->find(name); id != StringPool::kNotFound)
            indexed.insert(id);
    const bool indexAll = options.indexReasons.empty();
    std::vector<StrId> watchReasons;
    for (const auto &name : options.watchPostsForReasons)
        if (const StrId id = a.strings->find(name); id != StringPool::kNotFound)
            watchReasons.push_back(id);

    const auto slices = sliceRecords(a, &LogData::httpErr, options.sliceRecords);
    const ContextTable table = contextTable(a, indexed, indexAll, watchReasons);
    std::vector<HttpErrPart> parts(slices.size());
    const unsigned threads = scanThreads(options.threads);
    runSlices<NoState>(slices.size(), threads, cancel, [&](std::size_t s, NoState &) {
        const RecordSlice<HttpErrRecord> &slice = slices[s];
        HttpErrPart &part = parts[s];
        part.slots.assign(table.reasons.size(), -1);
        const std::vector<std::int32_t> &reasonOf = table.reasonOf[slice.source.value];
        const std::vector<std::uint8_t> &watchedOf = table.watched[slice.source.value];
        for (const HttpErrRecord &r : slice.rows) {
            if (const std::int32_t reason = reasonOf[r.context]; reason != ContextTable::kNotIndexed) {
                const auto i = static_cast<std::size_t>(reason);
                ++part.counts[part.slotOf(i, table.reasons[i])];
            }
            ++part.total;
            widenTimeRange(part.first, part.last, r.time);
            if (watchedOf[r.context] && (part.watchedClients.empty() || part.watchedClients.back() != r.clientIp))
                part.watchedClients.push_back(r.clientIp);
        }
    });
    if (cancel.cancelled())
        return;

    // Keys enter the map in the order one pass would insert them, so even its iteration order
    // matches; each list is sized once, and each slice gets its own range of it.
    HttpErrIndex &idx = corr.httpErr;
    std::unordered_map<StrId, std::size_t> sizes;
    for (const HttpErrPart &part : parts)
        for (std::size_t k = 0; k < part.reasons.size(); ++k) {
            const auto [it, inserted] = sizes.try_emplace(part.reasons[k], 0);
            if (inserted)
                it->second = idx.byReason[part.reasons[k]].size();
            it->second += part.counts[k];
        }
    std::unordered_map<StrId, std::size_t> next;
    for (auto &[reason, size] : sizes) {
        std::vector<LogRef> &lines = idx.byReason[reason];
        next[reason] = lines.size();
        lines.resize(size);
    }
    for (HttpErrPart &part : parts)
        for (const StrId reason : part.reasons) {
            std::size_t &at = next[reason];
            part.cursors.push_back(idx.byReason[reason].data() + at);
            at += part.counts[part.cursors.size() - 1];
        }
    runSlices<NoState>(slices.size(), threads, cancel, [&](std::size_t s, NoState &) {
        const RecordSlice<HttpErrRecord> &slice = slices[s];
        HttpErrPart &part = parts[s];
        const std::vector<std::int32_t> &reasonOf = table.reasonOf[slice.source.value];
        std::uint32_t i = slice.firstIndex;
        for (const HttpErrRecord &r : slice.rows) {
            const LogRef ref{slice.source, i++};
            if (const std::int32_t reason = reasonOf[r.context]; reason != ContextTable::kNotIndexed)
                *part.cursors[static_cast<std::size_t>(part.slots[static_cast<std::size_t>(reason)])]++ = ref;
        }
    });

    for (HttpErrPart &part : parts) {
        idx.total += part.total;
        widenTimeRange(idx.first, idx.last, part.first);
        widenTimeRange(idx.first, idx.last, part.last);
        // Here, on one thread: the address cache is not thread-safe, and each distinct client is
        // resolved once however many lines name it.
        for (const LogAddress client : part.watchedClients) {
            if (!watched.insert(client) || client.isIpv4())
                continue; // a canonical dotted quad has no other spelling
            // IPv6 and zone ids may be spelled otherwise in the W3C log.
            const std::string_view text = a.str(client.textId());
            if (text.find_first_of(":%") != std::string_view::npos)
                if (const IpAddress ip = corr.addresses.resolve(client); ip.valid())
                    if (const auto canonical = findLogAddress(*a.strings, ip.toString()))
                        watched.insert(*canonical);
        }
    }
    watched.seal(); // the W3C pass only reads it now
}

} // namespace hs::kb
