// SPDX-License-Identifier: MIT
// Small helpers shared by the export reader tests.
#pragma once

#include "model/source.h"
#include "model/string_pool.h"
#include "model/time.h"
#include "support/test_paths.h"
#include "tasks/open_input.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace hs::test {

inline std::filesystem::path exportsFixture(std::string_view name)
{
    return dataDir() / "exports" / std::string(name);
}

inline TimeUs utc(std::string_view iso)
{
    const auto t = parseIso(iso);
    return t ? *t : kNoTime;
}

inline std::uint64_t problemCount(const Source &src, const std::string &category)
{
    const auto &counts = src.problems.countsByCategory();
    const auto it = counts.find(category);
    return it == counts.end() ? 0 : it->second;
}

inline const Problem *firstProblem(const Source &src, std::string_view category)
{
    for (const Problem &p : src.problems.stored())
        if (p.category == category)
            return &p;
    return nullptr;
}

} // namespace hs::test
