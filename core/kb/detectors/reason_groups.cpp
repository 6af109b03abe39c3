// SPDX-License-Identifier: MIT
#include "kb/detectors/reason_groups.h"

#include "kb/evidence.h"
#include "kb/spikes.h"

#include <algorithm>
#include <functional>
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
void sortIds(std::vector<StrId> &ids)
{
    if (ids.size() < 4096) {
        std::sort(ids.begin(), ids.end());
        return;
    }
    constexpr unsigned kBits = 11;
    constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    const StrId largest = *std::max_element(ids.begin(), ids.end());
    std::vector<StrId> sorted(ids.size());
    for (unsigned shift = 0; shift < 32 && (largest >> shift) != 0; shift += kBits) {
        std::vector<std::size_t> at(kBuckets, 0);
        for (const StrId id : ids)
            ++at[(id >> shift) & (kBuckets - 1)];
        std::size_t sum = 0;
        for (std::size_t &a : at)
            sum += std::exchange(a, sum);
        for (const StrId id : ids)
            sorted[at[(id >> shift) & (kBuckets - 1)]++] = id;
        ids.swap(sorted);
    }
}

// The n most frequent ids, most frequent first (ties by text). Sorting a vector of ids and counting
// runs beats a hash map per line on groups of hundreds of thousands of lines; interned ids are unique
// per text, so only the winners are turned into strings.
std::vector<CountedValue> top(const DetectContext &ctx, std::vector<StrId> &ids, std::size_t n)
{
    sortIds(ids);
    std::vector<std::pair<std::uint64_t, StrId>> runs;
    for (std::size_t i = 0; i < ids.size();) {
        std::size_t j = i;
        while (j < ids.size() && ids[j] == ids[i])
            ++j;
        if (ids[i] != kEmptyStr)
            runs.emplace_back(j - i, ids[i]);
        i = j;
    }
    if (n > 0 && runs.size() > n) {
        // A run counted less than the n-th largest count has n runs before it: drop those first, so
        // the text comparisons for ties (a view into the string pool each) run on a handful, not
        // on the 100,000 clients seen once.
        std::vector<std::uint64_t> counts(runs.size());
        for (std::size_t i = 0; i < runs.size(); ++i)
            counts[i] = runs[i].first;
        std::nth_element(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(n - 1), counts.end(),
                         std::greater<>());
        const std::uint64_t bar = counts[n - 1];
        std::erase_if(runs, [bar](const auto &r) { return r.first < bar; });
    }
    const std::size_t keep = std::min(n, runs.size());
    std::partial_sort(runs.begin(), runs.begin() + static_cast<std::ptrdiff_t>(keep), runs.end(),
                      [&](const auto &a, const auto &b) {
                          return a.first != b.first ? a.first > b.first : ctx.str(a.second) < ctx.str(b.second);
                      });
    std::vector<CountedValue> out;
    for (std::size_t i = 0; i < keep; ++i)
        out.push_back({std::string(ctx.str(runs[i].second)), runs[i].first});
    return out;
}

std::string httpErrKey(const DetectContext &ctx, const HttpErrRecord &r)
{
    const IpAddress &client = ctx.addresses.resolve(r.clientIp);
    const IpAddress &server = ctx.addresses.resolve(r.serverIp);
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

        std::vector<StrId> clients, uris, queues;
        std::vector<TimeUs> times;
        clients.reserve(lines.size());
        uris.reserve(lines.size());
        queues.reserve(lines.size());
        times.reserve(lines.size());
        for (const LogRef &ref : lines) {
            const HttpErrRecord &r = httpErrRecord(ctx.analysis, ref);
            times.push_back(r.time);
            b.coverTime(r.time);
            clients.push_back(r.clientIp);
            uris.push_back(r.uri);
            queues.push_back(r.queue);
            if (f.connections.size() < FindingBuilder::kMaxConnections) {
                const ConnectionId linked = ctx.corr.httpErr.connectionOf(ref);
                if (linked.valid())
                    b.addConnection(ctx.analysis.connections[linked.value]);
                else if (const std::string key = httpErrKey(ctx, r); !key.empty())
                    b.addConnectionKey(key);
            }
        }
        const auto topClients = top(ctx, clients, 5);
        const auto topUris = top(ctx, uris, 5);
        const auto topQueues = top(ctx, queues, 3);
        for (const auto &c : topClients)
            b.addClient(c.value);

        SpikeSettings spikeSettings;
        spikeSettings.factor = e.param("spike_factor", spikeSettings.factor);
        spikeSettings.minCount = static_cast<std::uint64_t>(e.param("spike_min_count", 10));
        const auto spikes = findSpikes(times, ctx.corr.httpErr.first, ctx.corr.httpErr.last, spikeSettings);

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
