// SPDX-License-Identifier: MIT
#include "model/problem.h"

#include <algorithm>

namespace hs {

void ProblemList::add(Problem problem)
{
    ++total_;
    ++counts_[problem.category];
    if (problem.level == ProblemLevel::Error)
        ++errors_;
    if (stored_.size() < kMaxStoredProblems)
        stored_.push_back(std::move(problem));
}

void ProblemList::merge(ProblemList &&other)
{
    total_ += other.total_;
    errors_ += other.errors_;
    for (const auto &[category, count] : other.counts_)
        counts_[category] += count;
    for (auto &p : other.stored_) {
        if (stored_.size() >= kMaxStoredProblems)
            break;
        stored_.push_back(std::move(p));
    }
    other = ProblemList{};
}

void ProblemList::sortByLocation()
{
    std::stable_sort(stored_.begin(), stored_.end(), [](const Problem &a, const Problem &b) {
        if (a.line != b.line)
            return a.line < b.line;
        if (a.frame != b.frame)
            return a.frame < b.frame;
        return a.offset < b.offset;
    });
}

} // namespace hs
