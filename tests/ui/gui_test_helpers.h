// SPDX-License-Identifier: MIT
// Shared by the UI tests: the fixture bundle analysed once, waiting on the event loop, synthetic
// findings for the findings panel until detectors produce them for the fixture.
#pragma once

#include "model/analysis.h"

#include <filesystem>
#include <functional>
#include <memory>

namespace hs::test {

// tests/data/ui/bundle (written by tests/data/ui/gen_ui_fixtures.py).
std::filesystem::path uiBundle();
// A fresh analysis of the bundle (synchronously, on the calling thread).
std::unique_ptr<Analysis> analyseBundle();
// Spins the event loop until `done` or the timeout; returns done().
bool waitUntil(const std::function<bool()> &done, int timeoutMs = 30000);
// A finding citing the W3C line `line` and the HTTPERR line `httpErrLine` of the bundle.
Finding makeFinding(const Analysis &analysis, std::uint64_t w3cLine, std::uint64_t httpErrLine);
SourceId sourceByPath(const Analysis &analysis, std::string_view suffix);

} // namespace hs::test
