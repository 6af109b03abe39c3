// SPDX-License-Identifier: MIT
// Where tests find their data, and small helpers to write temporary fixtures.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace hs::test {

std::filesystem::path dataDir();       // tests/data (the project's own fixtures)
std::filesystem::path sharedDataDir(); // ../shared/data (real-world samples), may not exist
std::filesystem::path binaryDir();
std::filesystem::path sourceDir();
bool haveSharedData();

// A fresh, empty folder under the build tree, removed when the object dies.
class TempDir {
public:
    explicit TempDir(std::string_view name);
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    const std::filesystem::path &path() const noexcept { return path_; }
    std::filesystem::path write(std::string_view relative, std::string_view bytes) const;

private:
    std::filesystem::path path_;
};

std::string readFile(const std::filesystem::path &path);

} // namespace hs::test
