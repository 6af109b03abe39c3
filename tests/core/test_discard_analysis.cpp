// SPDX-License-Identifier: MIT
// discardAnalysis frees an analysis with its inputs' maps released on a second thread. The CLI
// calls it for every analysis; the thread only starts for big inputs, so here the threshold is 0
// to run that path on small ones.
#include "support/catch.h"
#include "support/test_paths.h"
#include "tasks/analyze.h"
#include "tasks/cancel.h"
#include "tasks/discard_analysis.h"
#include "tasks/progress.h"

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
