// SPDX-License-Identifier: MIT
#include "stats/summaries.h"

#include <algorithm>
#include <unordered_map>

namespace hs {

std::vector<CountedValue> topValues(const std::unordered_map<std::string, std::uint64_t> &counts, std::size_t n)
{
    std::vector<CountedValue> v;
    v.reserve(counts.size());
    for (const auto &[value, count] : counts)
        v.push_back({value, count});
    const std::size_t keep = std::min(n, v.size());
    std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(keep), v.end(),
                      [](const CountedValue &a, const CountedValue &b) {
                          return a.count != b.count ? a.count > b.count : a.value < b.value;
                      });
    v.resize(keep);
    return v;
}

namespace {

struct ReasonAcc {
    ReasonSummary summary;
    std::unordered_map<StrId, std::uint64_t> clients;
    std::unordered_map<StrId, std::uint64_t> uris;
};

std::vector<CountedValue> topIds(const Analysis &a, const std::unordered_map<StrId, std::uint64_t> &counts,
                                 std::size_t n)
{
    std::unordered_map<std::string, std::uint64_t> byText;
    for (const auto &[id, count] : counts)
        byText[std::string(a.str(id))] += count;
    return topValues(byText, n);
}

} // namespace

void computeSummaries(Analysis &analysis)
{
    std::unordered_map<StrId, ReasonAcc> reasons;
    analysis.statusSummaries.clear();
    for (const auto &src : analysis.sources) {
        if (src->first != kNoTime) {
            const TimeUs f = src->first + src->clockOffset, l = src->last + src->clockOffset;
            if (analysis.first == kNoTime || f < analysis.first)
                analysis.first = f;
            if (analysis.last == kNoTime || l > analysis.last)
                analysis.last = l;
        }
        StatusSummary status;
        status.source = src->id;
        if (src->log) {
            src->log->access.forEach([&](const AccessRecord &r) { ++status.byStatus[r.status]; });
            src->log->httpErr.forEach([&](const HttpErrRecord &r) {
                ++status.byStatus[r.status];
                ReasonAcc &acc = reasons[r.reason];
                ReasonSummary &s = acc.summary;
                ++s.count;
                if (s.first == kNoTime || r.time < s.first)
                    s.first = r.time;
                if (s.last == kNoTime || r.time > s.last)
                    s.last = r.time;
                ++s.statuses[r.status];
                ++acc.clients[r.clientIp];
                if (r.uri != kEmptyStr)
                    ++acc.uris[r.uri];
            });
        }
        if (src->capture) {
            const CaptureData &c = *src->capture;
            for (std::uint32_t i = 0; i < c.transactionCount; ++i) {
                const Transaction &t = analysis.transactions[c.firstTransaction + i];
                if (t.hasResponse)
                    ++status.byStatus[t.status];
            }
        }
        if (!status.byStatus.empty())
            analysis.statusSummaries.push_back(std::move(status));
    }
    analysis.httpErrReasons.clear();
    for (auto &[reason, acc] : reasons) {
        acc.summary.reason = reason == kEmptyStr ? std::string("(none)") : std::string(analysis.str(reason));
        acc.summary.topClients = topIds(analysis, acc.clients, 10);
        acc.summary.topUris = topIds(analysis, acc.uris, 10);
        analysis.httpErrReasons.push_back(std::move(acc.summary));
    }
    std::sort(analysis.httpErrReasons.begin(), analysis.httpErrReasons.end(),
              [](const ReasonSummary &a, const ReasonSummary &b) {
                  return a.count != b.count ? a.count > b.count : a.reason < b.reason;
              });
}

} // namespace hs
