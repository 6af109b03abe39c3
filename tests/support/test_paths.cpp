// SPDX-License-Identifier: MIT
#include "support/test_paths.h"

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

namespace hs::test {
namespace fs = std::filesystem;

fs::path dataDir()
{
    return HS_TEST_DATA_DIR;
}

fs::path sharedDataDir()
{
    return HS_SHARED_DATA_DIR;
}

fs::path binaryDir()
{
    return HS_BINARY_DIR;
}

fs::path sourceDir()
{
    return HS_SOURCE_DIR;
}

bool haveSharedData()
{
    std::error_code ec;
    return fs::is_directory(sharedDataDir(), ec);
}

TempDir::TempDir(std::string_view name)
{
    static std::atomic<int> counter{0};
    std::ostringstream unique;
    unique << name << "-" << std::hash<std::thread::id>{}(std::this_thread::get_id()) % 100000 << "-" << counter++;
    path_ = binaryDir() / "test-tmp" / unique.str();
    fs::remove_all(path_);
    fs::create_directories(path_);
}

TempDir::~TempDir()
{
    std::error_code ec;
    fs::remove_all(path_, ec);
}

fs::path TempDir::write(std::string_view relative, std::string_view bytes) const
{
    const fs::path p = path_ / fs::path(std::string(relative));
    fs::create_directories(p.parent_path());
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
}

std::string readFile(const fs::path &path)
{
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

} // namespace hs::test
