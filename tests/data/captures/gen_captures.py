#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes HttpSleuth's capture fixtures (tests/data/captures) and the pcap/pcapng fuzz seeds.

Every capture gets a manifest beside it (<file>.txt) listing each frame: number, time, direction,
TCP flags, relative seq/ack, payload length, the payload's first line, and what the frame is for.
Damaged variants say which bytes were damaged. Deterministic: run it again and nothing changes.

    python3 gen_captures.py            # fixtures + fuzz seeds
"""

import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pcapgen import *  # noqa: E402,F401

SEEDS = os.path.join(HERE, "..", "..", "fuzz", "seeds")
T0 = iso_ns("2026-11-21T10:00:00Z")
CLIENT, SERVER = ("10.0.0.5", 51000), ("10.0.0.50", 80)


def out(name):
    return os.path.join(HERE, name)


def save_pcap(name, title, frames, link, extra=(), **kw):
    write_pcap(out(name), frames, linktype=link.linktype if hasattr(link, "linktype") else link, **kw)
    write_manifest(out(name + ".txt"), title, frames, extra)


def crlf(text):
    return text.replace("\n", "\r\n").encode()


def get(path, host="web01", extra=""):
    return crlf("GET %s HTTP/1.1\nHost: %s\nUser-Agent: pcapgen/1.0\n%s\n" % (path, host, extra))


def ok(body=b"hello", extra=""):
    return crlf("HTTP/1.1 200 OK\nServer: Microsoft-IIS/10.0\nContent-Length: %d\n%s\n" % (len(body), extra)) + body


# -- functional fixtures ---------------------------------------------------------------------
def continue_100():
    c = TcpConversation(CLIENT, SERVER)
    c.handshake(T0)
    body = b"x" * 300
    c.client_send(crlf("POST /upload HTTP/1.1\nHost: web01\nContent-Length: 300\nExpect: 100-continue\n\n"),
                  T0 + 10 * MS, note="request head with Expect: 100-continue")
    c.server_send(crlf("HTTP/1.1 100 Continue\n\n"), T0 + 12 * MS, note="interim 100 at once")
    c.client_send(body, T0 + 13 * MS, note="request body after the 100")
    c.server_send(ok(b"stored"), T0 + 20 * MS, note="final response")
    c.client_fin(T0 + 30 * MS)
    c.server_fin(T0 + 31 * MS)
    save_pcap("continue-100.pcap", "POST with Expect: 100-continue answered at once by 100 Continue, then 200.",
              c.frames(Ethernet()), Ethernet())


def continue_after_final():
    c = TcpConversation(CLIENT, SERVER)
    c.handshake(T0)
    c.client_send(crlf("POST /api/orders HTTP/1.1\nHost: web01\nContent-Length: 5\nExpect: 100-continue\n\n"),
                  T0 + 10 * MS, note="request head, Expect: 100-continue")
    c.client_send(b"hello", T0 + 360 * MS, note="client stops waiting (350 ms) and sends the body")
    c.server_send(ok(b"done"), T0 + 370 * MS, note="final response")
    c.server_send(crlf("HTTP/1.1 100 Continue\n\n"), T0 + 371 * MS,
                  note="stray 100 Continue AFTER the final response (KB898708)")
    c.client_send(get("/next"), T0 + 400 * MS, note="next request on the keep-alive connection")
    c.server_send(ok(b"n"), T0 + 405 * MS)
    c.client_fin(T0 + 500 * MS)
    c.server_fin(T0 + 501 * MS)
    save_pcap("continue-after-final.pcap",
              "Stray 100 Continue after 200 OK on the same request (KB898708), then a second request.",
              c.frames(Ethernet()), Ethernet())


def chunked_posts():
    c = TcpConversation(CLIENT, SERVER)
    c.handshake(T0)
    head = "POST /soap HTTP/1.1\nHost: web01\nTransfer-Encoding: chunked\nUser-Agent: pcapgen/1.0\n\n"
    c.client_send(crlf(head), T0 + 10 * MS, note="chunked POST 1 head")
    c.client_send(b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n", T0 + 11 * MS, note="two chunks (one with an extension) and the last chunk")
    c.server_send(ok(b"ok1"), T0 + 20 * MS)
    c.client_send(crlf(head), T0 + 30 * MS, note="chunked POST 2 head")
    c.client_send(b"4\r\nabcd\r\n", T0 + 31 * MS, note="first chunk, then nothing more")
    c.server_rst(T0 + 2000 * MS, note="server resets the keep-alive connection mid-request")
    save_pcap("chunked-posts.pcap", "Two chunked POSTs on one keep-alive connection; the server resets the second.",
              c.frames(Ethernet()), Ethernet())


def pipelining():
    c = TcpConversation(CLIENT, SERVER)
    c.handshake(T0)
    c.client_send(get("/a") + get("/b") + get("/c"), T0 + 10 * MS, note="three pipelined GETs in one segment")
    c.server_send(ok(b"A") + ok(b"BB"), T0 + 20 * MS, note="two responses in one segment")
    c.server_send(ok(b"CCC"), T0 + 21 * MS, note="third response")
    c.client_fin(T0 + 30 * MS)
    c.server_fin(T0 + 31 * MS)
    save_pcap("pipelining.pcap", "Three pipelined GETs; responses arrive two in one segment, then one.",
              c.frames(Ethernet()), Ethernet())


def rst_mid_request():
    c = TcpConversation(CLIENT, SERVER)
    c.handshake(T0)
    c.client_send(crlf("POST /big HTTP/1.1\nHost: web01\nContent-Length: 10000\n\n"), T0 + 10 * MS,
                  note="request head announcing 10000 body bytes")
    head_end = c.client_next
    c.client_send(b"b" * 3000, T0 + 11 * MS, ack=False, note="3000 body bytes (never acknowledged)")
    c.server_send(crlf("HTTP/1.1 413 Request Entity Too Large\nContent-Length: 0\nConnection: close\n\n"),
                  T0 + 12 * MS, ack=False, ack_to=head_end, note="early final response")
    c.server_rst(T0 + 13 * MS, ack_to=head_end, note="server resets while the body is still coming")
    save_pcap("rst-mid-request.pcap", "Server answers 413 and resets in the middle of a request body; the server "
              "never acknowledged the 3000 body bytes.",
              c.frames(Ethernet()), Ethernet())


def out_of_order():
    c = TcpConversation(CLIENT, SERVER, mss=100)
    c.handshake(T0)
    req = crlf("POST /form HTTP/1.1\nHost: web01\nContent-Length: 200\n\n") + b"q" * 200
    segs = c.client_send(req, T0 + 10 * MS, note="request in 100-byte segments")
    swap_times(segs[1], segs[2])
    segs[1].note = "captured after the next segment (out of order)"
    resp = ok(b"r" * 250)
    rsegs = c.server_send(resp, T0 + 20 * MS, note="response in 100-byte segments")
    c.retransmit(rsegs[1], T0 + 25 * MS)
    c.drop(rsegs[2], note="lost: this segment is not in the capture (gap)")
    c.client_fin(T0 + 30 * MS)
    c.server_fin(T0 + 31 * MS)
    save_pcap("out-of-order.pcap",
              "Request segments captured out of order, a retransmitted response segment, a lost one.",
              c.frames(Ethernet()), Ethernet(),
              extra=["The response lost one 100-byte segment: the body has a 100-byte gap."])


def ipv6():
    c = TcpConversation(("2001:db8::5", 51000), ("2001:db8::50", 8080))
    c.handshake(T0)
    seg = c.client_send(crlf("POST /v6 HTTP/1.1\nHost: [2001:db8::50]:8080\nContent-Length: 1000\n\n") + b"6" * 1000,
                        T0 + 10 * MS, note="request")[0]
    c.fragment(seg, mtu=400, reverse=True)
    c.server_send(ok(b"six"), T0 + 20 * MS)
    c.client_fin(T0 + 30 * MS)
    c.server_fin(T0 + 31 * MS)
    frames = c.frames(Ethernet())
    # A Destination Options header in front of TCP in the server's first data segment.
    for f in frames:
        if b"HTTP/1.1 200" in f.data:
            ip = f.data[14:]
            src, dst, payload = ip[8:24], ip[24:40], ip[40:]
            f.data = f.data[:14] + ipv6_packet(src, dst, 6, payload, extensions=[(60, b"\x01\x02\0\0")])
            f.note += "  [Destination Options header before TCP]"
    w = PcapngWriter()
    w.section(userappl="pcapgen ipv6")
    i = w.interface(LINKTYPE_ETHERNET, tsresol=9)
    for f in frames:
        w.epb(i, f)
    w.write(out("ipv6.pcapng"))
    write_manifest(out("ipv6.pcapng.txt"), "IPv6 POST with the request sent as IPv6 fragments (last fragment "
                   "first) and an extension header; pcapng, nanosecond resolution.", frames)


def link_layers():
    def conv(port):
        c = TcpConversation(("10.0.0.5", port), SERVER)
        c.handshake(T0)
        c.client_send(get("/link"), T0 + 10 * MS)
        c.server_send(ok(b"L"), T0 + 20 * MS)
        c.client_fin(T0 + 30 * MS)
        c.server_fin(T0 + 31 * MS)
        return c

    for name, link, title in [
        ("vlan.pcap", Ethernet(vlans=[100]), "802.1Q VLAN 100"),
        ("qinq.pcap", Ethernet(vlans=[(0x88A8, 10), 20]), "QinQ: 802.1ad tag 10 outside 802.1Q tag 20"),
        ("sll.pcap", Sll(), "Linux cooked capture (SLL)"),
        ("raw-ip.pcap", RawIp(), "raw IP (LINKTYPE_RAW)"),
        ("null-loopback.pcap", NullLoopback(), "BSD loopback (NULL), little-endian address family"),
        ("loop.pcap", Loop(), "OpenBSD loopback (LOOP)"),
    ]:
        save_pcap(name, "One GET/200 exchange over " + title + ".", conv(52000).frames(link), link)
    c = conv(52001)
    frames = c.frames(Sll2())
    w = PcapngWriter(big_endian=True)
    w.section(userappl="pcapgen sll2")
    i = w.interface(LINKTYPE_LINUX_SLL2, tsresol=("2", 20))
    for f in frames:
        w.epb(i, f)
    w.write(out("sll2.pcapng"))
    write_manifest(out("sll2.pcapng.txt"), "One GET/200 over Linux cooked v2 (SLL2); big-endian pcapng, "
                   "if_tsresol 2^-20 s (times are rounded down to 2^-20 s).", frames)


def nanosecond_big_endian():
    c = TcpConversation(CLIENT, SERVER)
    c.handshake(T0 + 123456789)
    c.client_send(get("/ns"), T0 + 200 * MS + 987, note="sent 987 ns after a millisecond")
    c.server_send(ok(b"N"), T0 + 300 * MS + 1999)
    c.client_fin(T0 + 400 * MS)
    c.server_fin(T0 + 401 * MS)
    save_pcap("ns-big-endian.pcap", "Nanosecond pcap, big-endian: one GET/200.", c.frames(Ethernet()), Ethernet(),
              nanoseconds=True, big_endian=True)


def multi_section():
    a = TcpConversation(CLIENT, SERVER)
    a.handshake(T0)
    a.client_send(get("/one"), T0 + 10 * MS)
    a.server_send(ok(b"1"), T0 + 20 * MS)
    b = TcpConversation(("10.0.0.6", 52000), ("10.0.0.60", 8080))
    b.handshake(T0 + 1 * S)
    b.client_send(get("/two"), T0 + 1 * S + 10 * MS)
    b.server_send(ok(b"22"), T0 + 1 * S + 20 * MS)
    c = TcpConversation(("10.0.0.7", 53000), ("10.0.0.70", 80))
    c.handshake(T0 + 2 * S)
    c.client_send(get("/three"), T0 + 2 * S + 10 * MS)
    c.server_send(ok(b"333"), T0 + 2 * S + 20 * MS)
    fa, fb, fc = a.frames(Ethernet()), b.frames(RawIp()), c.frames(Ethernet())
    w = PcapngWriter(big_endian=False)
    w.section(userappl="pcapgen multi-section")
    e0 = w.interface(LINKTYPE_ETHERNET, name="eth0")  # default resolution: microseconds
    w.nrb({"10.0.0.50": "web01"})
    lines = ["Section 1 (little-endian): IDB 0 Ethernet (microseconds), an NRB, then conversation A",
             "  (frames 1-7: EPB, except frame 4 = SPB and frame 5 = obsolete PB); then an ISB (ifdrop=2),",
             "  a DSB, a custom block and a block of unknown type 0x99.",
             "Section 2 (big-endian): IDB 0 raw IP (2^-20 s) carries conversation B (frames 8-14),",
             "  IDB 1 Ethernet (10^-9 s, if_tsoffset 3600 s) carries conversation C (frames 15-21)."]
    for n, f in enumerate(fa):
        if n == 3:
            w.spb(f)  # no timestamp: takes the previous frame's time
            f.note += "  [SPB: no timestamp, reads as the previous frame's time]"
        elif n == 4:
            w.pb(e0, f)
            f.note += "  [obsolete Packet Block]"
        else:
            w.epb(e0, f)
    w.isb(e0, T0 + 500 * MS, drops=2, received=len(fa))
    w.dsb(b"CLIENT_RANDOM 00 11")
    w.custom(b"custom data")
    w.block(0x99, b"unknown block type")
    w.section(big_endian=True, userappl="pcapgen multi-section")
    r0 = w.interface(LINKTYPE_RAW, tsresol=("2", 20))
    e1 = w.interface(LINKTYPE_ETHERNET, tsresol=9, tsoffset=3600)
    for f in fb:
        w.epb(r0, f)
        f.note += "  [section 2, interface 0: raw IP, 2^-20 s]"
    for f in fc:
        w.epb(e1, f)
        f.note += "  [section 2, interface 1: Ethernet, ns, offset 3600 s]"
    w.write(out("multi-section.pcapng"))
    write_manifest(out("multi-section.pcapng.txt"),
                   "Two pcapng sections in different byte orders; several interfaces, link types and time "
                   "resolutions; EPB, SPB, PB; NRB, ISB, DSB, custom and unknown blocks.", fa + fb + fc, lines)


def tsoffset():
    c = TcpConversation(CLIENT, SERVER)
    c.handshake(T0)
    c.client_send(get("/offset"), T0 + 10 * MS)
    c.server_send(ok(b"o"), T0 + 20 * MS)
    frames = c.frames(Ethernet())
    w = PcapngWriter()
    w.section()
    i = w.interface(LINKTYPE_ETHERNET, tsresol=3, tsoffset=3600)
    for f in frames:
        w.epb(i, f)
    w.write(out("tsoffset.pcapng"))
    write_manifest(out("tsoffset.pcapng.txt"), "if_tsresol 10^-3 s and if_tsoffset 3600 s: timestamps are stored "
                   "relative to one hour after the epoch, in milliseconds; times below are the real ones.", frames)


def snaplen():
    c = TcpConversation(CLIENT, SERVER)
    c.handshake(T0)
    c.client_send(get("/cut"), T0 + 10 * MS, note="cut by the 96-byte snaplen")
    c.server_send(ok(b"z" * 500), T0 + 20 * MS, note="cut by the 96-byte snaplen")
    c.client_fin(T0 + 30 * MS)
    c.server_fin(T0 + 31 * MS)
    save_pcap("snaplen-96.pcap", "tcpdump -s 96: every frame longer than 96 bytes is cut.", c.frames(Ethernet()),
              Ethernet(), snaplen=96)


def midstream():
    c = TcpConversation(("10.0.0.5", 1025), ("10.0.0.50", 8080), client_isn=7777, server_isn=99999)
    c.server_send(b"tail of an earlier response body" + b"\r\n", T0, note="capture starts here: mid-response")
    c.client_send(get("/after"), T0 + 10 * MS, note="the next request on the connection")
    c.server_send(ok(b"M"), T0 + 20 * MS)
    save_pcap("midstream.pcap", "Capture started in the middle of a connection (no handshake); the client's "
              "port is lower than the server's.", c.frames(Ethernet()), Ethernet())


def tls_and_http():
    t = TcpConversation(("10.0.0.5", 51010), ("10.0.0.50", 443))
    t.handshake(T0)
    t.client_send(b"\x16\x03\x01\x00\x30" + b"\x01" + b"\0" * 47, T0 + 10 * MS, note="TLS ClientHello (abridged)")
    t.server_send(b"\x16\x03\x03\x00\x10" + b"\x02" + b"\0" * 15, T0 + 20 * MS, note="TLS ServerHello (abridged)")
    t.client_send(b"\x17\x03\x03\x00\x20" + b"\xAA" * 32, T0 + 30 * MS, note="application data")
    t.client_fin(T0 + 40 * MS)
    t.server_fin(T0 + 41 * MS)
    h = TcpConversation(("10.0.0.5", 51011), SERVER)
    h.handshake(T0 + 5 * MS)
    h.client_send(get("/plain"), T0 + 15 * MS)
    h.server_send(ok(b"P"), T0 + 25 * MS)
    frames = merge_frames(t.frames(Ethernet()), h.frames(Ethernet()),
                          [udp_frame(T0 + 1 * MS, "10.0.0.5", 5353, "10.0.0.1", 53, b"\0\1dns", Ethernet())])
    save_pcap("tls-and-http.pcap", "A TLS connection, a plain HTTP connection and a UDP datagram.", frames, Ethernet())


def ip_fragments():
    c = TcpConversation(CLIENT, SERVER)
    c.handshake(T0)
    seg = c.client_send(crlf("POST /frag HTTP/1.1\nHost: web01\nContent-Length: 1200\n\n") + b"f" * 1200,
                        T0 + 10 * MS)[0]
    c.fragment(seg, mtu=576, reverse=True)
    c.server_send(ok(b"F"), T0 + 20 * MS)
    c.client_fin(T0 + 30 * MS)
    c.server_fin(T0 + 31 * MS)
    save_pcap("ip-fragments.pcap", "The request segment travels as three IPv4 fragments, last one first.",
              c.frames(Ethernet()), Ethernet())


def wraparound():
    c = TcpConversation(CLIENT, SERVER, client_isn=0xFFFFFF00, server_isn=0xFFFFFFF0, mss=200)
    c.handshake(T0)
    c.client_send(crlf("POST /wrap HTTP/1.1\nHost: web01\nContent-Length: 400\n\n") + b"w" * 400, T0 + 10 * MS,
                  note="client sequence numbers wrap past 2^32")
    c.server_send(ok(b"W" * 30), T0 + 20 * MS, note="server sequence numbers wrap too")
    c.client_fin(T0 + 30 * MS)
    c.server_fin(T0 + 31 * MS)
    save_pcap("wraparound.pcap", "Sequence numbers of both sides wrap around 2^32 mid-stream.",
              c.frames(Ethernet()), Ethernet())


def bad_request_line():
    c = TcpConversation(CLIENT, SERVER)
    c.handshake(T0)
    c.client_send(b"OPTIONSHTTP/1.1\r\nHost: web01\r\n\r\n", T0 + 10 * MS, note="garbage request line")
    c.server_send(crlf("HTTP/1.1 400 Bad Request\nContent-Type: text/html\nServer: Microsoft-HTTPAPI/2.0\n"
                       "Content-Length: 11\nConnection: close\n\n") + b"Bad Request", T0 + 11 * MS,
                  note="HTTP.sys answers 400 and closes")
    c.server_fin(T0 + 12 * MS)
    c.client_fin(T0 + 13 * MS)
    save_pcap("bad-request-line.pcap", "A request line HTTP.sys cannot parse, answered with 400 Bad Request.",
              c.frames(Ethernet()), Ethernet())


def time_disorder():
    late = TcpConversation(("10.0.0.8", 54000), SERVER)
    late.handshake(T0 + 1 * S)
    late.client_send(get("/late"), T0 + 1 * S + 10 * MS)
    late.server_send(ok(b"late"), T0 + 1 * S + 20 * MS)
    early = TcpConversation(("10.0.0.9", 55000), SERVER)
    early.handshake(T0)
    early.client_send(get("/early"), T0 + 10 * MS)
    early.server_send(ok(b"early"), T0 + 20 * MS)
    frames = late.frames(Ethernet()) + early.frames(Ethernet())  # file order != time order
    save_pcap("time-disorder.pcap", "Two captures concatenated without merging: the later conversation's "
              "frames come first in the file.", frames, Ethernet())


# -- damaged files -----------------------------------------------------------------------------
def base_frames():
    c = TcpConversation(CLIENT, SERVER)
    c.handshake(T0)
    c.client_send(get("/d"), T0 + 10 * MS)
    c.server_send(ok(b"D" * 40), T0 + 20 * MS)
    c.client_fin(T0 + 30 * MS)
    c.server_fin(T0 + 31 * MS)
    return c.frames(Ethernet())


def record_offsets(frames, header=24, record=16):
    offs, pos = [], header
    for f in frames:
        offs.append(pos)
        pos += record + len(f.data)
    return offs


def damaged_pcaps():
    frames = base_frames()
    data = pcap_bytes(frames, LINKTYPE_ETHERNET)
    offs = record_offsets(frames)
    cut = offs[-1] + 16 + 10
    with open(out("truncated-in-packet.pcap"), "wb") as fh:
        fh.write(data[:cut])
    write_manifest(out("truncated-in-packet.pcap.txt"), "base exchange cut %d bytes into the last frame's data "
                   "(file length %d): frames 1-%d are whole." % (10, cut, len(frames) - 1), frames)
    cut = offs[-1] + 7
    with open(out("truncated-in-header.pcap"), "wb") as fh:
        fh.write(data[:cut])
    write_manifest(out("truncated-in-header.pcap.txt"), "base exchange cut 7 bytes into the last record header "
                   "(offset %d)." % offs[-1], frames)
    with open(out("truncated-file-header.pcap"), "wb") as fh:
        fh.write(data[:10])
    write_manifest(out("truncated-file-header.pcap.txt"), "only the first 10 bytes of the 24-byte pcap header.", [])
    bad = bytearray(data)
    struct.pack_into("<I", bad, offs[4] + 8, 0x7FFFFFF0)
    with open(out("corrupt-record-length.pcap"), "wb") as fh:
        fh.write(bytes(bad))
    write_manifest(out("corrupt-record-length.pcap.txt"), "record 5 (offset %d) has its captured length "
                   "overwritten with 0x7FFFFFF0; a reader resyncs at record 6 (frame 5 there)." % offs[4], frames)


def ng_base(big_endian=False):
    frames = base_frames()
    w = PcapngWriter(big_endian=big_endian)
    w.section()
    i = w.interface(LINKTYPE_ETHERNET)
    offsets = []
    for f in frames:
        offsets.append(len(w.bytes()))
        w.epb(i, f)
    return w, frames, offsets


def damaged_pcapngs():
    w, frames, offs = ng_base()
    data = w.bytes()

    def save(name, blob, title):
        with open(out(name), "wb") as fh:
            fh.write(blob)
        write_manifest(out(name + ".txt"), title, frames)

    save("ng-cut-in-block-header.pcapng", data[:offs[-1] + 6],
         "cut 6 bytes into the last EPB's block header (offset %d)." % offs[-1])
    save("ng-cut-in-block.pcapng", data[:offs[-1] + 40],
         "cut 40 bytes into the last EPB (offset %d): its length points past the end." % offs[-1])
    b = bytearray(data)
    struct.pack_into("<I", b, offs[3] + 4, 0)
    save("ng-zero-length-block.pcapng", bytes(b), "EPB 4 (offset %d) has block length 0; the reader resyncs at "
         "EPB 5 (it becomes frame 4)." % offs[3])
    b = bytearray(data)
    struct.pack_into("<I", b, offs[2] + 4, 0x7FFFFFF0)
    save("ng-length-past-end.pcapng", bytes(b), "EPB 3 (offset %d) declares 0x7FFFFFF0 bytes, past the end; "
         "valid blocks follow and are read." % offs[2])
    b = bytearray(data)
    struct.pack_into("<I", b, offs[5] + 8, 7)
    save("ng-bad-interface.pcapng", bytes(b), "EPB 6 (offset %d) names interface 7; the section has one." % offs[5])
    b = bytearray(data)
    struct.pack_into("<I", b, offs[6] + 20, 0xFFFFFF00)
    save("ng-huge-caplen.pcapng", bytes(b), "EPB 7 (offset %d) claims 0xFFFFFF00 captured bytes inside a normal "
         "block; it is skipped." % offs[6])
    b = bytearray(data)
    struct.pack_into("<I", b, offs[1] + 4 + 0, struct.unpack_from("<I", b, offs[1] + 4)[0])  # unchanged length
    length = struct.unpack_from("<I", b, offs[1] + 4)[0]
    struct.pack_into("<I", b, offs[1] + length - 4, length + 4)
    save("ng-trailer-mismatch.pcapng", bytes(b), "EPB 2 (offset %d): the trailing block length disagrees with the "
         "leading one; the reader skips to EPB 3." % offs[1])

    # 10,000 interfaces, packets on the first and the last.
    w = PcapngWriter()
    w.section()
    for n in range(10000):
        w.interface(LINKTYPE_ETHERNET if n % 2 == 0 else LINKTYPE_RAW)
    frames = base_frames()
    for n, f in enumerate(frames):
        w.epb(9998 if n % 2 else 0, f)
        f.note += "  [interface %d]" % (9998 if n % 2 else 0)
    w.write(out("ng-10000-interfaces.pcapng"))
    write_manifest(out("ng-10000-interfaces.pcapng.txt"), "10,000 IDBs (even ids Ethernet, odd ids raw IP); frames "
                   "alternate between interface 0 and interface 9998 (both Ethernet).", frames)

    # An IDB whose option runs past the block, and an unknown huge option length.
    w = PcapngWriter()
    w.section()
    idb = struct.pack("<HHI", LINKTYPE_ETHERNET, 0, 0) + struct.pack("<HH", 9, 200) + b"\x06\0\0\0"
    w.block(1, idb)
    frames = base_frames()
    for f in frames:
        w.epb(0, f)
    w.write(out("ng-bad-options.pcapng"))
    write_manifest(out("ng-bad-options.pcapng.txt"), "the IDB's if_tsresol option declares 200 bytes inside a "
                   "24-byte block; the option is ignored and microseconds are assumed.", frames)


def seeds():
    """Small valid and damaged files for the fuzzers (tests/fuzz/seeds/pcap, .../pcapng)."""
    for kind, names in (("pcap", ["continue-100.pcap", "chunked-posts.pcap", "out-of-order.pcap", "sll.pcap",
                                  "ns-big-endian.pcap", "ip-fragments.pcap", "corrupt-record-length.pcap",
                                  "truncated-in-packet.pcap", "snaplen-96.pcap", "null-loopback.pcap"]),
                        ("pcapng", ["multi-section.pcapng", "ipv6.pcapng", "sll2.pcapng", "ng-zero-length-block.pcapng",
                                    "ng-length-past-end.pcapng", "ng-bad-interface.pcapng", "ng-bad-options.pcapng",
                                    "tsoffset.pcapng"])):
        folder = os.path.join(SEEDS, kind)
        os.makedirs(folder, exist_ok=True)
        for name in names:
            with open(out(name), "rb") as src, open(os.path.join(folder, name), "wb") as dst:
                dst.write(src.read())


def main():
    continue_100()
    continue_after_final()
    chunked_posts()
    pipelining()
    rst_mid_request()
    out_of_order()
    ipv6()
    link_layers()
    nanosecond_big_endian()
    multi_section()
    tsoffset()
    snaplen()
    midstream()
    tls_and_http()
    ip_fragments()
    wraparound()
    time_disorder()
    bad_request_line()
    damaged_pcaps()
    damaged_pcapngs()
    seeds()


if __name__ == "__main__":
    main()
