// SPDX-License-Identifier: MIT
// discardAnalysis frees an analysis with its inputs' maps released on a second thread (releasePages,
// tested last, drops their pages and the records' first). The CLI
// calls it for every analysis; the thread only starts for big inputs, so here the threshold is 0
// to run that path on small ones.
#include "io/page_advice.h"
#include "support/catch.h"
#include "support/test_paths.h"
#include "tasks/analyze.h"
#include "tasks/cancel.h"
#include "tasks/discard_analysis.h"
#include "tasks/progress.h"

#include <cstdint>
#include <vector>

using namespace hs;

namespace {

std::unique_ptr<Analysis> analyzeLogs()
{
    AnalyzeOptions options;
    options.inputs = {test::dataDir() / "logs" / "w3c", test::dataDir() / "logs" / "httperr"};
    CancelToken cancel;
    Progress progress;
    return analyze(options, cancel, progress);
}

} // namespace

TEST_CASE("discardAnalysis releases mapped inputs on a second thread and frees the rest", "[tasks]")
{
    auto analysis = analyzeLogs();
    REQUIRE(analysis);
    std::size_t mapped = 0;
    for (const auto &src : analysis->sources)
        mapped += src->bytes.isMapped() ? 1 : 0;
    REQUIRE(mapped > 1); // several maps for the second thread to release
    discardAnalysis(std::move(analysis), 0);
    CHECK_FALSE(analysis);

    // The inputs can be mapped and analysed again.
    auto again = analyzeLogs();
    REQUIRE(again);
    CHECK(again->sources.size() > 1);
    discardAnalysis(std::move(again)); // small inputs: freed on this thread
    discardAnalysis(nullptr);
}

TEST_CASE("releasePages drops only the whole pages inside the range", "[tasks]")
{
    std::vector<char> block(16 * 4096, 'x');
    char *const from = block.data() + 100;
    const std::size_t bytes = 10 * 4096;
    releasePages(from, bytes);
    const auto address = [](const char *p) { return reinterpret_cast<std::uintptr_t>(p); };
    std::size_t zeros = 0;
    for (const char &c : block) {
        const bool inside = address(&c) >= address(from) && address(&c) < address(from) + bytes;
        if (!inside)
            REQUIRE(c == 'x'); // bytes outside the range keep their contents
        zeros += c == 0 ? 1 : 0;
    }
#if defined(__linux__)
    // 100 bytes past the block's start, the range holds 9 whole pages (its ends are partial ones,
    // whatever the block's alignment); those read as zero now, nothing else does.
    CHECK(zeros == 9 * 4096);
#endif
}
