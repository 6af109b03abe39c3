// SPDX-License-Identifier: MIT
#include "formats/exports/export_connections.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

namespace hs {
namespace {

// kNoTime sorts after every real time: an entry without a start time goes to the end.
bool earlier(TimeUs a, std::uint64_t na, TimeUs b, std::uint64_t nb) noexcept
{
    if (a != b) {
        if (a == kNoTime)
            return false;
        if (b == kNoTime)
            return true;
        return a < b;
    }
    return na < nb;
}

using GroupKey = std::tuple<std::array<std::uint8_t, 16>, IpAddress::Family, std::uint16_t,
                            std::array<std::uint8_t, 16>, IpAddress::Family, std::uint16_t, std::string>;

GroupKey keyOf(const ExportItem &item)
{
    return {item.client.ip.bytes,  item.client.ip.family, item.client.port, item.server.ip.bytes,
            item.server.ip.family, item.server.port,      item.groupKey};
}

TimeUs sortTime(const ExportItem &item) noexcept
{
    return item.tx.requestTime != kNoTime ? item.tx.requestTime : item.firstTime;
}

} // namespace

void buildExportConnections(std::vector<ExportItem> &&items, CaptureData &out)
{
    std::vector<std::vector<std::size_t>> groups;
    std::map<GroupKey, std::size_t> byKey;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].groupKey.empty()) {
            groups.push_back({i});
            continue;
        }
        const auto [it, inserted] = byKey.emplace(keyOf(items[i]), groups.size());
        if (inserted)
            groups.emplace_back();
        groups[it->second].push_back(i);
    }
    for (auto &g : groups)
        std::sort(g.begin(), g.end(), [&](std::size_t a, std::size_t b) {
            return earlier(sortTime(items[a]), items[a].number, sortTime(items[b]), items[b].number);
        });
    auto firstOf = [&](const std::vector<std::size_t> &g) {
        TimeUs t = kNoTime;
        std::uint64_t n = ~std::uint64_t{0};
        for (const std::size_t i : g) {
            if (earlier(items[i].firstTime, items[i].number, t, n)) {
                t = items[i].firstTime;
                n = items[i].number;
            }
        }
        return std::pair{t, n};
    };
    std::vector<std::pair<TimeUs, std::uint64_t>> firsts;
    firsts.reserve(groups.size());
    for (const auto &g : groups)
        firsts.push_back(firstOf(g));
    std::vector<std::size_t> order(groups.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return earlier(firsts[a].first, firsts[a].second, firsts[b].first, firsts[b].second);
    });

    out.connections.reserve(out.connections.size() + groups.size());
    out.transactions.reserve(out.transactions.size() + items.size());
    for (const std::size_t gi : order) {
        const auto &g = groups[gi];
        const auto connectionIndex = static_cast<std::uint32_t>(out.connections.size());
        Connection c;
        const ExportItem &head = items[g.front()];
        c.client = head.client;
        c.server = head.server;
        c.protocol = AppProtocol::Http;
        c.harConnection = head.numericId;
        c.firstTransaction = static_cast<std::uint32_t>(out.transactions.size());
        c.transactionCount = static_cast<std::uint32_t>(g.size());
        c.firstFrame = ~std::uint64_t{0};
        for (std::uint32_t k = 0; k < g.size(); ++k) {
            ExportItem &item = items[g[k]];
            if (item.firstTime != kNoTime && (c.firstTime == kNoTime || item.firstTime < c.firstTime))
                c.firstTime = item.firstTime;
            if (item.lastTime != kNoTime && (c.lastTime == kNoTime || item.lastTime > c.lastTime))
                c.lastTime = item.lastTime;
            c.firstFrame = std::min(c.firstFrame, item.number);
            c.lastFrame = std::max(c.lastFrame, item.number);
            c.payloadBytes[kToServer] += item.tx.requestHeaderBytes + item.tx.requestBodyBytes;
            c.payloadBytes[kToClient] += item.tx.responseHeaderBytes + item.tx.responseBodyBytes;
            c.upgraded |= item.upgraded;
            item.tx.connection = ConnectionId(connectionIndex);
            item.tx.indexInConnection = k;
            out.transactions.push_back(std::move(item.tx));
        }
        out.connections.push_back(std::move(c));
    }
}

} // namespace hs
