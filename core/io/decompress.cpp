// SPDX-License-Identifier: MIT
#include "io/decompress.h"

#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <memory>
#include <zlib.h>

namespace hs {

bool isGzip(std::string_view head) noexcept
{
    return head.size() >= 3 && static_cast<unsigned char>(head[0]) == 0x1f &&
           static_cast<unsigned char>(head[1]) == 0x8b && head[2] == 8;
}

bool isZip(std::string_view head) noexcept
{
    return head.size() >= 4 && head[0] == 'P' && head[1] == 'K' &&
           ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8));
}

GunzipResult gunzip(std::string_view compressed, const ExpandLimits &limits)
{
    GunzipResult r;
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 32) != Z_OK) { // 32: accept gzip and zlib headers
        r.complete = false;
        r.problem = "zlib initialisation failed";
        return r;
    }
    std::size_t in = 0;
    r.bytes.reserve(std::min<std::uint64_t>(compressed.size() * 4, limits.maxMemberBytes));
    constexpr std::size_t kStep = 1 << 20;
    for (;;) {
        const std::size_t room = kStep;
        const std::size_t oldSize = r.bytes.size();
        if (oldSize + room > limits.maxMemberBytes) {
            r.complete = false;
            r.problem = "stopped decompressing at " + std::to_string(oldSize) +
                        " bytes: larger than the per-file limit (possible decompression bomb)";
            break;
        }
        if (oldSize > limits.ratioFloor && oldSize / std::max<std::size_t>(in, 1) > limits.maxRatio) {
            r.complete = false;
            r.problem = "stopped decompressing: expands more than " + std::to_string(limits.maxRatio) +
                        "x (possible decompression bomb)";
            break;
        }
        r.bytes.resize(oldSize + room);
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data() + in));
        zs.avail_in = static_cast<uInt>(std::min<std::size_t>(compressed.size() - in, 1u << 30));
        zs.next_out = reinterpret_cast<Bytef *>(r.bytes.data() + oldSize);
        zs.avail_out = static_cast<uInt>(room);
        const int rc = inflate(&zs, Z_NO_FLUSH);
        const std::size_t consumed =
            static_cast<std::size_t>(reinterpret_cast<const char *>(zs.next_in) - compressed.data()) - in;
        in += consumed;
        r.bytes.resize(oldSize + (room - zs.avail_out));
        if (rc == Z_STREAM_END) {
            // Concatenated gzip members (e.g. `cat a.gz b.gz`) continue after a member ends.
            if (in < compressed.size() && isGzip(compressed.substr(in))) {
                inflateReset(&zs);
                continue;
            }
            if (in < compressed.size()) {
                r.problem = std::to_string(compressed.size() - in) + " bytes of trailing data after the gzip stream";
            }
            break;
        }
        if (rc == Z_BUF_ERROR && in >= compressed.size()) {
            r.complete = false;
            r.problem = "gzip stream is truncated at compressed offset " + std::to_string(in);
            break;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            r.complete = false;
            r.problem = std::string("gzip data is corrupt at compressed offset ") + std::to_string(in) + " (" +
                        (zs.msg ? zs.msg : "inflate error") + ")";
            break;
        }
    }
    inflateEnd(&zs);
    r.bytes.shrink_to_fit();
    return r;
}

namespace {

struct ArchiveDeleter {
    void operator()(archive *a) const noexcept { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

ArchivePtr openZip(std::string_view bytes, std::string &error)
{
    ArchivePtr a(archive_read_new());
    archive_read_support_format_zip(a.get());
    archive_read_support_filter_none(a.get());
    if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
        error = archive_error_string(a.get()) ? archive_error_string(a.get()) : "not a readable zip archive";
        return nullptr;
    }
    return a;
}

} // namespace

bool listArchive(std::string_view archiveBytes, std::vector<ArchiveMember> &members, std::string &error)
{
    ArchivePtr a = openZip(archiveBytes, error);
    if (!a)
        return false;
    archive_entry *entry = nullptr;
    for (;;) {
        const int rc = archive_read_next_header(a.get(), &entry);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc < ARCHIVE_WARN) {
            error = archive_error_string(a.get()) ? archive_error_string(a.get()) : "damaged archive";
            return !members.empty();
        }
        if (archive_entry_filetype(entry) != AE_IFREG)
            continue;
        ArchiveMember m;
        const char *name = archive_entry_pathname(entry);
        m.path = name ? name : "";
        m.size = archive_entry_size_is_set(entry) ? static_cast<std::uint64_t>(archive_entry_size(entry)) : 0;
        members.push_back(std::move(m));
        archive_read_data_skip(a.get());
    }
    return true;
}

bool extractArchive(std::string_view archiveBytes, const std::function<bool(std::string_view)> &want,
                    const std::function<void(ArchiveMember &&)> &onMember, std::vector<std::string> &problems,
                    const ExpandLimits &limits)
{
    std::string error;
    ArchivePtr a = openZip(archiveBytes, error);
    if (!a) {
        problems.push_back(error);
        return false;
    }
    std::uint64_t total = 0;
    std::size_t count = 0;
    archive_entry *entry = nullptr;
    for (;;) {
        const int rc = archive_read_next_header(a.get(), &entry);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc < ARCHIVE_WARN) {
            problems.push_back(std::string("archive is damaged after ") + std::to_string(count) +
                               " member(s): " + (archive_error_string(a.get()) ? archive_error_string(a.get()) : ""));
            return count > 0;
        }
        if (archive_entry_filetype(entry) != AE_IFREG)
            continue;
        const char *name = archive_entry_pathname(entry);
        const std::string path = name ? name : "";
        if (!want(path)) {
            archive_read_data_skip(a.get());
            continue;
        }
        if (++count > limits.maxMembers) {
            problems.push_back("stopped after " + std::to_string(limits.maxMembers) + " members");
            break;
        }
        ArchiveMember m;
        m.path = path;
        m.size = archive_entry_size_is_set(entry) ? static_cast<std::uint64_t>(archive_entry_size(entry)) : 0;
        char buf[1 << 16];
        for (;;) {
            const la_ssize_t n = archive_read_data(a.get(), buf, sizeof buf);
            if (n == 0)
                break;
            if (n < 0) {
                m.complete = false;
                m.problem = std::string("damaged member data: ") +
                            (archive_error_string(a.get()) ? archive_error_string(a.get()) : "read error");
                break;
            }
            if (m.bytes.size() + static_cast<std::size_t>(n) > limits.maxMemberBytes ||
                total + static_cast<std::uint64_t>(n) > limits.maxTotalBytes) {
                m.complete = false;
                m.problem = "stopped extracting at " + std::to_string(m.bytes.size()) +
                            " bytes: archive limit reached (possible decompression bomb)";
                break;
            }
            total += static_cast<std::uint64_t>(n);
            if (total > limits.ratioFloor && total / std::max<std::size_t>(archiveBytes.size(), 1) > limits.maxRatio) {
                m.complete = false;
                m.problem = "stopped extracting: the archive expands more than " + std::to_string(limits.maxRatio) +
                            "x (possible decompression bomb)";
                onMember(std::move(m));
                problems.push_back("extraction stopped: expansion ratio limit reached");
                return true;
            }
            m.bytes.insert(m.bytes.end(), buf, buf + n);
        }
        onMember(std::move(m));
    }
    return true;
}

} // namespace hs
