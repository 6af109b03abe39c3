// SPDX-License-Identifier: MIT
#include "kb/detectors/reason_groups.h"

#include "kb/evidence.h"
#include "kb/spikes.h"
#include "model/prefetch.h"
#include "stats/top_counted.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace hs::kb {
namespace {

std::string countedList(const std::vector<CountedValue> &values)
{
    std::string out;
    for (const auto &v : values) {
        if (!out.empty())
            out += ", ";
        out += v.value + " (" + std::to_string(v.count) + ")";
    }
    return out;
}

// Ids in ascending order. A busy reason has hundreds of thousands of lines and each finding sorts
// its clients, URIs and queues: a radix sort (11 bits a pass, passes only up to the largest id)
// takes a fraction of a comparison sort's time there.
void sortIds(std::vector<std::uint32_t> &ids)
{
    if (ids.size() < 4096) {
        std::sort(ids.begin(), ids.end());
        return;
    }
    constexpr unsigned kBits = 11;
    constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    const std::uint32_t largest = *std::max_element(ids.begin(), ids.end());
    std::vector<std::uint32_t> sorted(ids.size());
    for (unsigned shift = 0; shift < 32 && (largest >> shift) != 0; shift += kBits) {
        std::vector<std::size_t> at(kBuckets, 0);
        for (const std::uint32_t id : ids)
            ++at[(id >> shift) & (kBuckets - 1)];
        std::size_t sum = 0;
        for (std::size_t &a : at)
            sum += std::exchange(a, sum);
        for (const std::uint32_t id : ids)
            sorted[at[(id >> shift) & (kBuckets - 1)]++] = id;
        ids.swap(sorted);
    }
}

// The n most frequent keys other than `none`, most frequent first (ties by text). Sorting a vector
// of keys and counting runs beats a hash map per line on groups of hundreds of thousands of lines.
template <typename Name>
std::vector<CountedValue> top(std::vector<std::uint32_t> &keys, std::uint32_t none, std::size_t n, Name &&name)
{
    sortIds(keys);
    // Equal keys are adjacent now: each run is one key and its count.
    auto forEachRun = [&](auto &&fn) {
        for (std::size_t i = 0; i < keys.size();) {
            std::size_t j = i;
            while (j < keys.size() && keys[j] == keys[i])
                ++j;
            if (keys[i] != none)
                fn(keys[i], std::uint64_t{j - i});
            i = j;
        }
    };
    return topCountedOf<std::uint32_t>(forEachRun, n, std::forward<Name>(name));
}

// The s-reason's summary when computeSummaries ranked the same lines (analyze() runs it before
// detection), else nullptr: detectors run on their own in tests and tools.
const ReasonSummary *summaryOf(const Analysis &a, std::string_view reason, std::size_t lines)
{
    for (const ReasonSummary &s : a.httpErrReasons)
        if (s.reason == reason && s.count == lines)
            return &s;
    return nullptr;
}

// The first n entries of a summary's ranking (top 10) without the empty value: the summary counts
// lines without a client ("-") as a client, a finding names only real ones. Both rankings order
// ties by text, so this is what ranking the lines here would give.
std::vector<CountedValue> firstNamed(const std::vector<CountedValue> &ranked, std::size_t n)
{
    std::vector<CountedValue> out;
    for (const CountedValue &v : ranked)
        if (!v.value.empty() && out.size() < n)
            out.push_back(v);
    return out;
}

// Lines per app pool: a reason's lines name a handful, so a short list beats sorting the column.
class QueueTally {
public:
    void add(StrId queue)
    {
        if (last_ < counts_.size() && counts_[last_].first == queue) {
            ++counts_[last_].second;
            return;
        }
        last_ = 0;
        while (last_ < counts_.size() && counts_[last_].first != queue)
            ++last_;
        if (last_ == counts_.size())
            counts_.emplace_back(queue, 0);
        ++counts_[last_].second;
    }
    std::vector<std::pair<StrId, std::uint64_t>> named() const
    {
        std::vector<std::pair<StrId, std::uint64_t>> out;
        for (const auto &c : counts_)
            if (c.first != kEmptyStr)
                out.push_back(c);
        return out;
    }

private:
    std::vector<std::pair<StrId, std::uint64_t>> counts_;
    std::size_t last_ = 0;
};

std::string httpErrKey(const DetectContext &ctx, const HttpErrRecord &r, const HttpErrContext &c)
{
    const IpAddress client = ctx.addresses.resolve(r.clientIp);
    const IpAddress &server = ctx.addresses.resolve(c.serverIp);
    if (!client.valid() || !server.valid() || !r.clientPort || !r.serverPort)
        return {};
    return connectionKey(Endpoint{client, r.clientPort}, Endpoint{server, r.serverPort});
}

} // namespace

std::vector<ConnectionId> ReasonGroupDetector::linkedConnections(const DetectContext &ctx,
                                                                 std::span<const LogRef> lines)
{
    std::vector<ConnectionId> out;
    std::unordered_set<std::uint32_t> seen;
    if (ctx.corr.httpErr.connectionOfLine.empty())
        return out;
    for (const LogRef &ref : lines) {
        const ConnectionId c = ctx.corr.httpErr.connectionOf(ref);
        if (c.valid() && seen.insert(c.value).second)
            out.push_back(c);
    }
    return out;
}

Corroboration ReasonGroupDetector::corroborate(DetectContext &, std::string_view, std::span<const LogRef>,
                                               FindingBuilder &)
{
    return {};
}

void ReasonGroupDetector::finish(DetectContext &ctx, std::vector<Finding> &out)
{
    const SymptomEntry &e = entry();
    for (const std::string &reasonName : e.httpErrReasons) {
        const std::span<const LogRef> lines = ctx.corr.httpErr.reason(ctx.analysis, reasonName);
        if (lines.empty())
            continue;
        FindingBuilder b(e);
        Finding &f = b.finding();
        if (e.httpErrReasons.size() > 1)
            f.title += " — " + reasonName;

        // Top clients and URIs come from the summary when there is one; else the lines' columns are
        // collected and ranked here.
        const ReasonSummary *ranked = summaryOf(ctx.analysis, reasonName, lines.size());
        std::vector<std::uint32_t> clients, uris; // LogAddress codes, StrIds
        QueueTally queues;
        std::vector<TimeUs> times;
        if (!ranked) {
            clients.reserve(lines.size());
            uris.reserve(lines.size());
        }
        times.reserve(lines.size());
        // A reason's lines are spread over the whole log: each record is a cache miss unless it is
        // asked for some lines ahead (the loop waited on these loads most of its time).
        constexpr std::size_t kAhead = 16;
        const auto recordOf = [&](const LogRef &ref) -> const HttpErrRecord & {
            return ctx.analysis.source(ref.source).log->httpErr[ref.index];
        };
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i + kAhead < lines.size())
                prefetchForRead(&recordOf(lines[i + kAhead]));
            const LogRef &ref = lines[i];
            const LogData &log = *ctx.analysis.source(ref.source).log;
            const HttpErrRecord &r = log.httpErr[ref.index];
            const HttpErrContext &c = log.context(r);
            times.push_back(r.time);
            b.coverTime(r.time);
            if (!ranked) {
                clients.push_back(r.clientIp.code());
                uris.push_back(r.uri);
            }
            queues.add(c.queue);
            if (f.connections.size() < FindingBuilder::kMaxConnections) {
                const ConnectionId linked = ctx.corr.httpErr.connectionOf(ref);
                if (linked.valid())
                    b.addConnection(ctx.analysis.connections[linked.value]);
                else if (const std::string key = httpErrKey(ctx, r, c); !key.empty())
                    b.addConnectionKey(key);
            }
        }
        const auto text = [&](std::uint32_t id) { return ctx.str(id); };
        const auto topClients =
            ranked ? firstNamed(ranked->topClients, 5) : top(clients, LogAddress{}.code(), 5, [&](std::uint32_t code) {
                return ctx.analysis.addr(LogAddress::fromCode(code));
            });
        const auto topUris = ranked ? firstNamed(ranked->topUris, 5) : top(uris, kEmptyStr, 5, text);
        const auto topQueues = topCounted<StrId>(queues.named(), 3, text);
        // A million-line reason holds 8 MB in each of these columns: free them before the spikes and
        // the corroboration allocate theirs.
        std::vector<std::uint32_t>().swap(clients);
        std::vector<std::uint32_t>().swap(uris);
        for (const auto &c : topClients)
            b.addClient(c.value);

        SpikeSettings spikeSettings;
        spikeSettings.factor = e.param("spike_factor", spikeSettings.factor);
        spikeSettings.minCount = static_cast<std::uint64_t>(e.param("spike_min_count", 10));
        // Moved in: findSpikes takes its vector by value, and a copy would be 8 MB per million lines.
        const auto spikes = findSpikes(std::move(times), ctx.corr.httpErr.first, ctx.corr.httpErr.last, spikeSettings);

        // Evidence: the first line, each spike's first line, the last line.
        std::vector<LogRef> cited;
        const auto cite = [&](LogRef ref) {
            if (std::find(cited.begin(), cited.end(), ref) == cited.end())
                cited.push_back(ref);
        };
        cite(lines.front());
        for (std::size_t s = 0; s < spikes.size() && s < 3; ++s)
            for (const LogRef &ref : lines)
                if (const TimeUs t = httpErrRecord(ctx.analysis, ref).time; t >= spikes[s].start && t < spikes[s].end) {
                    cite(ref);
                    break;
                }
        cite(lines.back());
        for (const LogRef &ref : cited)
            b.addEvidence(logEvidence(ctx, ref));
        f.evidenceTotal = lines.size(); // every line is evidence; a few are cited

        const Corroboration extra = corroborate(ctx, reasonName, lines, b);

        const std::uint64_t significant = static_cast<std::uint64_t>(e.param("significant_count", 1));
        const bool isSignificant = lines.size() >= significant || !spikes.empty();
        b.setSeverity(isSignificant ? e.severity : e.quietSeverity);
        b.setCount(lines.size());
        if (extra.items > 0)
            b.setConfidence(Confidence::High, "HTTPERR reason " + reasonName + " and " + extra.note);
        else
            b.setConfidence(Confidence::Medium,
                            "HTTPERR reason " + reasonName + " is explicit; no other source covers these requests");

        std::string summary = std::to_string(lines.size()) + " HTTPERR line" + (lines.size() == 1 ? "" : "s") +
                              " with s-reason " + reasonName;
        if (f.first != kNoTime)
            summary += " from " + formatHuman(f.first) + " to " + formatHuman(f.last) + " UTC";
        summary += ".";
        if (const ReasonEntry *re = ctx.kb.reason(reasonName); re && !re->meaning.empty())
            summary += " " + re->meaning;
        if (!topClients.empty())
            summary += " Top clients: " + countedList(topClients) + ".";
        if (!topUris.empty())
            summary += " Top URIs: " + countedList(topUris) + ".";
        if (!topQueues.empty())
            summary += " Queues (app pools): " + countedList(topQueues) + ".";
        if (!spikes.empty()) {
            summary += " Spikes: ";
            for (std::size_t s = 0; s < spikes.size() && s < 3; ++s)
                summary += (s ? "; " : "") + describeSpike(spikes[s]);
            summary += ".";
        } else if (!isSignificant) {
            summary += " Few lines and no burst: background level, not an incident by itself.";
        }
        if (!extra.note.empty())
            summary += " Also: " + extra.note + ".";
        b.setSummary(std::move(summary));
        out.push_back(b.take());
    }
}

} // namespace hs::kb
