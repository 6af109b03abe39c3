#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the GUI tests' small incident bundle into tests/data/ui/bundle/ (deterministic).

bundle/
  W3SVC1/u_ex261121.log   W3C, IIS 8.5 field set, 10:00-10:59 UTC on 2026-11-21: 360 requests,
                          5xx bursts at 10:20 and 10:40, win32 64 aborts; line 25 is garbage (rejected)
  W3SVC2/u_ex261121.log   W3C, a second site, 60 requests
  HTTPERR/httperr1.log    HTTP.sys error log, 48 lines (Timer_ConnectionIdle, Timer_HeaderWait with empty
                          request fields, QueueFull 503, Connection_Abandoned_By_AppPool); line 12 is short
  capture/trace.pcap      3 TCP connections to 10.0.0.50:80 (see write_pcap)
  README.txt              not a log: listed as not recognised

Run: python3 tests/data/ui/gen_ui_fixtures.py
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "bundle")
DAY = "2026-11-21"


def hms(seconds):
    return "%02d:%02d:%02d" % (10 + seconds // 3600, seconds // 60 % 60, seconds % 60)


def write(rel, text, mode="w"):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode, newline="" if mode == "w" else None) as f:
        f.write(text)


def w3c_site1():
    lines = ["#Software: Microsoft Internet Information Services 8.5", "#Version: 1.0",
             "#Date: %s 10:00:00" % DAY,
             "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
             "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"]
    uris = ["/", "/api/orders", "/api/upload", "/static/app.js", "/login"]
    agents = ["Mozilla/5.0+(Windows+NT+10.0)", "curl/8.4.0", "-"]
    for i in range(360):
        t = i * 10  # one request every 10 s over the hour
        uri = uris[i % len(uris)]
        method = "POST" if uri == "/api/upload" else "GET"
        client = "10.0.0.%d" % (5 + i % 4)
        status, win32, taken = 200, 0, 15 + (i * 37) % 400
        if 1200 <= t < 1320 or 2400 <= t < 2460:  # the 5xx bursts
            status, taken = (503, 2) if i % 2 else (500, 850)
        if i % 45 == 7:
            win32, taken = 64, 30000  # client went away
        query = "id=%d" % i if uri == "/api/orders" else "-"
        lines.append("%s %s 10.0.0.50 %s %s %s 80 - %s %s - %d 0 %d %d" %
                     (DAY, hms(t), method, uri, query, client, agents[i % 3], status, win32, taken))
        if len(lines) == 24:
            lines.append("this line is not a W3C record")  # line 25
    write("W3SVC1/u_ex261121.log", "\r\n".join(lines) + "\r\n")


def w3c_site2():
    lines = ["#Software: Microsoft Internet Information Services 8.5", "#Version: 1.0",
             "#Date: %s 10:00:00" % DAY,
             "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
             "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"]
    for i in range(60):
        status = 404 if i % 12 == 5 else 200
        lines.append("%s %s 10.0.0.51 GET /portal/page%d - 443 - 10.0.1.%d Mozilla/5.0 - %d 0 0 %d" %
                     (DAY, hms(i * 60 + 5), i % 6, 20 + i % 3, status, 40 + i))
    write("W3SVC2/u_ex261121.log", "\r\n".join(lines) + "\r\n")


def httperr():
    lines = ["#Software: Microsoft HTTP API 2.0", "#Version: 1.0", "#Date: %s 10:00:00" % DAY,
             "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid "
             "s-reason s-queuename"]
    for i in range(48):
        t = 30 + i * 75
        port = 50000 + i
        if i % 4 == 0:
            rest = "- - - - - Timer_ConnectionIdle -"
        elif i % 4 == 1:
            rest = "- - - - - Timer_HeaderWait -"
        elif 1200 <= t < 1500 or 2400 <= t < 2600:
            rest = "HTTP/1.1 GET /api/orders 503 1 QueueFull DefaultAppPool"
        else:
            rest = "HTTP/1.1 POST /api/upload - 1 Connection_Abandoned_By_AppPool DefaultAppPool"
        lines.append("%s %s 10.0.0.%d %d 10.0.0.50 80 %s" % (DAY, hms(t), 5 + i % 3, port, rest))
        if len(lines) == 11:
            lines.append("%s %s 10.0.0.9" % (DAY, hms(t + 1)))  # line 12: too few fields
    write("HTTPERR/httperr1.log", "\r\n".join(lines) + "\r\n")


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip4(text):
    return bytes(int(x) for x in text.split("."))


class Pcap:
    """Ethernet/IPv4/TCP frames with correct lengths and checksums."""

    def __init__(self):
        self.frames = []

    def packet(self, t, src, sport, dst, dport, seq, ack, flags, payload=b""):
        tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
        pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(tcp))
        tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
        iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), len(self.frames) & 0xFFFF, 0x4000, 128, 6, 0,
                          ip4(src), ip4(dst))
        iph = iph[:10] + struct.pack("!H", checksum(iph)) + iph[12:]
        eth = b"\x00\x15\x5d\x00\x00\x02" + b"\x00\x15\x5d\x00\x00\x01" + b"\x08\x00"
        self.frames.append((t, eth + iph + tcp))

    def bytes(self):
        out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
        for t, frame in self.frames:
            sec = int(t)
            usec = int(round((t - sec) * 1e6))
            out += struct.pack("<IIII", sec, usec, len(frame), len(frame)) + frame
        return out


class Tcp:
    SYN, ACK, PSH, FIN, RST = 0x02, 0x10, 0x08, 0x01, 0x04

    def __init__(self, pcap, client, cport, server, sport):
        self.p, self.c, self.cp, self.s, self.sp = pcap, client, cport, server, sport
        self.cseq, self.sseq = 1000, 5000

    def handshake(self, t):
        self.p.packet(t, self.c, self.cp, self.s, self.sp, self.cseq, 0, self.SYN)
        self.cseq += 1
        self.p.packet(t + 0.0004, self.s, self.sp, self.c, self.cp, self.sseq, self.cseq, self.SYN | self.ACK)
        self.sseq += 1
        self.p.packet(t + 0.0008, self.c, self.cp, self.s, self.sp, self.cseq, self.sseq, self.ACK)

    def client(self, t, data, extra=0):
        self.p.packet(t, self.c, self.cp, self.s, self.sp, self.cseq, self.sseq, self.ACK | self.PSH | extra, data)
        self.cseq += len(data) + (1 if extra & self.FIN else 0)

    def server(self, t, data, extra=0):
        self.p.packet(t, self.s, self.sp, self.c, self.cp, self.sseq, self.cseq, self.ACK | self.PSH | extra, data)
        self.sseq += len(data) + (1 if extra & self.FIN else 0)

    def server_rst(self, t):
        self.p.packet(t, self.s, self.sp, self.c, self.cp, self.sseq, self.cseq, self.RST | self.ACK)


def epoch(seconds_after_ten):
    # 2026-11-21 10:00:00 UTC
    return 1795255200 + seconds_after_ten


def write_pcap():
    """Connection 1 (10.0.0.5:51000): POST with Expect: 100-continue; 100, body, 200, then a stray
    100 Continue after the final response (IIS 6.0, the KB898708 fingerprint); client FIN.
    Connection 2 (10.0.0.6:51010): two keep-alive GETs (200, 404); server FIN.
    Connection 3 (10.0.0.7:51234): chunked POST cut off by a server RST without a response."""
    p = Pcap()
    crlf = "\r\n"
    c1 = Tcp(p, "10.0.0.5", 51000, "10.0.0.50", 80)
    t = epoch(300)
    c1.handshake(t)
    c1.client(t + 0.01, ("POST /api/upload HTTP/1.1" + crlf + "Host: app.example" + crlf +
                         "Content-Length: 11" + crlf + "Expect: 100-continue" + crlf + crlf).encode())
    c1.server(t + 0.02, ("HTTP/1.1 100 Continue" + crlf + crlf).encode())
    c1.client(t + 0.03, b"hello=world")
    c1.server(t + 0.05, ("HTTP/1.1 200 OK" + crlf + "Server: Microsoft-IIS/6.0" + crlf + "Content-Length: 2" +
                         crlf + crlf + "OK").encode())
    c1.server(t + 0.06, ("HTTP/1.1 100 Continue" + crlf + crlf).encode())
    c1.client(t + 0.5, b"", Tcp.FIN)

    c2 = Tcp(p, "10.0.0.6", 51010, "10.0.0.50", 80)
    t = epoch(900)
    c2.handshake(t)
    c2.client(t + 0.01, ("GET / HTTP/1.1" + crlf + "Host: app.example" + crlf + crlf).encode())
    c2.server(t + 0.03, ("HTTP/1.1 200 OK" + crlf + "Server: Microsoft-IIS/6.0" + crlf + "Content-Length: 5" +
                         crlf + crlf + "hello").encode())
    c2.client(t + 1.0, ("GET /missing HTTP/1.1" + crlf + "Host: app.example" + crlf + crlf).encode())
    c2.server(t + 1.02, ("HTTP/1.1 404 Not Found" + crlf + "Server: Microsoft-IIS/6.0" + crlf +
                         "Content-Length: 0" + crlf + crlf).encode())
    c2.server(t + 3.0, b"", Tcp.FIN)

    c3 = Tcp(p, "10.0.0.7", 51234, "10.0.0.50", 80)
    t = epoch(1500)
    c3.handshake(t)
    c3.client(t + 0.01, ("POST /api/upload HTTP/1.1" + crlf + "Host: app.example" + crlf +
                         "Transfer-Encoding: chunked" + crlf + crlf + "5" + crlf + "hello" + crlf).encode())
    c3.server_rst(t + 0.2)
    write("capture/trace.pcap", p.bytes(), "wb")


def main():
    w3c_site1()
    w3c_site2()
    httperr()
    write_pcap()
    write("README.txt", "Bundle collected for ticket 4711: IIS logs and a capture from the web server.\n")


if __name__ == "__main__":
    main()
