// SPDX-License-Identifier: MIT
// connection-dropped: HTTPERR Connection_Dropped / Connection_Dropped_List_Full (KB937692) — the
// client went away before HTTP.sys finished the response and its logging. W3C rows with a
// connection-abort sc-win32-status (64, 1236, …) at the same time, or captured connections the
// client closed before the answer, corroborate. W3C aborts alone are only a low-confidence note:
// users cancel downloads every day.
#include "kb/correlate/request_keys.h"
#include "kb/detectors/detectors.h"
#include "kb/detectors/reason_groups.h"
#include "kb/evidence.h"

#include <algorithm>
#include <unordered_map>

namespace hs::kb {
namespace {

// (path hash, time) pairs in (hash, time) order, with a directory on the hash's top 16 bits: a
// lookup reads one directory entry and the few pairs of its bucket, where a binary search over
// 100,000 pairs took 17 scattered reads (137,000 W3C aborts are looked up on the KB bundle).
class PathTimes {
public:
    explicit PathTimes(const std::vector<std::pair<std::uint64_t, TimeUs>> &pairs) : start_(kBuckets + 1, 0)
    {
        // A counting sort on the top bits keeps the input order (log order, nearly time order)
        // inside a bucket; a bucket is sorted by (hash, time) only if it is not already.
        for (const auto &p : pairs)
            ++start_[bucketOf(p.first) + 1];
        for (std::size_t b = 1; b <= kBuckets; ++b)
            start_[b] += start_[b - 1];
        sorted_.resize(pairs.size());
        std::vector<std::uint32_t> at(start_.begin(), start_.end() - 1);
        for (const auto &p : pairs)
            sorted_[at[bucketOf(p.first)]++] = p;
        for (std::size_t b = 0; b < kBuckets; ++b) {
            const auto first = sorted_.begin() + start_[b], last = sorted_.begin() + start_[b + 1];
            if (!std::is_sorted(first, last))
                std::sort(first, last);
        }
    }

    // Whether a pair with this hash has a time in [time - within, time + within].
    bool has(std::uint64_t hash, TimeUs time, TimeUs within) const
    {
        const std::size_t b = bucketOf(hash);
        const auto first = sorted_.begin() + start_[b], last = sorted_.begin() + start_[b + 1];
        const auto it = std::lower_bound(first, last, std::make_pair(hash, time - within));
        return it != last && it->first == hash && it->second <= time + within;
    }

private:
    static constexpr unsigned kBits = 16;
    static constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    static std::size_t bucketOf(std::uint64_t hash) noexcept { return static_cast<std::size_t>(hash >> (64 - kBits)); }
    std::vector<std::uint32_t> start_; // bucket b is sorted_[start_[b] .. start_[b + 1])
    std::vector<std::pair<std::uint64_t, TimeUs>> sorted_;
};

class ConnectionDropped final : public ReasonGroupDetector {
public:
    using ReasonGroupDetector::ReasonGroupDetector;

    void finish(DetectContext &ctx, std::vector<Finding> &out) override
    {
        const std::size_t before = out.size();
        ReasonGroupDetector::finish(ctx, out);
        if (out.size() == before)
            w3cOnly(ctx, out);
    }

protected:
    Corroboration corroborate(DetectContext &ctx, std::string_view, std::span<const LogRef> lines,
                              FindingBuilder &b) override
    {
        Corroboration c;
        // A W3C abort (sc-win32-status 64, 1236, …) for the same path within two minutes of a
        // Connection_Dropped line is the same story told by the other log.
        constexpr TimeUs kNear = 2 * kUsPerMinute;
        // Without W3C aborts there is nothing to compare the HTTPERR paths with: skip hashing and
        // sorting a million of them.
        const bool w3cAborts = std::any_of(ctx.corr.w3c.win32PathTimes.begin(), ctx.corr.w3c.win32PathTimes.end(),
                                           [](const auto &kv) { return !kv.second.empty(); });
        // The W3C side's path hashes come with the digest (the W3C pass takes them with the row at
        // hand). The HTTPERR lines' paths and times are read in one tight loop, then hashed.
        std::vector<std::pair<std::uint64_t, TimeUs>> dropped; // (path hash, time), indexed below
        if (w3cAborts) {
            dropped.reserve(lines.size());
            for (const LogRef &ref : lines) {
                const HttpErrRecord &r = httpErrRecord(ctx.analysis, ref);
                if (r.time != kNoTime && r.uri != kEmptyStr)
                    dropped.emplace_back(r.uri, r.time); // the id, hashed below
            }
            hashRequestPaths(*ctx.analysis.strings, dropped);
        }
        const PathTimes droppedPaths(dropped);
        std::vector<std::pair<std::uint64_t, TimeUs>>().swap(dropped);
        std::uint64_t aborted = 0;
        for (const auto &[code, group] : ctx.corr.w3c.byWin32) {
            const auto paths = ctx.corr.w3c.win32PathTimes.find(code);
            if (paths == ctx.corr.w3c.win32PathTimes.end() || paths->second.size() != group.samples.size())
                continue; // not from the W3C pass (a hand-made digest): nothing to compare
            for (std::size_t i = 0; i < group.samples.size(); ++i) {
                const auto [p, time] = paths->second[i];
                if (time == kNoTime)
                    continue;
                if (!droppedPaths.has(p, time, kNear))
                    continue;
                if (aborted++ < 3)
                    b.addEvidence(logEvidence(ctx, group.samples[i]));
            }
        }
        std::uint64_t clientClosed = 0;
        for (const ConnectionId id : linkedConnections(ctx, lines)) {
            const Connection &conn = ctx.analysis.connections[id.value];
            if (conn.end.by == Peer::Client && conn.end.unansweredRequests > 0) {
                ++clientClosed;
                if (clientClosed <= 3)
                    b.addEvidence(
                        connectionEvidence(ctx, conn, conn.end.frame, conn.end.time,
                                           std::string(conn.end.kind == ConnectionEnd::Kind::Rst ? "RST" : "FIN") +
                                               " from the client with " + std::to_string(conn.end.unansweredRequests) +
                                               " request(s) unanswered"));
            }
        }
        c.items = aborted + clientClosed;
        if (clientClosed)
            c.note = std::to_string(clientClosed) + " captured connection(s) on the same 4-tuples closed by the client "
                                                    "before the response";
        if (aborted)
            c.note += std::string(c.note.empty() ? "" : "; ") + std::to_string(aborted) +
                      " W3C row(s) for the same paths ended with a connection-abort sc-win32-status within two minutes";
        return c;
    }

private:
    void w3cOnly(DetectContext &ctx, std::vector<Finding> &out)
    {
        std::uint64_t total = 0;
        for (const auto &[code, group] : ctx.corr.w3c.byWin32)
            total += group.count;
        if (total < static_cast<std::uint64_t>(entry().param("w3c_min_count", 50)))
            return;
        FindingBuilder b(entry());
        std::string breakdown;
        for (const auto &[code, group] : ctx.corr.w3c.byWin32) {
            b.coverTime(group.first);
            b.coverTime(group.last);
            const Win32Entry *w = ctx.kb.win32(code);
            breakdown += (breakdown.empty() ? "" : ", ") + std::to_string(group.count) + " × " + std::to_string(code) +
                         (w ? " (" + w->symbol + ")" : "");
            for (std::size_t i = 0; i < group.samples.size() && i < 3; ++i)
                b.addEvidence(logEvidence(ctx, group.samples[i]));
        }
        b.setSeverity(Severity::Info);
        b.setCount(total);
        b.setConfidence(Confidence::Low,
                        "only W3C sc-win32-status codes, which many harmless client aborts also produce; "
                        "no HTTPERR Connection_Dropped lines");
        b.setSummary("W3C rows ended with a connection-abort status: " + breakdown +
                     ". The client or a load balancer went away before the response was fully sent. Without "
                     "HTTPERR Connection_Dropped lines this is usually users cancelling or proxies resetting "
                     "after the last byte.");
        out.push_back(b.take());
    }
};

} // namespace

std::unique_ptr<Detector> makeConnectionDropped(const SymptomEntry &entry)
{
    return std::make_unique<ConnectionDropped>(entry);
}

} // namespace hs::kb
