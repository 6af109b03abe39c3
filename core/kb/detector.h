// SPDX-License-Identifier: MIT
// A detector recognises one symptom (ARCHITECTURE §7) in what the readers and the correlation
// produced; it never re-parses. The driver walks the captured connections once and shows each to
// every detector (one pass over millions of transactions, not twenty), then asks each for findings.
#pragma once

#include "kb/catalog.h"
#include "kb/correlate/correlation.h"
#include "model/analysis.h"

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hs::kb {

struct DetectContext {
    const Analysis &analysis;
    const KnowledgeBase &kb;
    const Correlation &corr;
    // Log addresses parsed once per text. Not thread-safe: one per thread that runs detectors.
    AddressCache &addresses;

    std::string_view str(StrId id) const noexcept { return analysis.str(id); }
    TimeUs aligned(SourceId source, TimeUs t) const { return alignedTime(analysis, source, t); }
    TimeUs aligned(const Transaction &t, TimeUs time) const { return alignedTime(analysis, t.source, time); }
    const Connection *connectionOf(const Transaction &t) const
    {
        return t.connection.valid() && t.connection.value < analysis.connections.size()
                   ? &analysis.connections[t.connection.value]
                   : nullptr;
    }
};

class Detector {
public:
    explicit Detector(const SymptomEntry &entry) : entry_(entry) {}
    virtual ~Detector() = default;
    Detector(const Detector &) = delete;
    Detector &operator=(const Detector &) = delete;

    const SymptomEntry &entry() const noexcept { return entry_; }

    // Once per captured/exported connection, with its transactions in order. `connection` is null
    // for export entries that name no connection (then `transactions` holds one entry).
    virtual void onConnection(DetectContext &, const Connection *, std::span<const Transaction>) {}
    // After every connection: append findings. Log-driven detectors do all their work here.
    virtual void finish(DetectContext &ctx, std::vector<Finding> &out) = 0;
    // The HTTPERR reasons whose lines this detector reads through HttpErrIndex::reason(): the
    // correlation indexes only these, one entry per line. By default the entry's reasons.
    virtual std::vector<std::string> reasonsRead() const { return entry().httpErrReasons; }

private:
    const SymptomEntry &entry_;
};

// One detector per knowledge-base entry that has one: the built-in ids, plus the generic HTTPERR
// reason-group detector for entries that declare `"detector": "httperr-reasons"`.
std::vector<std::unique_ptr<Detector>> createDetectors(const KnowledgeBase &kb);

} // namespace hs::kb
