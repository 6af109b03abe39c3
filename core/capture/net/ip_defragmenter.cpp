// SPDX-License-Identifier: MIT
#include "capture/net/ip_defragmenter.h"

#include <algorithm>
#include <cstring>

namespace hs::net {
namespace {

constexpr std::uint32_t kMaxDatagram = 65535; // IPv4 total length / IPv6 payload length limit

void cover(std::vector<std::pair<std::uint32_t, std::uint32_t>> &ranges, std::uint32_t begin, std::uint32_t end)
{
    ranges.emplace_back(begin, end);
    std::sort(ranges.begin(), ranges.end());
    std::size_t out = 0;
    for (std::size_t i = 1; i < ranges.size(); ++i) {
        if (ranges[i].first <= ranges[out].second)
            ranges[out].second = std::max(ranges[out].second, ranges[i].second);
        else
            ranges[++out] = ranges[i];
    }
    ranges.resize(out + 1);
}

} // namespace

void IpDefragmenter::drop(std::size_t index)
{
    abandoned_ += datagrams_[index].fragments;
    bufferedBytes_ -= datagrams_[index].bytes.size();
    datagrams_.erase(datagrams_.begin() + static_cast<std::ptrdiff_t>(index));
}

void IpDefragmenter::expire(TimeUs now)
{
    for (std::size_t i = datagrams_.size(); i-- > 0;)
        if (now - datagrams_[i].firstTime > limits_.timeout || now < datagrams_[i].firstTime - limits_.timeout)
            drop(i);
}

IpDefragmenter::Result IpDefragmenter::add(const IpPacket &fragment, TimeUs time, IpPacket &whole)
{
    if (!datagrams_.empty())
        expire(time);
    const std::uint64_t begin = fragment.fragment.offset;
    const std::uint64_t end = begin + fragment.payload.size() + fragment.missingTail;
    if (end > kMaxDatagram || (fragment.fragment.more && (end - begin) % 8 != 0)) {
        ++abandoned_;
        return Result::Invalid;
    }
    auto it = std::find_if(datagrams_.begin(), datagrams_.end(), [&](const Datagram &d) {
        return d.id == fragment.fragment.id && d.protocol == fragment.protocol && d.src == fragment.src &&
               d.dst == fragment.dst;
    });
    if (it == datagrams_.end()) {
        if (datagrams_.size() >= limits_.maxDatagrams)
            drop(0); // the oldest
        datagrams_.emplace_back();
        it = datagrams_.end() - 1;
        it->src = fragment.src;
        it->dst = fragment.dst;
        it->id = fragment.fragment.id;
        it->protocol = fragment.protocol;
        it->firstTime = time;
    }
    Datagram &d = *it;
    ++d.fragments;
    if (fragment.missingTail)
        d.damaged = true;
    if (!fragment.fragment.more) {
        if (d.haveLast && d.totalLength != end)
            d.damaged = true; // two different ends: give up at expiry
        d.haveLast = true;
        d.totalLength = static_cast<std::uint32_t>(end);
    }
    const auto capturedEnd = static_cast<std::size_t>(begin + fragment.payload.size());
    if (capturedEnd > d.bytes.size()) {
        const std::size_t growth = capturedEnd - d.bytes.size();
        if (bufferedBytes_ + growth > limits_.maxBytes) {
            drop(static_cast<std::size_t>(it - datagrams_.begin()));
            return Result::Invalid;
        }
        bufferedBytes_ += growth;
        d.bytes.resize(capturedEnd);
    }
    if (!fragment.payload.empty())
        std::memcpy(d.bytes.data() + begin, fragment.payload.data(), fragment.payload.size());
    if (capturedEnd > begin)
        cover(d.covered, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(capturedEnd));
    if (d.damaged || !d.haveLast || d.covered.size() != 1 || d.covered[0].first != 0 ||
        d.covered[0].second < d.totalLength)
        return Result::Incomplete;

    output_.assign(d.bytes.begin(), d.bytes.begin() + d.totalLength);
    whole = fragment;
    whole.protocol = d.protocol;
    whole.payload = std::string_view(output_.data(), output_.size());
    whole.missingTail = 0;
    whole.fragment = {};
    bufferedBytes_ -= d.bytes.size();
    datagrams_.erase(it);
    return Result::Complete;
}

void IpDefragmenter::finish()
{
    while (!datagrams_.empty())
        drop(datagrams_.size() - 1);
}

} // namespace hs::net
