// SPDX-License-Identifier: MIT
// A reference to one log record (source + index into its record store): 8 bytes, so correlation
// tables over millions of lines stay small. The record and its raw line are fetched on demand.
#pragma once

#include "model/analysis.h"

#include <cstdint>

namespace hs::kb {

struct LogRef {
    SourceId source;
    std::uint32_t index = 0;

    bool valid() const noexcept { return source.valid(); }
    std::uint64_t packed() const noexcept { return (std::uint64_t{source.value} << 32) | index; }
    friend bool operator==(const LogRef &, const LogRef &) = default;
};

inline const HttpErrRecord &httpErrRecord(const Analysis &a, LogRef r)
{
    return a.source(r.source).log->httpErr[r.index];
}

// The shared fields (server, method, reason, app pool, site) of an HTTPERR line.
inline const HttpErrContext &httpErrContext(const Analysis &a, LogRef r)
{
    const LogData &log = *a.source(r.source).log;
    return log.context(log.httpErr[r.index]);
}

inline const AccessRecord &accessRecord(const Analysis &a, LogRef r)
{
    return a.source(r.source).log->access[r.index];
}

} // namespace hs::kb
