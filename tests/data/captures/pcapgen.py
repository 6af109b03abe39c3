# SPDX-License-Identifier: MIT
"""pcapgen - build pcap and pcapng captures of TCP conversations, frame by frame (stdlib only).

HttpSleuth's capture fixtures, incident bundles and benchmarks are written with this module, so
its API is kept stable: add, never rename. Everything is deterministic (no randomness, no clock).

Times
    Every time is an integer number of NANOSECONDS since the Unix epoch (UTC). Helpers:
    ``iso_ns("2026-11-21T10:00:00.250Z")`` and the units ``S``, ``MS``, ``US`` (``t0 + 5 * MS``).

Building a conversation
    >>> from pcapgen import *
    >>> t0 = iso_ns("2026-11-21T10:00:00Z")
    >>> c = TcpConversation(("10.0.0.5", 51000), ("10.0.0.50", 80))      # IPv6 if the address is
    >>> c.handshake(t0)                                                    # SYN, SYN-ACK, ACK
    >>> c.client_send(b"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n", t0 + 2 * MS)  # segments + peer ACK
    >>> c.server_send(b"HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\n\\r\\n", t0 + 5 * MS)
    >>> c.client_fin(t0 + 6 * MS); c.server_fin(t0 + 7 * MS)             # FIN (+ ACK) each way
    >>> write_pcap("x.pcap", c.frames(Ethernet()), linktype=Ethernet.linktype)

    Every method returns the Segment objects it appended to ``c.segments``; segments keep their
    sequence numbers, so the capture can be edited afterwards:

    * out of order: ``a, b = c.client_send(data, t, mss=100)[:2]; swap_times(a, b)``
      (frames are written sorted by time, ties in creation order);
    * retransmission: ``c.retransmit(seg, t)`` (a copy of the segment at time t);
    * loss / gap: ``c.drop(seg)`` (kept in ``c.segments`` but never written);
    * RST: ``c.client_rst(t)`` / ``c.server_rst(t)``; raw control: ``c.segment(...)``;
    * unacknowledged data: ``c.server_send(data, t, ack_to=pos)`` / ``c.server_rst(t, ack_to=pos)``
      with ``pos = c.client_next`` noted earlier (sequence positions: ``c.client_next``/``server_next``);
    * mid-stream start: ``TcpConversation(..., client_isn=..., server_isn=...)`` without
      ``handshake()``; sequence wraparound: pick an ISN near 2**32;
    * IP fragments: ``c.fragment(seg, mtu=576)`` emits that segment as IP fragments
      (IPv4 fragments, or IPv6 Fragment headers), ``reverse=True`` sends them backwards;
    * notes: pass ``note="..."`` to any method; it is printed in the frame manifest.

Link layers (``c.frames(link)``)
    ``Ethernet(vlans=[100])`` (802.1Q; ``vlans=[(0x88A8, 10), 20]`` for QinQ with an 802.1ad
    outer tag), ``Sll()`` and ``Sll2()`` (Linux cooked), ``RawIp()`` (LINKTYPE_RAW),
    ``RawIp(linktype=LINKTYPE_IPV4)``, ``NullLoopback(big_endian=False)`` (BSD NULL),
    ``Loop()`` (OpenBSD LOOP). Each has ``.linktype``.

Files
    ``write_pcap(path, frames, linktype=..., nanoseconds=False, big_endian=False, snaplen=262144)``
    (frames longer than the snaplen are cut and keep their original length) and
    ``pcap_bytes(...)`` for the bytes. pcapng is written block by block::

        w = PcapngWriter(big_endian=False)
        w.section(userappl="pcapgen")                     # SHB (call again for a new section)
        i = w.interface(LINKTYPE_ETHERNET, tsresol=9)     # IDB; tsresol: 6=us, 9=ns, ("2", 20)=2^-20 s
        w.interface(LINKTYPE_RAW, tsoffset=3600)          # if_tsoffset in seconds
        for f in frames: w.epb(i, f)                      # also w.spb(f), w.pb(i, f)
        w.nrb({"10.0.0.50": "iis01"}); w.isb(i, drops=3); w.dsb(b"..."); w.custom(b"...")
        w.write("x.pcapng")                               # or w.bytes()

    ``Frame(time_ns, data, orig_len=None, note="")`` is what the writers take; build your own
    for packets that are not TCP (``udp_frame`` helps).

Manifests
    ``manifest(frames)`` returns one line per frame (number, time, direction, flags, relative
    seq/ack, length, payload's first line, note); ``write_manifest(path, title, frames)`` writes it.
"""

from __future__ import annotations

import datetime as _dt
import struct
from dataclasses import dataclass, field
from typing import Iterable, List, Optional, Sequence, Tuple, Union

__all__ = [
    "S", "MS", "US", "iso_ns", "TcpConversation", "Segment", "Frame", "swap_times",
    "Ethernet", "Sll", "Sll2", "RawIp", "NullLoopback", "Loop",
    "LINKTYPE_NULL", "LINKTYPE_ETHERNET", "LINKTYPE_RAW", "LINKTYPE_LOOP", "LINKTYPE_LINUX_SLL",
    "LINKTYPE_IPV4", "LINKTYPE_IPV6", "LINKTYPE_LINUX_SLL2",
    "write_pcap", "pcap_bytes", "PcapngWriter", "manifest", "write_manifest", "udp_frame",
    "ipv4_packet", "ipv6_packet", "tcp_header", "merge_frames",
]

S = 1_000_000_000
MS = 1_000_000
US = 1_000

LINKTYPE_NULL = 0
LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101
LINKTYPE_LOOP = 108
LINKTYPE_LINUX_SLL = 113
LINKTYPE_IPV4 = 228
LINKTYPE_IPV6 = 229
LINKTYPE_LINUX_SLL2 = 276

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def iso_ns(text: str) -> int:
    """'2026-11-21T10:00:00.250Z' (or +hh:mm offset) -> nanoseconds since the epoch, exactly."""
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    frac_ns = 0
    if "." in text:
        head, rest = text.split(".", 1)
        digits = ""
        while rest and rest[0].isdigit():
            digits += rest[0]
            rest = rest[1:]
        frac_ns = int((digits + "000000000")[:9])
        text = head + rest
    when = _dt.datetime.fromisoformat(text)
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    return int(when.timestamp()) * S + frac_ns


def _addr(text: str) -> Tuple[bytes, bool]:
    import ipaddress
    a = ipaddress.ip_address(text)
    return a.packed, a.version == 6


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def tcp_header(sport: int, dport: int, seq: int, ack: int, flags: int, window: int = 65535,
               payload: bytes = b"", pseudo: Optional[Tuple[bytes, bytes]] = None) -> bytes:
    """A 20-byte TCP header; with pseudo=(src, dst) packed addresses the checksum is filled in."""
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4, flags, window, 0, 0)
    if pseudo is not None:
        src, dst = pseudo
        length = len(hdr) + len(payload)
        if len(src) == 4:
            ph = src + dst + struct.pack("!BBH", 0, 6, length)
        else:
            ph = src + dst + struct.pack("!IxxxB", length, 6)
        csum = _checksum(ph + hdr + payload)
        hdr = hdr[:16] + struct.pack("!H", csum) + hdr[18:]
    return hdr


def ipv4_packet(src: bytes, dst: bytes, proto: int, payload: bytes, ident: int = 0, more: bool = False,
                offset: int = 0, ttl: int = 64, dont_fragment: bool = True) -> bytes:
    flags = (0x4000 if dont_fragment and not more and offset == 0 else 0) | (0x2000 if more else 0) | (offset // 8)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xFFFF, flags, ttl, proto, 0, src, dst)
    hdr = hdr[:10] + struct.pack("!H", _checksum(hdr)) + hdr[12:]
    return hdr + payload


def ipv6_packet(src: bytes, dst: bytes, next_header: int, payload: bytes, hop_limit: int = 64,
                extensions: Sequence[Tuple[int, bytes]] = ()) -> bytes:
    """extensions: (header type, body) pairs placed before the payload; bodies are padded to 8n-2."""
    chain = b""
    types = [t for t, _ in extensions] + [next_header]
    for i, (_, body) in enumerate(extensions):
        nxt = types[i + 1]
        if _ == 44:  # fragment header: fixed 8 bytes, body is the 6 bytes after next/reserved
            chain += struct.pack("!BB", nxt, 0) + body
            continue
        body = body + b"\0" * ((-(len(body) + 2)) % 8)
        chain += struct.pack("!BB", nxt, (len(body) + 2) // 8 - 1) + body
    first = types[0]
    hdr = struct.pack("!IHBB16s16s", 6 << 28, len(chain) + len(payload), first, hop_limit, src, dst)
    return hdr + chain + payload


@dataclass
class Frame:
    """One captured frame: time (ns since epoch), bytes on the link, original length."""
    time_ns: int
    data: bytes
    orig_len: Optional[int] = None
    note: str = ""
    interface: int = 0

    @property
    def wire_len(self) -> int:
        return self.orig_len if self.orig_len is not None else len(self.data)


@dataclass
class Segment:
    """One TCP segment of a conversation (sequence numbers are absolute)."""
    conv: "TcpConversation"
    from_client: bool
    time_ns: int
    seq: int
    ack: int
    flags: int
    payload: bytes = b""
    note: str = ""
    dropped: bool = False
    fragment_mtu: int = 0
    fragment_reverse: bool = False
    order: int = 0
    fragment_offsets: List[int] = field(default_factory=list)

    def describe(self) -> str:
        c = self.conv
        names = "".join(n for bit, n in ((SYN, "S"), (FIN, "F"), (RST, "R"), (PSH, "P"), (ACK, "A")) if self.flags & bit)
        isn = c.client_isn if self.from_client else c.server_isn
        # relative numbers as Wireshark shows them (ISN = 0)
        rel_seq = (self.seq - isn) & 0xFFFFFFFF
        peer_isn = c.server_isn if self.from_client else c.client_isn
        rel_ack = (self.ack - peer_isn) & 0xFFFFFFFF if self.flags & ACK else 0
        line = self.payload.split(b"\r\n", 1)[0][:60].decode("latin-1")
        line = "".join(ch if 32 <= ord(ch) < 127 else "." for ch in line)
        text = "%s %-5s seq=%d ack=%d len=%d" % ("C->S" if self.from_client else "S->C", names, rel_seq, rel_ack, len(self.payload))
        if line:
            text += " '" + line + "'"
        if self.note:
            text += "  # " + self.note
        return text


def swap_times(a: Segment, b: Segment) -> None:
    """Exchanges two segments' capture times: the later one is captured first (out of order)."""
    a.time_ns, b.time_ns = b.time_ns, a.time_ns


class TcpConversation:
    """One TCP connection, built segment by segment with explicit times. See the module docstring."""

    _counter = 0

    def __init__(self, client: Tuple[str, int], server: Tuple[str, int], *, client_isn: int = 1000,
                 server_isn: int = 500000, mss: int = 1460, window: int = 65535, checksums: bool = True,
                 client_mac: bytes = b"\x02\0\0\0\0\x05", server_mac: bytes = b"\x02\0\0\0\0\x50"):
        self.client_ip, v6a = _addr(client[0])
        self.server_ip, v6b = _addr(server[0])
        if v6a != v6b:
            raise ValueError("client and server must be the same IP version")
        self.ipv6 = v6a
        self.client_port, self.server_port = client[1], server[1]
        self.client_isn, self.server_isn = client_isn & 0xFFFFFFFF, server_isn & 0xFFFFFFFF
        self.client_next = (client_isn + 1) & 0xFFFFFFFF  # next sequence number each side sends
        self.server_next = (server_isn + 1) & 0xFFFFFFFF
        self.mss, self.window, self.checksums = mss, window, checksums
        self.client_mac, self.server_mac = client_mac, server_mac
        self.segments: List[Segment] = []
        self._ip_id = 1

    # -- raw control -------------------------------------------------------------------------
    def segment(self, from_client: bool, t: int, payload: bytes = b"", flags: int = ACK, seq: Optional[int] = None,
                ack: Optional[int] = None, note: str = "", advance: bool = True) -> Segment:
        """Appends one segment. seq/ack default to the current stream positions; with advance the
        sender's next sequence number moves past the payload (and SYN/FIN)."""
        if seq is None:
            seq = self.client_next if from_client else self.server_next
        if ack is None:
            ack = self.server_next if from_client else self.client_next
        TcpConversation._counter += 1
        s = Segment(self, from_client, t, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, flags, bytes(payload), note,
                    order=TcpConversation._counter)
        self.segments.append(s)
        if advance:
            n = (seq + len(payload) + (1 if flags & (SYN | FIN) else 0)) & 0xFFFFFFFF
            if from_client:
                self.client_next = n
            else:
                self.server_next = n
        return s

    # -- handshake and teardown --------------------------------------------------------------
    def handshake(self, t: int, rtt: int = 1 * MS, note: str = "") -> List[Segment]:
        syn = self.segment(True, t, flags=SYN, seq=self.client_isn, ack=0, note=note or "SYN")
        syn_ack = self.segment(False, t + rtt // 2, flags=SYN | ACK, seq=self.server_isn, note="SYN-ACK")
        ack = self.segment(True, t + rtt, flags=ACK, note="handshake ACK")
        return [syn, syn_ack, ack]

    def send(self, from_client: bool, data: bytes, t: int, *, mss: Optional[int] = None, spacing: int = 10 * US,
             ack: bool = True, ack_delay: int = 100 * US, ack_to: Optional[int] = None,
             note: str = "") -> List[Segment]:
        """Sends data in MSS-sized segments `spacing` apart (PSH on the last); with ack the peer
        acknowledges everything `ack_delay` after the last segment. ack_to: the acknowledgement
        number the data segments carry (default: all the peer sent), e.g. to leave peer data unacked."""
        mss = mss or self.mss
        out = []
        chunks = [data[i:i + mss] for i in range(0, len(data), mss)] or [b""]
        for i, chunk in enumerate(chunks):
            flags = ACK | (PSH if i == len(chunks) - 1 else 0)
            out.append(self.segment(from_client, t + i * spacing, chunk, flags, ack=ack_to,
                                    note=note if i == 0 else ""))
        if ack:
            out.append(self.segment(not from_client, t + (len(chunks) - 1) * spacing + ack_delay, flags=ACK))
        return out

    def client_send(self, data: bytes, t: int, **kw) -> List[Segment]:
        return self.send(True, data, t, **kw)

    def server_send(self, data: bytes, t: int, **kw) -> List[Segment]:
        return self.send(False, data, t, **kw)

    def ack(self, from_client: bool, t: int, note: str = "") -> Segment:
        return self.segment(from_client, t, flags=ACK, note=note)

    def fin(self, from_client: bool, t: int, ack: bool = True, ack_delay: int = 100 * US, note: str = "") -> List[Segment]:
        out = [self.segment(from_client, t, flags=FIN | ACK, note=note or "FIN")]
        if ack:
            out.append(self.segment(not from_client, t + ack_delay, flags=ACK))
        return out

    def client_fin(self, t: int, **kw) -> List[Segment]:
        return self.fin(True, t, **kw)

    def server_fin(self, t: int, **kw) -> List[Segment]:
        return self.fin(False, t, **kw)

    def rst(self, from_client: bool, t: int, with_ack: bool = True, ack_to: Optional[int] = None,
            note: str = "") -> Segment:
        return self.segment(from_client, t, flags=RST | (ACK if with_ack else 0), ack=ack_to, note=note or "RST",
                            advance=False)

    def client_rst(self, t: int, **kw) -> Segment:
        return self.rst(True, t, **kw)

    def server_rst(self, t: int, **kw) -> Segment:
        return self.rst(False, t, **kw)

    # -- editing ---------------------------------------------------------------------------
    def retransmit(self, seg: Segment, t: int, note: str = "retransmission") -> Segment:
        return self.segment(seg.from_client, t, seg.payload, seg.flags, seq=seg.seq, ack=seg.ack, note=note,
                            advance=False)

    def drop(self, seg: Segment, note: str = "lost: not in the capture") -> Segment:
        seg.dropped = True
        seg.note = note
        return seg

    def fragment(self, seg: Segment, mtu: int = 576, reverse: bool = False) -> Segment:
        seg.fragment_mtu = mtu
        seg.fragment_reverse = reverse
        return seg

    # -- output ------------------------------------------------------------------------------
    def ip_packets(self, seg: Segment) -> List[bytes]:
        src, dst = (self.client_ip, self.server_ip) if seg.from_client else (self.server_ip, self.client_ip)
        sport, dport = (self.client_port, self.server_port) if seg.from_client else (self.server_port, self.client_port)
        tcp = tcp_header(sport, dport, seg.seq, seg.ack, seg.flags, self.window, seg.payload,
                         (src, dst) if self.checksums else None) + seg.payload
        ident = self._ip_id
        self._ip_id = (self._ip_id + 1) & 0xFFFF
        if not seg.fragment_mtu:
            if self.ipv6:
                return [ipv6_packet(src, dst, 6, tcp)]
            return [ipv4_packet(src, dst, 6, tcp, ident)]
        step = max(8, ((seg.fragment_mtu - (48 if self.ipv6 else 20)) // 8) * 8)
        pieces = []
        seg.fragment_offsets = list(range(0, len(tcp), step))
        if seg.fragment_reverse:
            seg.fragment_offsets.reverse()
        for off in range(0, len(tcp), step):
            part = tcp[off:off + step]
            more = off + step < len(tcp)
            if self.ipv6:
                frag = struct.pack("!HI", off | (1 if more else 0), ident)
                pieces.append(ipv6_packet(src, dst, 6, part, extensions=[(44, frag)]))
            else:
                pieces.append(ipv4_packet(src, dst, 6, part, ident, more=more, offset=off, dont_fragment=False))
        return list(reversed(pieces)) if seg.fragment_reverse else pieces

    def frames(self, link: "LinkLayer" = None) -> List[Frame]:
        """The frames of every segment not dropped, sorted by time (stable)."""
        link = link or Ethernet()
        out = []
        for seg in sorted((s for s in self.segments if not s.dropped), key=lambda s: (s.time_ns, s.order)):
            packets = self.ip_packets(seg)
            for i, p in enumerate(packets):
                note = seg.describe()
                if len(packets) > 1:
                    note += "  [IP fragment at offset %d, %d of %d sent]" % (seg.fragment_offsets[i], i + 1, len(packets))
                out.append(Frame(seg.time_ns + i * US, link.wrap(p, seg.from_client, self), note=note))
        return out


def merge_frames(*frame_lists: Iterable[Frame]) -> List[Frame]:
    """Interleaves frames of several conversations by time (stable)."""
    allf = [f for fl in frame_lists for f in fl]
    return sorted(allf, key=lambda f: f.time_ns)


# -- link layers ------------------------------------------------------------------------------
class LinkLayer:
    linktype = LINKTYPE_ETHERNET

    def wrap(self, ip: bytes, from_client: bool, conv: Optional[TcpConversation]) -> bytes:
        raise NotImplementedError


def _ethertype(ip: bytes) -> int:
    return 0x86DD if ip[0] >> 4 == 6 else 0x0800


class Ethernet(LinkLayer):
    """Ethernet II; vlans: list of VLAN ids (802.1Q tags, outermost first) or (tpid, id) pairs."""
    linktype = LINKTYPE_ETHERNET

    def __init__(self, vlans: Sequence[Union[int, Tuple[int, int]]] = ()):
        self.vlans = list(vlans)

    def wrap(self, ip, from_client, conv):
        cm = conv.client_mac if conv else b"\x02\0\0\0\0\x01"
        sm = conv.server_mac if conv else b"\x02\0\0\0\0\x02"
        src, dst = (cm, sm) if from_client else (sm, cm)
        tags = b""
        types = []
        for v in self.vlans:
            tpid, vid = v if isinstance(v, tuple) else (0x8100, v)
            types.append((tpid, vid))
        hdr_type = types[0][0] if types else _ethertype(ip)
        for i, (tpid, vid) in enumerate(types):
            inner = types[i + 1][0] if i + 1 < len(types) else _ethertype(ip)
            tags += struct.pack("!HH", vid & 0x0FFF, inner)
        return dst + src + struct.pack("!H", hdr_type) + tags + ip


class Sll(LinkLayer):
    """Linux cooked capture v1 (tcpdump -i any)."""
    linktype = LINKTYPE_LINUX_SLL

    def wrap(self, ip, from_client, conv):
        mac = (conv.client_mac if from_client else conv.server_mac) if conv else b"\x02\0\0\0\0\x01"
        pkttype = 4 if from_client else 0  # outgoing / to us, seen from the server
        return struct.pack("!HHH8sH", pkttype, 1, 6, mac + b"\0\0", _ethertype(ip)) + ip


class Sll2(LinkLayer):
    """Linux cooked capture v2."""
    linktype = LINKTYPE_LINUX_SLL2

    def wrap(self, ip, from_client, conv):
        mac = (conv.client_mac if from_client else conv.server_mac) if conv else b"\x02\0\0\0\0\x01"
        pkttype = 4 if from_client else 0
        return struct.pack("!HHIHBB8s", _ethertype(ip), 0, 2, 1, pkttype, 6, mac + b"\0\0") + ip


class RawIp(LinkLayer):
    """No link header: LINKTYPE_RAW (default), LINKTYPE_IPV4 or LINKTYPE_IPV6."""

    def __init__(self, linktype: int = LINKTYPE_RAW):
        self.linktype = linktype

    def wrap(self, ip, from_client, conv):
        return ip


class NullLoopback(LinkLayer):
    """BSD loopback: 4-byte address family in the capturing host's byte order."""
    linktype = LINKTYPE_NULL

    def __init__(self, big_endian: bool = False, af_inet6: int = 24):
        self.big_endian, self.af_inet6 = big_endian, af_inet6

    def wrap(self, ip, from_client, conv):
        af = self.af_inet6 if ip[0] >> 4 == 6 else 2
        return struct.pack(">I" if self.big_endian else "<I", af) + ip


class Loop(LinkLayer):
    """OpenBSD loopback: address family in network byte order."""
    linktype = LINKTYPE_LOOP

    def wrap(self, ip, from_client, conv):
        return struct.pack(">I", 24 if ip[0] >> 4 == 6 else 2) + ip


def udp_frame(t: int, src: str, sport: int, dst: str, dport: int, payload: bytes, link: LinkLayer = None,
              note: str = "") -> Frame:
    """A UDP datagram (e.g. DNS) for captures that mix in non-TCP traffic."""
    s, v6 = _addr(src)
    d, _ = _addr(dst)
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = ipv6_packet(s, d, 17, udp) if v6 else ipv4_packet(s, d, 17, udp)
    return Frame(t, (link or Ethernet()).wrap(ip, True, None), note=note or "UDP %d -> %d" % (sport, dport))


# -- pcap -------------------------------------------------------------------------------------
def pcap_bytes(frames: Iterable[Frame], linktype: int, nanoseconds: bool = False, big_endian: bool = False,
               snaplen: int = 262144) -> bytes:
    e = ">" if big_endian else "<"
    magic = 0xA1B23C4D if nanoseconds else 0xA1B2C3D4
    out = [struct.pack(e + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)]
    for f in frames:
        data = f.data[:snaplen]
        sec, ns = divmod(f.time_ns, S)
        frac = ns if nanoseconds else ns // 1000
        out.append(struct.pack(e + "IIII", sec, frac, len(data), f.wire_len))
        out.append(data)
    return b"".join(out)


def write_pcap(path, frames: Iterable[Frame], linktype: int, **kw) -> None:
    with open(path, "wb") as fh:
        fh.write(pcap_bytes(frames, linktype, **kw))


# -- pcapng -----------------------------------------------------------------------------------
def _pad4(b: bytes) -> bytes:
    return b + b"\0" * (-len(b) % 4)


class PcapngWriter:
    """Writes pcapng block by block; see the module docstring."""

    def __init__(self, big_endian: bool = False):
        self.big_endian = big_endian
        self.blocks: List[bytes] = []
        self.resolutions: List[Tuple[bool, int, int]] = []  # per interface: (binary, exponent, offset s)

    @property
    def _e(self) -> str:
        return ">" if self.big_endian else "<"

    def _options(self, options: Sequence[Tuple[int, bytes]]) -> bytes:
        if not options:
            return b""
        out = b""
        for code, value in options:
            out += struct.pack(self._e + "HH", code, len(value)) + _pad4(value)
        return out + struct.pack(self._e + "HH", 0, 0)

    def block(self, block_type: int, body: bytes) -> bytes:
        """Appends a raw block (body padded to 4 bytes) and returns its bytes."""
        body = _pad4(body)
        total = len(body) + 12
        b = struct.pack(self._e + "II", block_type, total) + body + struct.pack(self._e + "I", total)
        self.blocks.append(b)
        return b

    def section(self, big_endian: Optional[bool] = None, userappl: str = "pcapgen",
                options: Sequence[Tuple[int, bytes]] = ()) -> None:
        """Starts a new section (resets interface numbering)."""
        if big_endian is not None:
            self.big_endian = big_endian
        self.resolutions = []
        opts = list(options)
        if userappl:
            opts.append((4, userappl.encode()))
        body = struct.pack(self._e + "IHHq", 0x1A2B3C4D, 1, 0, -1) + self._options(opts)
        self.block(0x0A0D0D0A, body)

    def interface(self, linktype: int, snaplen: int = 0, tsresol: Union[None, int, Tuple[str, int]] = None,
                  tsoffset: Optional[int] = None, name: Optional[str] = None) -> int:
        """Adds an IDB; tsresol=9 for 10^-9 s, ("2", 20) for 2^-20 s; tsoffset in seconds."""
        opts = []
        binary, exp = False, 6
        if name:
            opts.append((2, name.encode()))
        if tsresol is not None:
            if isinstance(tsresol, tuple):
                binary, exp = True, tsresol[1]
                opts.append((9, bytes([0x80 | exp])))
            else:
                exp = tsresol
                opts.append((9, bytes([exp])))
        if tsoffset is not None:
            opts.append((14, struct.pack(self._e + "q", tsoffset)))
        self.block(1, struct.pack(self._e + "HHI", linktype, 0, snaplen) + self._options(opts))
        self.resolutions.append((binary, exp, tsoffset or 0))
        return len(self.resolutions) - 1

    def timestamp(self, iface: int, time_ns: int) -> int:
        """The 64-bit timestamp for time_ns on an interface (its resolution and offset applied)."""
        binary, exp, offset = self.resolutions[iface] if iface < len(self.resolutions) else (False, 6, 0)
        t = time_ns - offset * S
        if binary:
            return (t << exp) // S
        return t * 10 ** exp // S if exp <= 9 else t * 10 ** (exp - 9)

    def epb(self, iface: int, frame: Frame, snaplen: Optional[int] = None, ts: Optional[int] = None,
            options: Sequence[Tuple[int, bytes]] = ()) -> bytes:
        data = frame.data if snaplen is None else frame.data[:snaplen]
        ts = self.timestamp(iface, frame.time_ns) if ts is None else ts
        body = struct.pack(self._e + "IIIII", iface, ts >> 32, ts & 0xFFFFFFFF, len(data), frame.wire_len)
        return self.block(6, _pad4(body + data) + self._options(options))

    def spb(self, frame: Frame, snaplen: Optional[int] = None) -> bytes:
        data = frame.data if snaplen is None else frame.data[:snaplen]
        return self.block(3, struct.pack(self._e + "I", frame.wire_len) + data)

    def pb(self, iface: int, frame: Frame, drops: int = 0) -> bytes:
        ts = self.timestamp(iface, frame.time_ns)
        body = struct.pack(self._e + "HHIIII", iface, drops, ts >> 32, ts & 0xFFFFFFFF, len(frame.data), frame.wire_len)
        return self.block(2, body + frame.data)

    def nrb(self, names: dict) -> bytes:
        import ipaddress
        body = b""
        for addr, name in names.items():
            a = ipaddress.ip_address(addr)
            value = a.packed + name.encode() + b"\0"
            body += struct.pack(self._e + "HH", 1 if a.version == 4 else 2, len(value)) + _pad4(value)
        return self.block(4, body + struct.pack(self._e + "HH", 0, 0))

    def isb(self, iface: int, time_ns: int = 0, drops: Optional[int] = None, received: Optional[int] = None) -> bytes:
        ts = self.timestamp(iface, time_ns)
        opts = []
        if received is not None:
            opts.append((4, struct.pack(self._e + "Q", received)))
        if drops is not None:
            opts.append((5, struct.pack(self._e + "Q", drops)))
        return self.block(5, struct.pack(self._e + "III", iface, ts >> 32, ts & 0xFFFFFFFF) + self._options(opts))

    def dsb(self, secrets: bytes, secrets_type: int = 0x544c534b) -> bytes:
        return self.block(0x0A, struct.pack(self._e + "II", secrets_type, len(secrets)) + secrets)

    def custom(self, data: bytes, pen: int = 32473, copyable: bool = True) -> bytes:
        return self.block(0x00000BAD if copyable else 0x40000BAD, struct.pack(self._e + "I", pen) + data)

    def bytes(self) -> bytes:
        return b"".join(self.blocks)

    def write(self, path) -> None:
        with open(path, "wb") as fh:
            fh.write(self.bytes())


# -- manifests --------------------------------------------------------------------------------
def _iso(time_ns: int) -> str:
    sec, ns = divmod(time_ns, S)
    when = _dt.datetime.fromtimestamp(sec, _dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % (ns // 1000)


def manifest(frames: Sequence[Frame]) -> List[str]:
    return ["%5d  %s  %s" % (i + 1, _iso(f.time_ns), f.note) for i, f in enumerate(frames)]


def write_manifest(path, title: str, frames: Sequence[Frame], extra: Sequence[str] = ()) -> None:
    lines = [title, ""] + list(extra) + ([""] if extra else []) + ["frame  time (UTC)                    what"]
    lines += manifest(frames)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
