// SPDX-License-Identifier: MIT
// gzip decompression and .zip/.saz extraction into memory, with limits so that a decompression
// bomb ends as a located problem instead of an out-of-memory kill.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hs {

struct ExpandLimits {
    std::uint64_t maxMemberBytes = 4ull << 30; // one decompressed file
    std::uint64_t maxTotalBytes = 8ull << 30;  // everything taken out of one archive
    std::uint64_t maxRatio = 200;              // decompressed/compressed, checked beyond ratioFloor
    std::uint64_t ratioFloor = 256ull << 20;
    std::size_t maxMembers = 100000;
};

bool isGzip(std::string_view head) noexcept;
bool isZip(std::string_view head) noexcept;

struct GunzipResult {
    std::vector<char> bytes;
    bool complete = true; // false: truncated stream, corrupt data or a limit stopped it
    std::string problem;  // why it is incomplete, with the compressed byte offset
};
// Decompresses every gzip member in `compressed` (concatenated members are one stream).
GunzipResult gunzip(std::string_view compressed, const ExpandLimits &limits = {});

struct ArchiveMember {
    std::string path;        // inside the archive, '/' separated
    std::uint64_t size = 0;  // as declared by the archive
    std::vector<char> bytes; // empty unless extracted
    bool complete = true;
    std::string problem;
};

// Lists the regular files of a zip archive (no extraction). Returns false and sets error if the
// bytes are not a readable archive.
bool listArchive(std::string_view archiveBytes, std::vector<ArchiveMember> &members, std::string &error);

// Extracts members for which want(path) is true, calling onMember for each. Limits apply across
// the archive; problems (damaged member, limit reached) are reported in `problems`.
bool extractArchive(std::string_view archiveBytes, const std::function<bool(std::string_view path)> &want,
                    const std::function<void(ArchiveMember &&)> &onMember, std::vector<std::string> &problems,
                    const ExpandLimits &limits = {});

} // namespace hs
