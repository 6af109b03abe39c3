// SPDX-License-Identifier: MIT
#include "capture/http/http_body.h"

#include "capture/http/http_syntax.h"

#include <algorithm>
#include <cstring>

namespace hs::http {

namespace {

int hexValue(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isHttp10OrOlder(HttpVersion v) noexcept
{
    return v == HttpVersion::Http10 || v == HttpVersion::Http09;
}

// Transfer-Encoding decides framing whenever it is present (RFC 9112 §6.3 rule 3).
bool planTransferCoding(const ParsedHead &head, BodyPlan &plan) noexcept
{
    if (!head.hasTransferEncoding)
        return false;
    if (isHttp10OrOlder(head.version))
        plan.violations |= kViolationTeInHttp10;
    if (head.hasContentLength)
        plan.violations |= kViolationTeAndCl;
    if (head.chunked) {
        plan.kind = BodyKind::Chunked;
        plan.framing = head.hasContentLength ? BodyFraming::ChunkedAndLength : BodyFraming::Chunked;
    } else {
        plan.kind = BodyKind::Unknown;
        plan.framing = BodyFraming::Unknown;
    }
    return true;
}

bool planContentLength(const ParsedHead &head, BodyPlan &plan) noexcept
{
    if (!head.hasContentLength)
        return false;
    if (head.contentLength < 0) {
        plan.kind = BodyKind::Unknown;
        plan.framing = BodyFraming::Unknown;
    } else if (head.contentLength == 0) {
        plan.kind = BodyKind::None;
        plan.framing = BodyFraming::None;
    } else {
        plan.kind = BodyKind::Length;
        plan.length = static_cast<std::uint64_t>(head.contentLength);
        plan.framing = BodyFraming::ContentLength;
    }
    return true;
}

} // namespace

BodyPlan planRequestBody(const ParsedHead &request) noexcept
{
    BodyPlan plan;
    if (request.simpleRequest)
        return plan;
    if (!planTransferCoding(request, plan))
        planContentLength(request, plan);
    if (plan.kind == BodyKind::None && request.counts[static_cast<std::size_t>(HeaderId::Expect)] > 0)
        plan.violations |= kViolationExpectWithoutBody;
    return plan;
}

BodyPlan planResponseBody(const ParsedHead &response, bool requestMethodHead) noexcept
{
    BodyPlan plan;
    const std::uint16_t status = response.status;
    const bool noBody = requestMethodHead || (status >= 100 && status < 200) || status == 204 || status == 304;
    if (noBody) {
        if (response.hasTransferEncoding && response.hasContentLength)
            plan.violations |= kViolationTeAndCl;
        return plan;
    }
    if (planTransferCoding(response, plan)) {
        if (plan.kind == BodyKind::Unknown)
            plan.kind = BodyKind::UntilClose; // RFC 9112 §6.3: read until the connection closes
        return plan;
    }
    if (planContentLength(response, plan)) {
        if (plan.kind == BodyKind::Unknown)
            plan.kind = BodyKind::UntilClose;
        return plan;
    }
    plan.kind = BodyKind::UntilClose;
    plan.framing = BodyFraming::UntilClose;
    return plan;
}

void BodyDecoder::start(const BodyPlan &plan) noexcept
{
    chunks_ = 0;
    violations_ = kViolationNone;
    sawDigit_ = false;
    prevCr_ = false;
    remaining_ = 0;
    lineBytes_ = 0;
    switch (plan.kind) {
    case BodyKind::None: state_ = State::Done; break;
    case BodyKind::Length:
        remaining_ = plan.length;
        state_ = remaining_ ? State::Length : State::Done;
        break;
    case BodyKind::Chunked: state_ = State::SizeDigits; break;
    case BodyKind::UntilClose: state_ = State::UntilClose; break;
    case BodyKind::Unknown: state_ = State::Failed; break;
    }
}

void BodyDecoder::endSizeLine() noexcept
{
    lineBytes_ = 0;
    if (remaining_ == 0) {
        state_ = State::TrailerStart; // the last chunk
        return;
    }
    ++chunks_;
    state_ = State::Data;
}

std::size_t BodyDecoder::consume(std::string_view data) noexcept
{
    const char *const begin = data.data();
    const char *p = begin;
    const char *const end = begin + data.size();
    while (p < end) {
        switch (state_) {
        case State::Done:
        case State::Failed: return static_cast<std::size_t>(p - begin);
        case State::Length:
        case State::Data: {
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, end - p));
            p += n;
            remaining_ -= n;
            if (remaining_ == 0)
                state_ = state_ == State::Length ? State::Done : State::DataCr;
            break;
        }
        case State::UntilClose: p = end; break;
        case State::SizeDigits: {
            const char c = *p;
            const int v = hexValue(c);
            if (v >= 0) {
                if (remaining_ > (~std::uint64_t{0} >> 4)) {
                    fail(kViolationChunkSizeOverflow);
                    break;
                }
                remaining_ = (remaining_ << 4) | static_cast<std::uint64_t>(v);
                sawDigit_ = true;
                ++p;
            } else if (!sawDigit_ && isSpaceOrTab(c)) {
                violations_ |= kViolationBadChunkSize; // leading white space: tolerated
                ++p;
            } else if (!sawDigit_) {
                fail(kViolationBadChunkSize); // "-1", "g", an empty line: no size at all
            } else if (isSpaceOrTab(c)) {
                state_ = State::SizeSpace;
                ++p;
            } else if (c == ';') {
                state_ = State::SizeExt;
                ++p;
            } else if (c == '\r') {
                state_ = State::SizeLf;
                ++p;
            } else if (c == '\n') {
                violations_ |= kViolationBareLf;
                ++p;
                endSizeLine();
            } else {
                fail(kViolationBadChunkSize);
            }
            break;
        }
        case State::SizeSpace: {
            const char c = *p;
            if (isSpaceOrTab(c)) {
                ++p;
            } else if (c == ';') {
                state_ = State::SizeExt;
                ++p;
            } else if (c == '\r') {
                state_ = State::SizeLf;
                ++p;
            } else if (c == '\n') {
                violations_ |= kViolationBareLf;
                ++p;
                endSizeLine();
            } else {
                fail(kViolationBadChunkSize); // "1 2": digits after white space
            }
            break;
        }
        case State::SizeExt: {
            // Chunk extensions carry nothing we need: skip to the line end, within a bound.
            const auto *lf = static_cast<const char *>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
            const char *stop = lf ? lf : end;
            lineBytes_ += static_cast<std::uint64_t>(stop - p);
            if (lineBytes_ > kMaxChunkLineBytes) {
                fail(kViolationBadChunkSize);
                break;
            }
            if (!lf) {
                prevCr_ = end[-1] == '\r';
                p = end;
                break;
            }
            if (lf == p ? !prevCr_ : lf[-1] != '\r')
                violations_ |= kViolationBareLf;
            prevCr_ = false;
            p = lf + 1;
            endSizeLine();
            break;
        }
        case State::SizeLf:
            if (*p == '\n')
                ++p;
            else
                violations_ |= kViolationBadChunkSize; // a CR alone ends the line
            endSizeLine();
            break;
        case State::DataCr:
            if (*p == '\r') {
                state_ = State::DataLf;
                ++p;
            } else if (*p == '\n') {
                violations_ |= kViolationBareLf;
                ++p;
                state_ = State::SizeDigits;
                remaining_ = 0;
                sawDigit_ = false;
            } else {
                // Tolerated: the next size line follows the data directly.
                violations_ |= kViolationMissingChunkCrlf;
                state_ = State::SizeDigits;
                remaining_ = 0;
                sawDigit_ = false;
            }
            break;
        case State::DataLf:
            if (*p == '\n')
                ++p;
            else
                violations_ |= kViolationMissingChunkCrlf;
            state_ = State::SizeDigits;
            remaining_ = 0;
            sawDigit_ = false;
            break;
        case State::TrailerStart:
            if (*p == '\r') {
                state_ = State::TrailerLf;
                ++p;
                ++lineBytes_;
            } else if (*p == '\n') {
                violations_ |= kViolationBareLf;
                ++p;
                state_ = State::Done;
            } else {
                state_ = State::TrailerLine;
            }
            break;
        case State::TrailerLine: {
            const auto *lf = static_cast<const char *>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
            const char *stop = lf ? lf + 1 : end;
            lineBytes_ += static_cast<std::uint64_t>(stop - p);
            if (lineBytes_ > kMaxTrailerBytes) {
                fail(kViolationHeadersTooLarge);
                break;
            }
            if (lf && (lf == p ? !prevCr_ : lf[-1] != '\r'))
                violations_ |= kViolationBareLf;
            prevCr_ = !lf && stop[-1] == '\r';
            p = stop;
            if (lf)
                state_ = State::TrailerStart;
            break;
        }
        case State::TrailerLf:
            if (*p == '\n')
                ++p;
            else
                violations_ |= kViolationMissingChunkCrlf; // "\r" then something: end anyway
            state_ = State::Done;
            break;
        }
    }
    return static_cast<std::size_t>(p - begin);
}

bool BodyDecoder::skipGap(std::uint64_t length) noexcept
{
    switch (state_) {
    case State::UntilClose: return true;
    case State::Length:
    case State::Data:
        if (length > remaining_)
            return false;
        remaining_ -= length;
        if (remaining_ == 0)
            state_ = state_ == State::Length ? State::Done : State::DataCr;
        return true;
    default: return false;
    }
}

} // namespace hs::http
