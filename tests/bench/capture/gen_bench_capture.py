#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a large, realistic HTTP capture for the capture benchmark (stdlib only, deterministic).

    python3 gen_bench_capture.py OUT.pcap [--mb 1200] [--concurrent 64] [--seed 1]

Traffic: many keep-alive connections to an IIS-like server, interleaved (up to --concurrent open
at once), each carrying 1-20 requests: GETs answered with Content-Length bodies (512 B-256 KiB)
or chunked bodies, 304s without bodies, POSTs with Content-Length bodies, chunked POSTs and
POSTs with Expect: 100-continue answered by 100 Continue. Segments are MSS-sized, the receiver
ACKs every second segment, connections open with a handshake and close with FINs. Checksums are
left zero (offloaded), as in captures taken on the sending host.
"""

import argparse
import heapq
import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "data", "captures"))
from pcapgen import ACK, FIN, PSH, SYN, iso_ns  # noqa: E402

MSS = 1460
SERVER_IP = bytes([10, 0, 0, 50])
SERVER_MAC = b"\x02\0\0\0\0\x50"
CLIENT_MAC = b"\x02\0\0\0\0\x05"
BODY = bytes((i * 7 + (i >> 8)) & 0xFF for i in range(1 << 18))  # 256 KiB of filler


def requests_for(rng, conn_id):
    """Yields (request bytes, response chunks list, interim bytes or None, body bytes sent after interim)."""
    n = rng.randint(1, 20)
    for k in range(n):
        roll = rng.random()
        path = "/app/item/%d/%d?view=full" % (conn_id, k)
        common = "Host: web01.contoso.test\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)\r\n" \
                 "Accept: */*\r\nAccept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n"
        server = "Server: Microsoft-IIS/10.0\r\nX-Powered-By: ASP.NET\r\nDate: Sat, 21 Nov 2026 10:00:00 GMT\r\n"
        if roll < 0.60:
            size = rng.choice([512, 2048, 2048, 8192, 8192, 16384, 32768, 65536, 131072, 262144])
            req = ("GET %s HTTP/1.1\r\n%s\r\n" % (path, common)).encode()
            head = ("HTTP/1.1 200 OK\r\n%sContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n"
                    % (server, size)).encode()
            yield req, None, head + BODY[:size], b""
        elif roll < 0.70:
            req = ("GET %s HTTP/1.1\r\n%sIf-None-Match: \"abc\"\r\n\r\n" % (path, common)).encode()
            yield req, None, ("HTTP/1.1 304 Not Modified\r\n%sETag: \"abc\"\r\n\r\n" % server).encode(), b""
        elif roll < 0.80:
            req = ("GET %s HTTP/1.1\r\n%s\r\n" % (path, common)).encode()
            chunks = b"".join(b"%x\r\n" % 8192 + BODY[:8192] + b"\r\n" for _ in range(rng.randint(1, 12)))
            head = ("HTTP/1.1 200 OK\r\n%sTransfer-Encoding: chunked\r\n\r\n" % server).encode()
            yield req, None, head + chunks + b"0\r\n\r\n", b""
        elif roll < 0.92:
            size = rng.choice([1024, 4096, 32768, 65536])
            req = ("POST %s HTTP/1.1\r\n%sContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                   % (path, common, size)).encode() + BODY[:size]
            yield req, None, ("HTTP/1.1 200 OK\r\n%sContent-Length: 2\r\n\r\nok" % server).encode(), b""
        elif roll < 0.96:
            body = b"".join(b"%x\r\n" % 4096 + BODY[:4096] + b"\r\n" for _ in range(rng.randint(1, 8))) + b"0\r\n\r\n"
            req = ("POST %s HTTP/1.1\r\n%sTransfer-Encoding: chunked\r\n\r\n" % (path, common)).encode() + body
            yield req, None, ("HTTP/1.1 200 OK\r\n%sContent-Length: 2\r\n\r\nok" % server).encode(), b""
        else:
            size = rng.choice([8192, 65536])
            req = ("POST %s HTTP/1.1\r\n%sContent-Length: %d\r\nExpect: 100-continue\r\n\r\n"
                   % (path, common, size)).encode()
            yield (req, b"HTTP/1.1 100 Continue\r\n\r\n",
                   ("HTTP/1.1 201 Created\r\n%sContent-Length: 0\r\n\r\n" % server).encode(), BODY[:size])


def connection(rng, conn_id, start_ns):
    """Yields (time_ns, from_client, seq, ack, flags, payload) for one keep-alive connection."""
    cport = 1024 + conn_id % 60000
    cip = bytes([10, 1 + (conn_id >> 16) % 200, (conn_id >> 8) & 0xFF, conn_id & 0xFF])
    cseq, sseq = rng.getrandbits(32), rng.getrandbits(32)
    t = start_ns
    rtt = rng.randint(200_000, 20_000_000)
    key = (cip, cport)
    yield t, True, key, cseq, 0, SYN, b""
    cseq += 1
    t += rtt // 2
    yield t, False, key, sseq, cseq, SYN | ACK, b""
    sseq += 1
    t += rtt // 2
    yield t, True, key, cseq, sseq, ACK, b""

    def send(from_client, data, t):
        nonlocal cseq, sseq
        segs = 0
        for off in range(0, len(data), MSS):
            part = data[off:off + MSS]
            flags = ACK | (PSH if off + MSS >= len(data) else 0)
            if from_client:
                yield t, True, key, cseq, sseq, flags, part
                cseq += len(part)
            else:
                yield t, False, key, sseq, cseq, flags, part
                sseq += len(part)
            t += 12_000  # ~1 Gbit/s pacing
            segs += 1
            if segs % 2 == 0:  # delayed ACK every second segment
                if from_client:
                    yield t, False, key, sseq, cseq, ACK, b""
                else:
                    yield t, True, key, cseq, sseq, ACK, b""
        if segs % 2:
            t += 40_000
            if from_client:
                yield t, False, key, sseq, cseq, ACK, b""
            else:
                yield t, True, key, cseq, sseq, ACK, b""

    for req, interim, resp, late_body in requests_for(rng, conn_id):
        t += rng.randint(100_000, 50_000_000)  # think time
        for p in send(True, req, t):
            t = p[0]
            yield p
        if interim is not None:
            t += rtt // 2 + 300_000
            for p in send(False, interim, t):
                t = p[0]
                yield p
            t += rtt // 2
            for p in send(True, late_body, t):
                t = p[0]
                yield p
        t += rtt // 2 + rng.randint(200_000, 30_000_000)  # server time
        for p in send(False, resp, t):
            t = p[0]
            yield p
    t += rng.randint(1_000_000, 2_000_000_000)
    yield t, True, key, cseq, sseq, FIN | ACK, b""
    cseq += 1
    t += rtt // 2
    yield t, False, key, sseq, cseq, FIN | ACK, b""
    sseq += 1
    t += rtt // 2
    yield t, True, key, cseq, sseq, ACK, b""


def frame(from_client, key, seq, ack, flags, payload, ident):
    cip, cport = key
    src, dst = (cip, SERVER_IP) if from_client else (SERVER_IP, cip)
    sport, dport = (cport, 80) if from_client else (80, cport)
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 0x50, flags, 64240, 0, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + len(payload), ident, 0x4000, 128, 6, 0, src, dst)
    eth = (SERVER_MAC + CLIENT_MAC if from_client else CLIENT_MAC + SERVER_MAC) + b"\x08\x00"
    return eth + ip + tcp + payload


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--mb", type=int, default=1200, help="approximate file size in MB (10^6 bytes)")
    ap.add_argument("--concurrent", type=int, default=256)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    target = args.mb * 1_000_000
    t0 = iso_ns("2026-11-21T10:00:00Z")
    heap = []
    next_id = 0
    written = 24
    packets = 0

    def open_conn(start):
        nonlocal next_id
        gen = connection(random.Random(rng.getrandbits(64)), next_id, start)
        first = next(gen)
        heapq.heappush(heap, (first[0], next_id, first, gen))
        next_id += 1

    for i in range(args.concurrent):
        open_conn(t0 + i * 3_000_000)
    with open(args.out, "wb", buffering=1 << 22) as fh:
        fh.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        while heap:
            _, cid, pkt, gen = heapq.heappop(heap)
            t, from_client, key, seq, ack, flags, payload = pkt
            data = frame(from_client, key, seq, ack, flags, payload, packets & 0xFFFF)
            sec, ns = divmod(t, 1_000_000_000)
            fh.write(struct.pack("<IIII", sec, ns // 1000, len(data), len(data)))
            fh.write(data)
            written += 16 + len(data)
            packets += 1
            nxt = next(gen, None)
            if nxt is not None:
                heapq.heappush(heap, (nxt[0], cid, nxt, gen))
            elif written < target:
                open_conn(t + rng.randint(0, 5_000_000))
    print("%s: %d bytes, %d packets, %d connections" % (args.out, written, packets, next_id))


if __name__ == "__main__":
    main()
