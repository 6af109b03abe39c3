// SPDX-License-Identifier: MIT
#include "io/mapped_file.h"

#include <cerrno>
#include <cstring>

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace hs {

MappedFile::~MappedFile()
{
    close();
}

#ifdef _WIN32

bool MappedFile::open(const std::filesystem::path &path, std::string &error)
{
    close();
    HANDLE file = CreateFileW(path.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                              nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        error = "cannot open (Windows error " + std::to_string(GetLastError()) + ")";
        return false;
    }
    LARGE_INTEGER size{};
    if (!GetFileSizeEx(file, &size)) {
        error = "cannot read the file size (Windows error " + std::to_string(GetLastError()) + ")";
        CloseHandle(file);
        return false;
    }
    file_ = file;
    size_ = static_cast<std::size_t>(size.QuadPart);
    if (size_ == 0)
        return true;
    HANDLE mapping = CreateFileMappingW(file, nullptr, PAGE_READONLY, 0, 0, nullptr);
    if (!mapping) {
        error = "cannot map (Windows error " + std::to_string(GetLastError()) + ")";
        close();
        return false;
    }
    mapping_ = mapping;
    data_ = static_cast<const char *>(MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0));
    if (!data_) {
        error = "cannot map (Windows error " + std::to_string(GetLastError()) + ")";
        close();
        return false;
    }
    return true;
}

void MappedFile::adviseSequential() const noexcept {}

void MappedFile::close() noexcept
{
    if (data_)
        UnmapViewOfFile(data_);
    if (mapping_)
        CloseHandle(static_cast<HANDLE>(mapping_));
    if (file_)
        CloseHandle(static_cast<HANDLE>(file_));
    data_ = nullptr;
    mapping_ = file_ = nullptr;
    size_ = 0;
}

bool readFileHead(const std::filesystem::path &path, std::size_t maxBytes, std::string &out, std::string &error)
{
    HANDLE file = CreateFileW(path.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                              nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        error = "cannot open (Windows error " + std::to_string(GetLastError()) + ")";
        return false;
    }
    out.resize(maxBytes);
    DWORD got = 0;
    const BOOL ok = ReadFile(file, out.data(), static_cast<DWORD>(maxBytes), &got, nullptr);
    CloseHandle(file);
    if (!ok) {
        error = "cannot read (Windows error " + std::to_string(GetLastError()) + ")";
        return false;
    }
    out.resize(got);
    return true;
}

#else

bool MappedFile::open(const std::filesystem::path &path, std::string &error)
{
    close();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::string("cannot open: ") + std::strerror(errno);
        return false;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        error = std::string("cannot stat: ") + std::strerror(errno);
        ::close(fd);
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        error = "not a regular file";
        ::close(fd);
        return false;
    }
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ == 0) {
        ::close(fd);
        return true;
    }
    void *p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) {
        error = std::string("cannot map: ") + std::strerror(errno);
        size_ = 0;
        return false;
    }
    data_ = static_cast<const char *>(p);
    return true;
}

void MappedFile::adviseSequential() const noexcept
{
    if (data_) {
        // Two calls: the advice values are not flags (SEQUENTIAL | WILLNEED is WILLNEED alone).
        ::madvise(const_cast<char *>(data_), size_, MADV_SEQUENTIAL);
        ::madvise(const_cast<char *>(data_), size_, MADV_WILLNEED);
    }
}

void MappedFile::close() noexcept
{
    if (data_)
        ::munmap(const_cast<char *>(data_), size_);
    data_ = nullptr;
    size_ = 0;
}

bool readFileHead(const std::filesystem::path &path, std::size_t maxBytes, std::string &out, std::string &error)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::string("cannot open: ") + std::strerror(errno);
        return false;
    }
    out.resize(maxBytes);
    std::size_t got = 0;
    while (got < maxBytes) {
        const ssize_t n = ::read(fd, out.data() + got, maxBytes - got);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            error = std::string("cannot read: ") + std::strerror(errno);
            ::close(fd);
            return false;
        }
        if (n == 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    out.resize(got);
    return true;
}

#endif

} // namespace hs
