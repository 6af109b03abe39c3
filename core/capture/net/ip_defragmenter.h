// SPDX-License-Identifier: MIT
// Reassembly of fragmented IP datagrams (IPv4, and IPv6 Fragment headers), bounded in the number of
// datagrams in progress, their bytes and their age, so hostile captures cannot grow it.
// Fragments are rare in HTTP captures (TCP avoids them with the MSS), so this path copies freely.
#pragma once

#include "capture/net/ip_packet.h"
#include "model/time.h"

#include <cstdint>
#include <vector>

namespace hs::net {

class IpDefragmenter {
public:
    struct Limits {
        std::size_t maxDatagrams = 256;     // in progress at once; the oldest is dropped beyond this
        std::size_t maxBytes = 16u << 20;   // buffered across all datagrams
        TimeUs timeout = 60 * kUsPerSecond; // capture time after the first fragment (RFC 791's upper bound)
    };

    IpDefragmenter() = default;
    explicit IpDefragmenter(Limits limits) : limits_(limits) {}

    enum class Result : std::uint8_t { Incomplete, Complete, Invalid };
    // `fragment` was parsed with status Fragment. On Complete, `whole` holds the reassembled
    // datagram's addresses, protocol and payload (valid until the next call).
    Result add(const IpPacket &fragment, TimeUs time, IpPacket &whole);

    // Fragments of datagrams given up on (timed out, evicted, invalid, or incomplete at the end of
    // the capture after finish()). Each is an undecoded frame.
    std::uint64_t abandonedFragments() const noexcept { return abandoned_; }
    void finish();

private:
    struct Datagram {
        IpAddress src, dst;
        std::uint32_t id = 0;
        std::uint8_t protocol = 0;
        TimeUs firstTime = 0;
        std::vector<char> bytes;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> covered; // merged [begin, end)
        std::uint32_t totalLength = 0;                                // known once the last fragment arrived
        bool haveLast = false;
        bool damaged = false; // a fragment was cut by the snaplen: it can never complete
        std::uint32_t fragments = 0;
    };

    void drop(std::size_t index);
    void expire(TimeUs now);

    Limits limits_;
    std::vector<Datagram> datagrams_;
    std::vector<char> output_;
    std::size_t bufferedBytes_ = 0;
    std::uint64_t abandoned_ = 0;
};

} // namespace hs::net
