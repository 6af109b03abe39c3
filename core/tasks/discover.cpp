// SPDX-License-Identifier: MIT
#include "tasks/discover.h"

#include "io/decompress.h"
#include "io/mapped_file.h"
#include "tasks/cancel.h"
#include "tasks/progress.h"

#include <algorithm>
#include <set>
#include <system_error>

namespace hs {
namespace fs = std::filesystem;

namespace {

std::string generic(const fs::path &p)
{
    const std::u8string s = p.generic_u8string();
    return std::string(reinterpret_cast<const char *>(s.data()), s.size());
}

class Walker {
public:
    Walker(const CancelToken &cancel, Progress &progress, const DiscoverOptions &options, DiscoveryResult &out)
        : cancel_(cancel), progress_(progress), options_(options), out_(out)
    {
    }

    void addInput(const fs::path &input)
    {
        std::error_code ec;
        const fs::file_status st = fs::status(input, ec);
        if (ec || !fs::exists(st)) {
            out_.skipped.push_back({generic(input),
                                    "does not exist or cannot be accessed" + (ec ? ": " + ec.message() : std::string()),
                                    {}});
            return;
        }
        if (fs::is_directory(st)) {
            walk(input, input);
        } else {
            addFile(input, input.filename());
        }
    }

private:
    void walk(const fs::path &root, const fs::path &dir)
    {
        std::error_code ec;
        const fs::path canonical = fs::canonical(dir, ec);
        if (!ec && !visited_.insert(canonical).second) {
            out_.skipped.push_back({generic(fs::relative(dir, root.parent_path(), ec)),
                                    "folder already visited (symbolic link loop)",
                                    {}});
            return;
        }
        fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
        if (ec) {
            out_.skipped.push_back({generic(dir), "cannot list folder: " + ec.message(), {}});
            return;
        }
        std::vector<fs::directory_entry> entries;
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) {
                out_.skipped.push_back({generic(dir), "error while listing folder: " + ec.message(), {}});
                break;
            }
            entries.push_back(*it);
        }
        // Stable order makes reports reproducible.
        std::sort(entries.begin(), entries.end(),
                  [](const fs::directory_entry &a, const fs::directory_entry &b) { return a.path() < b.path(); });
        for (const auto &e : entries) {
            if (cancel_.stopRequested() || full())
                return;
            std::error_code sec;
            const fs::file_status st = e.status(sec); // follows symbolic links
            std::error_code lec;
            const bool link = e.is_symlink(lec);
            const std::string shown = generic(fs::relative(e.path(), root, lec));
            if (fs::is_directory(st))
                walk(root, e.path());
            else if (fs::is_regular_file(st))
                addFile(e.path(), fs::relative(e.path(), root, lec));
            else if (link && !fs::exists(st))
                out_.skipped.push_back({shown, "dangling symbolic link", {}});
            else if (sec)
                out_.skipped.push_back({shown, "unreadable: " + sec.message(), {}});
            else
                out_.skipped.push_back({shown, "not a regular file (device, socket or pipe)", {}});
        }
    }

    bool full()
    {
        if (out_.files.size() < options_.maxFiles)
            return false;
        if (!reportedFull_) {
            reportedFull_ = true;
            out_.skipped.push_back({"…", "stopped listing after " + std::to_string(options_.maxFiles) + " files", {}});
        }
        return true;
    }

    void addFile(const fs::path &path, const fs::path &display)
    {
        if (full())
            return;
        std::error_code ec;
        const auto size = fs::file_size(path, ec);
        std::string head, error;
        if (ec || !readFileHead(path, 8, head, error)) {
            out_.skipped.push_back({generic(display), "unreadable: " + (ec ? ec.message() : error), {}});
            return;
        }
        progress_.fileFound();
        if (isZip(head)) {
            expandZip(path, generic(display), 0);
            return;
        }
        InputFile f;
        f.displayPath = generic(display);
        f.path = path;
        f.size = size;
        out_.files.push_back(std::move(f));
    }

    void expandZip(const fs::path &archivePath, const std::string &display, int depth,
                   std::shared_ptr<std::vector<char>> bytes = nullptr)
    {
        ByteBuffer mapped;
        std::string_view view;
        if (bytes) {
            view = std::string_view(bytes->data(), bytes->size());
        } else {
            std::string error;
            mapped = ByteBuffer::mapFile(archivePath, error);
            if (!error.empty()) {
                out_.skipped.push_back({display, "unreadable: " + error, {}});
                return;
            }
            view = mapped.view();
        }
        if (looksLikeSaz(view)) {
            InputFile f;
            f.displayPath = display;
            f.path = archivePath;
            f.size = view.size();
            f.memberBytes = bytes;
            out_.files.push_back(std::move(f));
            return;
        }
        if (depth >= options_.maxArchiveDepth) {
            out_.skipped.push_back(
                {display, "archive nested too deeply (limit " + std::to_string(options_.maxArchiveDepth) + ")", {}});
            return;
        }
        std::vector<std::string> problems;
        std::size_t members = 0;
        const bool ok = extractArchive(
            view, [](std::string_view path) { return !path.empty() && path.back() != '/'; },
            [&](ArchiveMember &&m) {
                ++members;
                progress_.fileFound();
                const std::string memberDisplay = display + "/" + m.path;
                auto data = std::make_shared<std::vector<char>>(std::move(m.bytes));
                if (isZip(std::string_view(data->data(), data->size()))) {
                    expandZip(archivePath, memberDisplay, depth + 1, data);
                    return;
                }
                InputFile f;
                f.displayPath = memberDisplay;
                f.path = archivePath;
                f.memberPath = m.path;
                f.size = data->size();
                f.memberBytes = std::move(data);
                if (!m.complete)
                    f.notes.push_back(m.problem);
                out_.files.push_back(std::move(f));
            },
            problems);
        for (const auto &p : problems)
            out_.skipped.push_back({display, "archive: " + p, {}});
        if (!ok && members == 0 && problems.empty())
            out_.skipped.push_back({display, "not a readable zip archive", {}});
    }

    const CancelToken &cancel_;
    Progress &progress_;
    const DiscoverOptions &options_;
    DiscoveryResult &out_;
    std::set<fs::path> visited_;
    bool reportedFull_ = false;
};

} // namespace

bool looksLikeSaz(std::string_view zipBytes)
{
    std::vector<ArchiveMember> members;
    std::string error;
    if (!listArchive(zipBytes, members, error))
        return false;
    for (const auto &m : members) {
        const std::string &p = m.path;
        if (p.rfind("raw/", 0) == 0 && p.size() > 10 && p.compare(p.size() - 6, 6, "_c.txt") == 0)
            return true;
    }
    return false;
}

DiscoveryResult discoverInputs(const std::vector<fs::path> &inputs, const CancelToken &cancel, Progress &progress,
                               const DiscoverOptions &options)
{
    DiscoveryResult result;
    Walker walker(cancel, progress, options, result);
    for (const auto &in : inputs) {
        if (cancel.stopRequested())
            break;
        walker.addInput(in);
    }
    return result;
}

} // namespace hs
