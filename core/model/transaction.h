// SPDX-License-Identifier: MIT
// One HTTP request and what answered it, from a capture (reassembled TCP) or an export (HAR/SAZ).
// Interim (1xx) responses are linked to the request they answer; a 1xx that arrives after the
// final response is flagged (KB898708's fingerprint).
#pragma once

#include "model/http_types.h"
#include "model/ids.h"
#include "model/string_pool.h"
#include "model/time.h"

#include <cstdint>
#include <vector>

namespace hs {

enum class BodyFraming : std::uint8_t {
    None, // no body (GET without length, HEAD/204/304 responses, Content-Length: 0)
    ContentLength,
    Chunked,
    ChunkedAndLength, // both headers present: TE wins, flagged as ambiguous
    UntilClose,       // response delimited by connection close
    Unknown,          // unparseable length or unknown transfer coding
};

// Protocol irregularities the tolerant parser records instead of giving up.
enum HttpViolation : std::uint32_t {
    kViolationNone = 0,
    kViolationBadRequestLine = 1u << 0,
    kViolationBadStatusLine = 1u << 1,
    kViolationBadHeader = 1u << 2,
    kViolationFoldedHeader = 1u << 3,
    kViolationDuplicateContentLength = 1u << 4,
    kViolationBadContentLength = 1u << 5,
    kViolationTeAndCl = 1u << 6,
    kViolationUnknownTransferCoding = 1u << 7,
    kViolationBadChunkSize = 1u << 8,
    kViolationChunkSizeOverflow = 1u << 9,
    kViolationMissingChunkCrlf = 1u << 10,
    kViolationBareLf = 1u << 11,
    kViolationGapInMessage = 1u << 12, // capture lost bytes inside this message
    kViolationTruncated = 1u << 13,    // connection/capture ended mid-message
    kViolationInterimToHttp10 = 1u << 14,
    kViolationExpectWithoutBody = 1u << 15,
    kViolationTeInHttp10 = 1u << 16,
    kViolationResponseWithoutRequest = 1u << 17,
    kViolationHeadersTooLarge = 1u << 18,
    kViolationObsoleteLineFolding = kViolationFoldedHeader,
};

struct InterimResponse {
    std::uint16_t status = 100;
    TimeUs time = kNoTime;
    std::uint64_t frame = 0;
    bool afterFinal = false; // arrived after this request's final response (stray)
};

// Per message: the headers detectors look at, as interned values (kEmptyStr when absent).
struct TransactionHeaders {
    StrId expect = kEmptyStr; // raw value, case preserved ("100-Continue" matters)
    StrId connection = kEmptyStr;
    StrId transferEncoding = kEmptyStr;
    StrId server = kEmptyStr;    // response only
    StrId userAgent = kEmptyStr; // request only
    StrId host = kEmptyStr;      // request only
    StrId via = kEmptyStr;
    std::int64_t contentLength = -1; // -1 = absent or invalid
};

struct Transaction {
    TransactionId id;
    ConnectionId connection; // invalid for export entries without a connection id
    SourceId source;
    std::uint32_t indexInConnection = 0; // 0-based request number on its connection

    // Request
    bool hasRequest = false;
    StrId method = kEmptyStr;
    StrId target = kEmptyStr; // request-target as sent (path + query, or absolute URI)
    HttpVersion requestVersion = HttpVersion::Unknown;
    TransactionHeaders request;
    BodyFraming requestFraming = BodyFraming::None;
    TimeUs requestTime = kNoTime;          // first byte of the request line
    TimeUs requestHeadEndTime = kNoTime;   // the packet that completed the header block
    TimeUs requestBodyFirstTime = kNoTime; // first body byte
    TimeUs requestBodyLastTime = kNoTime;  // last body byte (request complete)
    std::uint64_t requestFrame = 0, requestHeadEndFrame = 0, requestBodyFirstFrame = 0, requestBodyLastFrame = 0;
    std::uint64_t requestHeaderBytes = 0, requestBodyBytes = 0;
    std::uint32_t requestChunks = 0;
    bool requestComplete = false;

    // Interim responses (1xx), in arrival order
    std::vector<InterimResponse> interims;

    // Final response
    bool hasResponse = false;
    std::uint16_t status = 0;
    StrId reason = kEmptyStr;
    HttpVersion responseVersion = HttpVersion::Unknown;
    TransactionHeaders response;
    BodyFraming responseFraming = BodyFraming::None;
    TimeUs responseTime = kNoTime;    // first byte of the final status line
    TimeUs responseEndTime = kNoTime; // last byte of the final response
    std::uint64_t responseFrame = 0, responseEndFrame = 0;
    std::uint64_t responseHeaderBytes = 0, responseBodyBytes = 0;
    bool responseComplete = false;

    std::uint32_t violations = kViolationNone;

    // Raw header blocks for display ("follow connection"); offsets into the source's head arena,
    // empty when the arena's budget was spent.
    std::uint64_t requestHeadOffset = 0, responseHeadOffset = 0;
    std::uint32_t requestHeadSize = 0, responseHeadSize = 0;

    bool expectsContinue() const noexcept { return request.expect != kEmptyStr; }
    bool hasStrayInterim() const noexcept
    {
        for (const auto &i : interims)
            if (i.afterFinal)
                return true;
        return false;
    }
};

} // namespace hs
