// SPDX-License-Identifier: MIT
// Parse problems are data (STYLE practice 11): located (line, byte offset or frame), categorised and
// counted. Every rejected line is counted; the first kMaxStoredProblems are kept with their message,
// the rest are summarised per category so a 1 GB file of garbage cannot produce a 1 GB problem list.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hs {

enum class ProblemLevel : std::uint8_t {
    Note,    // an assumption was made (no #Fields, local time, guessed layout)
    Warning, // data was skipped or may be wrong (rejected line, gap in a capture)
    Error,   // the source could not be read (further)
};

struct Problem {
    std::uint64_t line = 0;           // 1-based; 0 = not line-located
    std::uint64_t offset = kNoOffset; // byte offset in the (decompressed) source
    std::uint64_t frame = 0;          // 1-based capture frame; 0 = none
    ProblemLevel level = ProblemLevel::Warning;
    std::string category; // stable, short: "field-count", "bad-time", "truncated", …
    std::string message;  // human text, e.g. "3 fields, 13 declared in #Fields"
    static constexpr std::uint64_t kNoOffset = ~std::uint64_t{0};
};

class ProblemList {
public:
    static constexpr std::size_t kMaxStoredProblems = 1000;

    void add(Problem problem);
    void merge(ProblemList &&other); // appends (keeps order of the arguments)

    const std::vector<Problem> &stored() const noexcept { return stored_; }
    std::uint64_t total() const noexcept { return total_; }
    std::uint64_t omitted() const noexcept { return total_ - stored_.size(); }
    // Count of problems per category, including omitted ones.
    const std::map<std::string, std::uint64_t> &countsByCategory() const noexcept { return counts_; }
    bool hasErrors() const noexcept { return errors_ > 0; }
    void sortByLocation();

private:
    std::vector<Problem> stored_;
    std::map<std::string, std::uint64_t> counts_;
    std::uint64_t total_ = 0;
    std::uint64_t errors_ = 0;
};

} // namespace hs
