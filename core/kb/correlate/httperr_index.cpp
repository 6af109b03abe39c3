// SPDX-License-Identifier: MIT
// The pass over every HTTPERR line: lines grouped by the reasons detectors ask for, the log's time
// range, and the clients whose W3C POSTs the W3C pass must track.
#include "kb/correlate/log_passes.h"
#include "kb/correlate/record_slices.h"

#include <algorithm>

namespace hs::kb {
namespace {

StrId findId(const Analysis &a, std::string_view text)
{
    return a.strings->find(text);
}

// What one slice of HTTPERR lines contributes, merged in slice order.
struct HttpErrPart {
    OrderedBuckets<StrId, LogRef> byReason;
    std::uint64_t total = 0;
    TimeUs first = kNoTime, last = kNoTime;
    std::vector<LogAddress> watchedClients; // clients of watched connection-level lines, in line order
};

struct NoState {};

} // namespace

void indexHttpErr(const Analysis &a, Correlation &corr, const CorrelateOptions &options, WatchedClients &watched,
                  const CancelToken &cancel)
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

    const auto slices = sliceRecords(a, &LogData::httpErr, options.sliceRecords);
    std::vector<HttpErrPart> parts(slices.size());
    runSlices<NoState>(slices.size(), scanThreads(options.threads), cancel, [&](std::size_t s, NoState &) {
        const RecordSlice<HttpErrRecord> &slice = slices[s];
        HttpErrPart &part = parts[s];
        std::uint32_t i = slice.firstIndex;
        for (const HttpErrRecord &r : slice.rows) {
            const LogRef ref{slice.source, i++};
            if (indexAll || indexed.contains(r.reason))
                part.byReason[r.reason].push_back(ref);
            ++part.total;
            widenTimeRange(part.first, part.last, r.time);
            // Connection-level lines (request fields empty) name the client whose POSTs matter.
            if (r.method == kEmptyStr &&
                std::find(watchReasons.begin(), watchReasons.end(), r.reason) != watchReasons.end() &&
                (part.watchedClients.empty() || part.watchedClients.back() != r.clientIp))
                part.watchedClients.push_back(r.clientIp);
        }
    });

    HttpErrIndex &idx = corr.httpErr;
    for (HttpErrPart &part : parts) {
        part.byReason.moveAppendTo(idx.byReason);
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
}

} // namespace hs::kb
