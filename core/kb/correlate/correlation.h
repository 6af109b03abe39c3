// SPDX-License-Identifier: MIT
// Correlation (ARCHITECTURE §1): what ties the sources of one incident together before detectors
// run. HTTPERR lines are tied to captured connections by the exact 4-tuple (the only exact key);
// W3C lines are tied to captured/exported requests by client address, server port, method, path and
// time (W3C `time` is when the response completed); a capture's clock offset against the logs is
// estimated from those matches, or taken from the user. Detectors read this; they never re-parse.
#pragma once

#include "kb/correlate/address_cache.h"
#include "kb/correlate/log_refs.h"
#include "kb/correlate/request_keys.h"
#include "model/analysis.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace hs {
struct ClockOverride;
class CancelToken;
} // namespace hs

namespace hs::kb {

struct IpAddressHash {
    std::size_t operator()(const IpAddress &a) const noexcept { return static_cast<std::size_t>(a.hash()); }
};

// HTTPERR lines grouped by reason, and tied to captured connections.
struct HttpErrIndex {
    // Lines of the reasons some knowledge-base entry uses (CorrelateOptions::indexReasons), in source
    // and line order; every line counts in total/first/last and can be tied to a connection.
    std::unordered_map<StrId, std::vector<LogRef>> byReason;
    std::uint64_t total = 0;
    TimeUs first = kNoTime, last = kNoTime;
    std::vector<std::pair<std::uint32_t, LogRef>> byConnection;       // sorted by connection id
    std::unordered_map<std::uint64_t, ConnectionId> connectionOfLine; // LogRef::packed() → connection

    // Lines of one reason (case-insensitive name); empty when the logs have none.
    std::span<const LogRef> reason(const Analysis &a, std::string_view name) const;
    std::span<const std::pair<std::uint32_t, LogRef>> linesOn(ConnectionId connection) const;
    ConnectionId connectionOf(LogRef line) const;
};

// A group of W3C lines one detector cares about, counted in the single pass over the W3C logs.
struct W3cGroup {
    std::uint64_t count = 0;
    TimeUs first = kNoTime, last = kNoTime;
    std::vector<LogRef> samples; // the first kMaxSamples in log order, or every line when keepAll
    bool keepAll = false;
    static constexpr std::size_t kMaxSamples = 64;
    void add(const AccessRecord &r, LogRef ref);
};

struct PostMark {
    TimeUs time = kNoTime; // W3C completion time
    LogRef ref;
    std::uint16_t serverPort = 0;
};

// POSTs grouped by client: each client's in time order, log order for equal times. Flat (one
// sort of every POST) rather than a vector per client: a busy log has tens of thousands of watched
// clients, and building their vectors one by one was most of the W3C pass's serial merge.
struct ClientPosts {
    std::vector<std::uint32_t> clients; // LogAddress codes, ascending
    std::vector<std::uint32_t> starts;  // client i's marks are marks[starts[i] .. starts[i + 1])
    std::vector<PostMark> marks;

    // Empty when the client made no tracked POST.
    std::span<const PostMark> of(std::uint32_t client) const;
    std::size_t size() const noexcept { return clients.size(); }
    using Post = std::pair<std::uint32_t, PostMark>;
    // Orders (client, mark) pairs given in log order as group() needs them: by client, then time,
    // log order kept for equal keys.
    static void sortPosts(std::vector<Post> &posts);
    // From runs that are each sorted by sortPosts() and together in log order (a parallel pass's
    // slices): merged stably, as one sort of their concatenation would order them.
    static ClientPosts group(std::vector<std::vector<Post>> &&runs);
};

struct W3cDigest {
    std::uint64_t records = 0;
    TimeUs first = kNoTime, last = kNoTime;
    std::map<std::uint32_t, W3cGroup> byWin32; // connection-problem sc-win32-status codes
    // Per byWin32 group, for each sample: requestPathHash of its cs-uri-stem and its time. The pass
    // takes them while it has the row at hand; connection-dropped compares every row with the
    // HTTPERR lines, and fetching 100k+ scattered rows and their paths again costs more than that.
    std::map<std::uint32_t, std::vector<std::pair<std::uint64_t, TimeUs>>> win32PathTimes;
    W3cGroup rejected413;          // 413 on POST/PUT (client-certificate renegotiation)
    W3cGroup expectationFailed417; // 417 rows
    // POSTs of the watched clients, by the client's LogAddress code as the W3C log wrote it (use
    // postsOf() to look an address up).
    ClientPosts postsByClient;
};

// The W3C POSTs of a client named by an HTTPERR line: by the same text, else by the address's
// canonical text (HTTPERR may add a zone id or spell IPv6 differently; the address is parsed only
// then). Empty when none were tracked.
std::span<const PostMark> postsOf(const Analysis &a, const W3cDigest &d, LogAddress httpErrClient,
                                  AddressCache &addresses);

// One W3C line that may describe a captured request.
struct W3cCandidate {
    TimeUs time = kNoTime; // completion (W3C time)
    std::uint32_t timeTakenMs = 0;
    std::uint16_t serverPort = 0;
    bool wholeSeconds = true; // the log's time column has 1 s resolution
    LogAddress clientIp;
    LogRef ref;
};

struct CorrelateOptions {
    const std::vector<ClockOverride> *clockOverrides = nullptr;
    bool estimateClockOffsets = true;
    std::vector<std::string> watchPostsForReasons;   // HTTPERR reasons whose clients' POSTs are tracked
    std::vector<std::string> indexReasons;           // HTTPERR reasons detectors ask for; empty = all
    std::vector<std::uint32_t> connectionWin32Codes; // sc-win32-status codes grouped in the digest
    TimeUs maxClockOffset = 60 * kUsPerMinute;       // estimates are searched within ± this
    TimeUs httpErrLinger = 150 * kUsPerSecond; // HTTP.sys timers fire up to connectionTimeout after the last packet
    // The passes over the log records run on this many threads (0: one per hardware thread), in
    // slices of sliceRecords records; logs of one slice are scanned on the calling thread. The
    // result is the same for any thread count or slice size.
    unsigned threads = 0;
    std::size_t sliceRecords = std::size_t{1} << 17; // ~9 MB of W3C rows: a few ms of work per slice
};

struct Correlation {
    explicit Correlation(const StringPool &strings) : addresses(strings), keys(strings) {}
    AddressCache addresses;
    RequestKeys keys;
    HttpErrIndex httpErr;
    W3cDigest w3c;
    std::vector<LogRef> w3cForTransaction; // by transaction index; invalid = no W3C line matched
    std::uint64_t w3cMatches = 0;

    LogRef w3cOf(TransactionId t) const
    {
        return t.value < w3cForTransaction.size() ? w3cForTransaction[t.value] : LogRef{};
    }
};

// Builds the correlation, sets Source::clockOffset (estimated or given) and fills
// Analysis::clockOffsets. Safe on any analysis (logs only, captures only, nothing).
Correlation correlate(Analysis &analysis, const CorrelateOptions &options, const CancelToken &cancel);

// Aligned time of a capture/export source's timestamp (its clock offset applied).
inline TimeUs alignedTime(const Analysis &a, SourceId source, TimeUs t)
{
    return t == kNoTime || !source.valid() ? t : t + a.source(source).clockOffset;
}

} // namespace hs::kb
