// SPDX-License-Identifier: MIT
#include "tasks/open_input.h"

#include "formats/text_scan.h"
#include "io/decompress.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"
#include "tasks/task_pool.h"

#include <algorithm>

namespace hs {
namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

bool isUtf16(std::string_view b) noexcept
{
    return b.size() >= 2 && ((static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xFE) ||
                             (static_cast<unsigned char>(b[0]) == 0xFE && static_cast<unsigned char>(b[1]) == 0xFF));
}

// UTF-16 text (Notepad's "Unicode") to UTF-8, so the text readers see bytes they understand.
std::vector<char> utf16ToUtf8(std::string_view b)
{
    const bool little = static_cast<unsigned char>(b[0]) == 0xFF;
    std::vector<char> out;
    out.reserve(b.size() / 2 + 16);
    auto unit = [&](std::size_t i) -> char16_t {
        const auto lo = static_cast<unsigned char>(b[i + (little ? 0 : 1)]);
        const auto hi = static_cast<unsigned char>(b[i + (little ? 1 : 0)]);
        return static_cast<char16_t>(lo | (hi << 8));
    };
    auto put = [&](char32_t cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    };
    for (std::size_t i = 2; i + 1 < b.size(); i += 2) {
        const char16_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < b.size()) {
            const char16_t v = unit(i + 2);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                put(0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (v - 0xDC00));
                i += 2;
                continue;
            }
        }
        put((u >= 0xD800 && u <= 0xDFFF) ? 0xFFFD : u);
    }
    return out;
}

std::string baseName(const std::string &displayPath)
{
    const std::size_t slash = displayPath.find_last_of('/');
    return slash == std::string::npos ? displayPath : displayPath.substr(slash + 1);
}

} // namespace

OpenedInput openInput(InputFile &&input, const FormatRegistry &registry)
{
    OpenedInput result;
    auto src = std::make_unique<Source>();
    src->path = input.displayPath;
    src->filePath = input.path;
    src->memberPath = input.memberPath;
    src->fileSize = input.size;
    if (input.memberBytes) {
        src->bytes = ByteBuffer::fromOwned(std::move(*input.memberBytes));
        input.memberBytes.reset();
    } else {
        std::string error;
        src->bytes = ByteBuffer::mapFile(input.path, error);
        if (!error.empty()) {
            result.skipped = {input.displayPath, "unreadable: " + error, {}};
            return result;
        }
    }
    for (auto &note : input.notes)
        src->problems.add(Problem{0, Problem::kNoOffset, 0, ProblemLevel::Warning, "archive", std::move(note)});

    std::string name = baseName(input.displayPath);
    if (isGzip(src->bytes.view())) {
        GunzipResult g = gunzip(src->bytes.view());
        if (g.bytes.empty() && !g.complete) {
            result.skipped = {input.displayPath, "gzip: " + g.problem, {}};
            return result;
        }
        if (!g.problem.empty())
            src->problems.add(Problem{0, Problem::kNoOffset, 0, g.complete ? ProblemLevel::Note : ProblemLevel::Warning,
                                      "gzip", g.problem});
        src->bytes = ByteBuffer::fromOwned(std::move(g.bytes));
        src->compression = "gzip";
        if (name.size() > 3 && text::equalsNoCase(std::string_view(name).substr(name.size() - 3), ".gz"))
            name.resize(name.size() - 3);
    }
    if (isUtf16(src->bytes.view())) {
        src->bytes = ByteBuffer::fromOwned(utf16ToUtf8(src->bytes.view()));
        src->problems.add(
            Problem{0, Problem::kNoOffset, 0, ProblemLevel::Note, "encoding",
                    "UTF-16 text converted to UTF-8 for reading (line offsets refer to the converted text)"});
    }
    if (src->bytes.empty()) {
        result.skipped = {input.displayPath, "empty file", {}};
        return result;
    }
    const std::string_view view = src->bytes.view();
    SniffInput sniff{view.substr(0, std::min(view.size(), kSniffBytes)), name, view.size()};
    Detection d = registry.detect(sniff);
    if (!d.reader) {
        result.skipped = {input.displayPath, "not recognised", std::move(d.rejections)};
        return result;
    }
    src->format = d.reader->id();
    if (d.result.verdict == SniffVerdict::Error)
        src->problems.add(Problem{0, 0, 0, ProblemLevel::Error, "header", d.result.reason});
    result.source = std::move(src);
    return result;
}

namespace {

std::unique_ptr<Source> readOpened(OpenedInput opened, const FormatRegistry &registry, StringPool &strings,
                                   const ReadOptions &options)
{
    if (!opened.source)
        return nullptr;
    CancelToken cancel;
    Progress progress;
    TaskPool pool(1);
    ReadContext ctx{*opened.source, strings, cancel, progress, pool, options};
    registry.reader(opened.source->format)->read(ctx);
    return std::move(opened.source);
}

} // namespace

std::unique_ptr<Source> readSingleFile(const std::filesystem::path &path, StringPool &strings,
                                       const ReadOptions &options)
{
    const FormatRegistry registry = FormatRegistry::createDefault();
    InputFile in;
    const std::u8string name = path.filename().u8string(); // string() throws on MSVC outside the ANSI page
    in.displayPath.assign(reinterpret_cast<const char *>(name.data()), name.size());
    in.path = path;
    std::error_code ec;
    in.size = std::filesystem::file_size(path, ec);
    return readOpened(openInput(std::move(in), registry), registry, strings, options);
}

std::unique_ptr<Source> readSingleBuffer(std::vector<char> bytes, std::string name, StringPool &strings,
                                         const ReadOptions &options)
{
    const FormatRegistry registry = FormatRegistry::createDefault();
    InputFile in;
    in.displayPath = std::move(name);
    in.size = bytes.size();
    in.memberBytes = std::make_shared<std::vector<char>>(std::move(bytes));
    return readOpened(openInput(std::move(in), registry), registry, strings, options);
}

} // namespace hs
