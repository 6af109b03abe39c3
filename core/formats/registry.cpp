// SPDX-License-Identifier: MIT
#include "formats/registry.h"

#include <algorithm>
#include <cctype>

namespace hs {
namespace {

std::string lowerExtension(std::string_view fileName)
{
    const std::size_t dot = fileName.rfind('.');
    if (dot == std::string_view::npos)
        return {};
    std::string ext(fileName.substr(dot + 1));
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

bool hasExtension(const FormatReader &r, const std::string &ext)
{
    const auto exts = r.extensions();
    return std::find(exts.begin(), exts.end(), ext) != exts.end();
}

} // namespace

void FormatRegistry::add(std::unique_ptr<FormatReader> reader)
{
    readers_.push_back(std::move(reader));
}

const FormatReader *FormatRegistry::reader(FormatId id) const noexcept
{
    for (const auto &r : readers_)
        if (r->id() == id)
            return r.get();
    return nullptr;
}

Detection FormatRegistry::detect(const SniffInput &input) const
{
    Detection d;
    const std::string ext = lowerExtension(input.fileName);
    // Magic readers first: their answer is exact, and trying them first keeps a binary capture
    // from being "recognised" by a lenient text heuristic.
    for (const auto &r : readers_) {
        if (r->sniffKind() != SniffKind::Magic)
            continue;
        SniffResult res = r->sniff(input);
        if (res.verdict == SniffVerdict::Mine) {
            d.reader = r.get();
            d.result = std::move(res);
            return d;
        }
        if (res.verdict == SniffVerdict::Error) {
            // Magic matched but the header is broken: that reader owns the file and reports it.
            d.reader = r.get();
            d.result = std::move(res);
            return d;
        }
        d.rejections.push_back(std::string(formatName(r->id())) + ": " + res.reason);
    }
    const FormatReader *best = nullptr;
    SniffResult bestResult;
    bool bestHasExt = false;
    for (const auto &r : readers_) {
        if (r->sniffKind() != SniffKind::Heuristic)
            continue;
        SniffResult res = r->sniff(input);
        if (res.verdict != SniffVerdict::Mine) {
            d.rejections.push_back(std::string(formatName(r->id())) + ": " + res.reason);
            continue;
        }
        const bool extMatch = hasExtension(*r, ext);
        if (!best || res.score > bestResult.score || (res.score == bestResult.score && extMatch && !bestHasExt)) {
            best = r.get();
            bestResult = std::move(res);
            bestHasExt = extMatch;
        }
    }
    if (best) {
        d.reader = best;
        d.result = std::move(bestResult);
    }
    return d;
}

} // namespace hs
