// SPDX-License-Identifier: MIT
// The bytes of one input: a read-only memory map of a file on disk, or an owned buffer for data that
// was decompressed or extracted from an archive. Readers see a std::string_view either way.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hs {

class MappedFile; // io/mapped_file.h

class ByteBuffer {
public:
    ByteBuffer();
    ~ByteBuffer();
    ByteBuffer(ByteBuffer &&) noexcept;
    ByteBuffer &operator=(ByteBuffer &&) noexcept;

    // Maps the file read-only (shared read/write/delete on Windows so IIS can keep logging).
    // Returns an empty buffer and sets error on failure.
    static ByteBuffer mapFile(const std::filesystem::path &path, std::string &error);
    static ByteBuffer fromOwned(std::vector<char> &&bytes);

    std::string_view view() const noexcept { return {data_, size_}; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    bool isMapped() const noexcept { return mapped_ != nullptr; }
    // Hint that the bytes will be read once front to back (madvise SEQUENTIAL / WILLNEED).
    void adviseSequential() const noexcept;
    void release(); // unmap / free

private:
    std::unique_ptr<MappedFile> mapped_;
    std::vector<char> owned_;
    const char *data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace hs
