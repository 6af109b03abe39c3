// SPDX-License-Identifier: MIT
// Compact rows for log records (STYLE practice 4). A row holds what detectors, summaries and the
// table views need as typed values and interned ids; everything else (query string, cookies, custom
// fields) is re-read from the raw line on demand through the source's line index and field layouts.
//
// Sizes are locked with static_assert: at 10 M rows every byte here is 10 MB of RAM.
#pragma once

#include "model/http_types.h"
#include "model/log_address.h"
#include "model/string_pool.h"
#include "model/time.h"

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace hs {

inline constexpr std::uint32_t kNoValue32 = ~std::uint32_t{0};
inline constexpr std::uint64_t kNoValue64 = ~std::uint64_t{0};
inline constexpr std::uint16_t kNoPort = 0;

// sc-bytes / cs-bytes in 5 bytes instead of 8: up to 1 TiB - 2 per request, far beyond any one
// response IIS serves; readers treat larger values as out of range. At 7 M W3C rows the 6 bytes
// saved per row are 40 MB. Reads as a plain integer, kNoValue64 when the log had no value.
class ByteCount40 {
public:
    static constexpr std::uint64_t kMax = (std::uint64_t{1} << 40) - 2;

    constexpr ByteCount40() noexcept { store(kAbsent); }
    // Values above kMax (other than kNoValue64, "absent") are clamped to kMax.
    explicit constexpr ByteCount40(std::uint64_t value) noexcept { *this = value; }
    constexpr ByteCount40 &operator=(std::uint64_t value) noexcept
    {
        store(value == kNoValue64 ? kAbsent : std::min(value, kMax));
        return *this;
    }
    constexpr operator std::uint64_t() const noexcept
    {
        std::uint64_t v = 0;
        for (int i = 4; i >= 0; --i)
            v = (v << 8) | bytes_[i];
        return v == kAbsent ? kNoValue64 : v;
    }

private:
    static constexpr std::uint64_t kAbsent = (std::uint64_t{1} << 40) - 1;
    constexpr void store(std::uint64_t v) noexcept
    {
        for (int i = 0; i < 5; ++i)
            bytes_[i] = static_cast<std::uint8_t>(v >> (8 * i));
    }
    std::uint8_t bytes_[5]{};
};
static_assert(sizeof(ByteCount40) == 5 && alignof(ByteCount40) == 1);

enum RecordFlag : std::uint8_t {
    kRecordLocalTime = 1u << 0,      // time was written in server-local time (IIS native, no offset known)
    kRecordGuessedLayout = 1u << 1,  // parsed with an assumed field set (no/mismatched #Fields)
    kRecordNonUtf8 = 1u << 2,        // line holds bytes that are not valid UTF-8 (kept as is)
    kRecordMillisecondTime = 1u << 3 // non-standard "hh:mm:ss.fff" time column
};

// One line of a W3C extended, IIS native or NCSA access log.
struct AccessRecord {
    TimeUs time = kNoTime;            // UTC; W3C writes it when the response completed
    std::uint32_t line = 0;           // 1-based line in the source
    LogAddress clientIp;              // c-ip as written (zone id kept)
    StrId serverIp = kEmptyStr;       // s-ip
    StrId method = kEmptyStr;         // cs-method
    StrId uriStem = kEmptyStr;        // cs-uri-stem
    StrId userAgent = kEmptyStr;      // cs(User-Agent) with '+' decoded to ' '
    StrId host = kEmptyStr;           // cs-host or cs(Host)
    std::uint32_t win32 = kNoValue32; // sc-win32-status
    std::uint32_t timeTakenMs = kNoValue32;
    std::uint16_t serverPort = kNoPort;
    std::uint16_t status = 0; // 0 = absent
    std::uint16_t substatus = 0xffff;
    std::uint16_t layout = 0; // index into LogSourceData::layouts
    HttpVersion version = HttpVersion::Unknown;
    std::uint8_t flags = 0;
    ByteCount40 scBytes;
    ByteCount40 csBytes;
};
static_assert(std::is_trivially_copyable_v<AccessRecord>);
static_assert(sizeof(AccessRecord) == 64, "AccessRecord grew: check the memory budget (0.5x input)");

// What many HTTPERR lines share: the server side, the method and what HTTP.sys did. A busy log has
// millions of lines but a few hundred of these, so a row holds the index of its context
// (LogData::httpErrContexts) instead of 20 bytes of ids: 10 M rows take 32 bytes each, not 48.
struct HttpErrContext {
    StrId serverIp = kEmptyStr;
    StrId method = kEmptyStr; // empty for connection-level lines ("-")
    StrId reason = kEmptyStr; // s-reason, never empty in a valid line
    StrId queue = kEmptyStr;  // s-queuename (app pool), may be absent
    std::uint32_t siteId = kNoValue32;

    friend bool operator==(const HttpErrContext &, const HttpErrContext &) = default;
    std::uint64_t hash() const noexcept
    {
        std::uint64_t h = 0x9E3779B97F4A7C15ULL;
        for (const std::uint32_t v : {serverIp, method, reason, queue, siteId})
            h = (h ^ v) * 0xff51afd7ed558ccdULL;
        return h ^ (h >> 29);
    }
};

// One line of an HTTP.sys error log (HTTPERR).
struct HttpErrRecord {
    TimeUs time = kNoTime;
    std::uint32_t line = 0;
    LogAddress clientIp;       // with zone id as written
    StrId uri = kEmptyStr;     // cs-uri (cooked URL + query)
    std::uint32_t context = 0; // index into LogData::httpErrContexts
    std::uint16_t clientPort = kNoPort;
    std::uint16_t serverPort = kNoPort;
    std::uint16_t status = 0; // 0 = "-"
    std::uint8_t layout = 0;  // index into LogSourceData::layouts (saturates at 255)
    HttpVersion version = HttpVersion::Unknown;
};
static_assert(std::is_trivially_copyable_v<HttpErrRecord>);
static_assert(sizeof(HttpErrRecord) == 32, "HttpErrRecord grew: check the memory budget (0.5x input)");

// Rows in segments: a parallel reader fills one segment per chunk, so nothing is copied when
// chunks are joined and no vector ever doubles past its final size.
template <typename Row>
class RecordStore {
public:
    using Segment = std::vector<Row>;

    void appendSegment(Segment &&segment)
    {
        if (segment.empty())
            return;
        starts_.push_back(size_);
        size_ += segment.size();
        segments_.push_back(std::move(segment));
    }

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }

    const Row &operator[](std::size_t i) const noexcept
    {
        const auto it = std::upper_bound(starts_.begin(), starts_.end(), i);
        const auto seg = static_cast<std::size_t>(it - starts_.begin()) - 1;
        return segments_[seg][i - starts_[seg]];
    }
    Row &operator[](std::size_t i) noexcept { return const_cast<Row &>(static_cast<const RecordStore &>(*this)[i]); }

    const std::vector<Segment> &segments() const noexcept { return segments_; }
    std::vector<Segment> &segments() noexcept { return segments_; }

    template <typename Fn>
    void forEach(Fn &&fn) const
    {
        for (const auto &seg : segments_)
            for (const Row &row : seg)
                fn(row);
    }

    std::size_t memoryBytes() const noexcept
    {
        std::size_t n = 0;
        for (const auto &seg : segments_)
            n += seg.capacity() * sizeof(Row);
        return n;
    }

private:
    std::vector<Segment> segments_;
    std::vector<std::size_t> starts_;
    std::size_t size_ = 0;
};

} // namespace hs
