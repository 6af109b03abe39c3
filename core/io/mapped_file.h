// SPDX-License-Identifier: MIT
// Read-only memory maps (POSIX mmap / Win32 file mappings), one of the few platform-specific files in core.
// Files are opened with full sharing on Windows because IIS keeps its current log open for writing.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace hs {

class MappedFile {
public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    bool open(const std::filesystem::path &path, std::string &error);
    const char *data() const noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }
    void adviseSequential() const noexcept;
    void close() noexcept;

private:
    const char *data_ = nullptr;
    std::size_t size_ = 0;
#ifdef _WIN32
    void *file_ = nullptr;
    void *mapping_ = nullptr;
#endif
};

// Opens a file for reading with sharing flags (Windows) / O_RDONLY|O_CLOEXEC (POSIX) and reads up to
// maxBytes from the start. Used by the sniffers and for files too small to be worth mapping.
bool readFileHead(const std::filesystem::path &path, std::size_t maxBytes, std::string &out, std::string &error);

} // namespace hs
