// SPDX-License-Identifier: MIT
// Internal to correlation: the passes over millions of log records run on several threads. The
// records of every source are cut into slices (never across a reader segment, so a slice is one
// contiguous span); threads take slices in turn and each slice writes its own partial result, which
// the caller merges in slice order — so the outcome is the same, bit for bit, as one thread's.
#pragma once

#include "model/analysis.h"
#include "tasks/cancel.h"
#include "tasks/task_pool.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <span>
#include <thread>
#include <vector>

namespace hs::kb {

template <typename Row>
struct RecordSlice {
    SourceId source;
    std::span<const Row> rows;
    std::uint32_t firstIndex = 0; // index of rows[0] in its source's store (LogRef::index)
};

// The records of `store` in every log source, in source and record order, in slices of at most
// maxRows records.
template <typename Row>
std::vector<RecordSlice<Row>> sliceRecords(const Analysis &a, RecordStore<Row> LogData::*store, std::size_t maxRows)
{
    maxRows = std::max<std::size_t>(maxRows, 1);
    std::vector<RecordSlice<Row>> out;
    for (const auto &src : a.sources) {
        if (!src->log)
            continue;
        std::size_t index = 0;
        for (const auto &segment : ((*src->log).*store).segments()) {
            for (std::size_t at = 0; at < segment.size(); at += maxRows) {
                const std::size_t n = std::min(maxRows, segment.size() - at);
                out.push_back(
                    {src->id, std::span<const Row>(segment.data() + at, n), static_cast<std::uint32_t>(index + at)});
            }
            index += segment.size();
        }
    }
    return out;
}

// Threads for `requested` (0: one per hardware thread).
inline unsigned scanThreads(unsigned requested)
{
    return requested ? requested : std::max(1u, std::thread::hardware_concurrency());
}

// Calls scan(sliceIndex, state) for every slice index in [0, slices). One slice, or one thread,
// runs on the calling thread without starting any (small logs stay cheap). Otherwise up to
// `threads` threads take the next slice until none is left; each owns one State, for what must
// not be shared (memos). Slices not started when the analysis is cancelled are skipped.
template <typename State, typename Scan>
void runSlices(std::size_t slices, unsigned threads, const CancelToken &cancel, Scan &&scan)
{
    const auto workers = static_cast<unsigned>(std::min<std::size_t>(threads, slices));
    if (workers <= 1) {
        State state;
        for (std::size_t i = 0; i < slices && !cancel.cancelled(); ++i)
            scan(i, state);
        return;
    }
    TaskPool pool(workers - 1); // the waiting thread is the last worker
    std::atomic<std::size_t> next{0};
    parallelFor(pool, workers, [&](std::size_t) {
        State state;
        for (std::size_t i = next.fetch_add(1); i < slices && !cancel.cancelled(); i = next.fetch_add(1))
            scan(i, state);
    });
}

} // namespace hs::kb
